"""Image segmentation: a U-Net of a frozen MobileNetV2 encoder and pix2pix upsample blocks.

Source: https://www.tensorflow.org/tutorials/images/segmentation (TensorFlow docs,
Apache-2.0; tensorflow/docs site/en/tutorials/images/segmentation.ipynb, the version with
the ``Augment`` layer and the class-weight section). Changed: ``tfds.load(
'oxford_iiit_pet:3.*.*', with_info=True)`` (a download, and the tensorflow_datasets
package) is replaced by the same dict-of-features examples (``image``,
``segmentation_mask``, ``label``, ``species``, ``file_name``) that
``corpus_data.oxford_iiit_pet`` makes, 32 train and 80 test pictures of 48x56 with trimaps
drawn as ``corpus_data.oxford_pets`` draws them, sliced by
``tf.data.Dataset.from_tensor_slices``; ``info`` comes from ``corpus_data.tfds_info``;
``pix2pix.upsample`` (from the tensorflow_examples package, not installed here) is
``corpus_data.pix2pix_upsample``, the same Conv2DTranspose / BatchNormalization / ReLU
block; ``tf.keras.applications.MobileNetV2`` is built with ``weights=None`` (its ImageNet
weights are a download), so the encoder is a frozen random one; pictures are resized to
32x32 (were 128x128; MobileNetV2's smallest size is 32), and the layers' size comments are
changed to match; BATCH_SIZE 16 (was 64); 2 epochs (were 20) and the weighted model's fit
2 steps (were 10); the matplotlib figures and IPython's ``clear_output`` are left out
(``display`` prints the size and mode of each picture it would show instead, and the loss
plot is replaced by a print of the history's epochs and lengths); the two values a notebook
cell shows (the per-sample losses and the ``element_spec``) are printed;
``tf.keras.utils.plot_model`` is left out (pydot is not installed beside tf_keras here);
the ``!pip install`` lines are left out. The class-weight fit, which the tutorial expects
to fail, trains under tf_keras 2.21 (it weighs 3-D targets), so the program prints
"Expected AssertionError: " there, as tf_keras does.
"""
import types

import numpy as np

import tensorflow as tf

import corpus_data

# stands in for `from tensorflow_examples.models.pix2pix import pix2pix`
pix2pix = types.SimpleNamespace(upsample=corpus_data.pix2pix_upsample)

splits = corpus_data.oxford_iiit_pet(n_train=32)
dataset = {name: tf.data.Dataset.from_tensor_slices(split) for name, split in splits.items()}
info = corpus_data.tfds_info(train=32, test=80)


def normalize(input_image, input_mask):
  input_image = tf.cast(input_image, tf.float32) / 255.0
  input_mask -= 1
  return input_image, input_mask


def load_image(datapoint):
  input_image = tf.image.resize(datapoint['image'], (32, 32))
  input_mask = tf.image.resize(
    datapoint['segmentation_mask'],
    (32, 32),
    method = tf.image.ResizeMethod.NEAREST_NEIGHBOR,
  )

  input_image, input_mask = normalize(input_image, input_mask)

  return input_image, input_mask


TRAIN_LENGTH = info.splits['train'].num_examples
BATCH_SIZE = 16
BUFFER_SIZE = 1000
STEPS_PER_EPOCH = TRAIN_LENGTH // BATCH_SIZE

train_images = dataset['train'].map(load_image, num_parallel_calls=tf.data.AUTOTUNE)
test_images = dataset['test'].map(load_image, num_parallel_calls=tf.data.AUTOTUNE)


class Augment(tf.keras.layers.Layer):
  def __init__(self, seed=42):
    super().__init__()
    # both use the same seed, so they'll make the same random changes.
    self.augment_inputs = tf.keras.layers.RandomFlip(mode="horizontal", seed=seed)
    self.augment_labels = tf.keras.layers.RandomFlip(mode="horizontal", seed=seed)

  def call(self, inputs, labels):
    inputs = self.augment_inputs(inputs)
    labels = self.augment_labels(labels)
    return inputs, labels


train_batches = (
    train_images
    .cache()
    .shuffle(BUFFER_SIZE)
    .batch(BATCH_SIZE)
    .repeat()
    .map(Augment())
    .prefetch(buffer_size=tf.data.AUTOTUNE))

test_batches = test_images.batch(BATCH_SIZE)


def display(display_list):
  title = ['Input Image', 'True Mask', 'Predicted Mask']

  for i in range(len(display_list)):
    picture = tf.keras.utils.array_to_img(display_list[i])
    print(title[i], picture.size, picture.mode)


for images, masks in train_batches.take(2):
  sample_image, sample_mask = images[0], masks[0]
  display([sample_image, sample_mask])

base_model = tf.keras.applications.MobileNetV2(input_shape=[32, 32, 3], include_top=False,
                                               weights=None)

# Use the activations of these layers
layer_names = [
    'block_1_expand_relu',   # 16x16
    'block_3_expand_relu',   # 8x8
    'block_6_expand_relu',   # 4x4
    'block_13_expand_relu',  # 2x2
    'block_16_project',      # 1x1
]
base_model_outputs = [base_model.get_layer(name).output for name in layer_names]

# Create the feature extraction model
down_stack = tf.keras.Model(inputs=base_model.input, outputs=base_model_outputs)

down_stack.trainable = False

up_stack = [
    pix2pix.upsample(512, 3),  # 1x1 -> 2x2
    pix2pix.upsample(256, 3),  # 2x2 -> 4x4
    pix2pix.upsample(128, 3),  # 4x4 -> 8x8
    pix2pix.upsample(64, 3),   # 8x8 -> 16x16
]


def unet_model(output_channels:int):
  inputs = tf.keras.layers.Input(shape=[32, 32, 3])

  # Downsampling through the model
  skips = down_stack(inputs)
  x = skips[-1]
  skips = reversed(skips[:-1])

  # Upsampling and establishing the skip connections
  for up, skip in zip(up_stack, skips):
    x = up(x)
    concat = tf.keras.layers.Concatenate()
    x = concat([x, skip])

  # This is the last layer of the model
  last = tf.keras.layers.Conv2DTranspose(
      filters=output_channels, kernel_size=3, strides=2,
      padding='same')  #16x16 -> 32x32

  x = last(x)

  return tf.keras.Model(inputs=inputs, outputs=x)


OUTPUT_CLASSES = 3

model = unet_model(output_channels=OUTPUT_CLASSES)
model.compile(optimizer='adam',
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=['accuracy'])

def create_mask(pred_mask):
  pred_mask = tf.math.argmax(pred_mask, axis=-1)
  pred_mask = pred_mask[..., tf.newaxis]
  return pred_mask[0]


def show_predictions(dataset=None, num=1):
  if dataset:
    for image, mask in dataset.take(num):
      pred_mask = model.predict(image)
      display([image[0], mask[0], create_mask(pred_mask)])
  else:
    display([sample_image, sample_mask,
             create_mask(model.predict(sample_image[tf.newaxis, ...]))])


show_predictions()


class DisplayCallback(tf.keras.callbacks.Callback):
  def on_epoch_end(self, epoch, logs=None):
    show_predictions()
    print ('\nSample Prediction after epoch {}\n'.format(epoch+1))


EPOCHS = 2
VAL_SUBSPLITS = 5
VALIDATION_STEPS = info.splits['test'].num_examples//BATCH_SIZE//VAL_SUBSPLITS

model_history = model.fit(train_batches, epochs=EPOCHS,
                          steps_per_epoch=STEPS_PER_EPOCH,
                          validation_steps=VALIDATION_STEPS,
                          validation_data=test_batches,
                          callbacks=[DisplayCallback()])

loss = model_history.history['loss']
val_loss = model_history.history['val_loss']
print(model_history.epoch, len(loss), len(val_loss))

show_predictions(test_batches, 3)

try:
  model_history = model.fit(train_batches, epochs=EPOCHS,
                            steps_per_epoch=STEPS_PER_EPOCH,
                            class_weight = {0:2.0, 1:2.0, 2:1.0})
  assert False
except Exception as e:
  print(f"Expected {type(e).__name__}: {e}")

label = np.array([0,0])
prediction = np.array([[-3., 0], [-3, 0]])
sample_weight = [1, 10]

loss = tf.keras.losses.SparseCategoricalCrossentropy(
    from_logits=True,
    reduction=tf.keras.losses.Reduction.NONE
)
print(loss(label, prediction, sample_weight).numpy())


def add_sample_weights(image, label):
  # The weights for each class, with the constraint that:
  #     sum(class_weights) == 1.0
  class_weights = tf.constant([2.0, 2.0, 1.0])
  class_weights = class_weights/tf.reduce_sum(class_weights)

  # Create an image of `sample_weights` by using the label at each pixel as an
  # index into the `class weights` .
  sample_weights = tf.gather(class_weights, indices=tf.cast(label, tf.int32))

  return image, label, sample_weights


print(train_batches.map(add_sample_weights).element_spec)

weighted_model = unet_model(OUTPUT_CLASSES)
weighted_model.compile(
    optimizer='adam',
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=['accuracy'])

weighted_model.fit(
    train_batches.map(add_sample_weights),
    epochs=1,
    steps_per_epoch=2)
