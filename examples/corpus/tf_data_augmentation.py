"""Data augmentation: Keras preprocessing layers, then tf.image's random and stateless ops.

Source: https://www.tensorflow.org/tutorials/images/data_augmentation (TensorFlow docs,
Apache-2.0; the tf.keras version of tensorflow/docs commit 4c49f5a, with
``layers.experimental.preprocessing``). Changed: ``tfds.load("tf_flowers", ...)`` (a
download, and the tensorflow_datasets package) is replaced by the three splits of 96, 12
and 12 synthetic flower pictures that ``corpus_data.tf_flowers_splits`` makes (uint8, all
40x48: the real ones vary in size), fed through ``tf.data.Dataset.from_tensor_slices``;
``num_classes`` and ``get_label_name`` come with them instead of from tfds's ``metadata``;
``IMG_SIZE`` is 32 (was 180) and the stateless crop's size ``[30, 40, 3]`` (was
``[210, 300, 3]``, larger than these pictures); 2 epochs (were 5); the matplotlib figures
are left out (``visualize`` and the ``plt`` calls: the pictures' shapes are printed
instead).
"""
import numpy as np
import tensorflow as tf

from tensorflow.keras import layers
from tensorflow.keras.datasets import mnist  # noqa: F401 - the tutorial's import

import corpus_data


def load_flowers():
    splits, label_names = corpus_data.tf_flowers_splits()
    return [tf.data.Dataset.from_tensor_slices(split) for split in splits], label_names


(train_ds, val_ds, test_ds), label_names = load_flowers()

num_classes = len(label_names)
print(num_classes)

get_label_name = label_names.__getitem__

image, label = next(iter(train_ds))
print(image.shape, get_label_name(int(label)))

"""
## Use Keras preprocessing layers
"""

IMG_SIZE = 32

resize_and_rescale = tf.keras.Sequential([
  layers.experimental.preprocessing.Resizing(IMG_SIZE, IMG_SIZE),
  layers.experimental.preprocessing.Rescaling(1./255)
])

result = resize_and_rescale(image)
print("Min and max pixel values:", result.numpy().min(), result.numpy().max())

data_augmentation = tf.keras.Sequential([
  layers.experimental.preprocessing.RandomFlip("horizontal_and_vertical"),
  layers.experimental.preprocessing.RandomRotation(0.2),
])

# Add the image to a batch
image = tf.expand_dims(image, 0)

for i in range(9):
  augmented_image = data_augmentation(image)
  print(augmented_image[0].shape)

# Option 1: Make the preprocessing layers part of your model
model = tf.keras.Sequential([
  resize_and_rescale,
  data_augmentation,
  layers.Conv2D(16, 3, padding='same', activation='relu'),
  layers.MaxPooling2D(),
  # Rest of your model
])

# Option 2: Apply the preprocessing layers to your dataset
aug_ds = train_ds.map(
  lambda x, y: (resize_and_rescale(x, training=True), y))

batch_size = 32
AUTOTUNE = tf.data.AUTOTUNE

def prepare(ds, shuffle=False, augment=False):
  # Resize and rescale all datasets
  ds = ds.map(lambda x, y: (resize_and_rescale(x), y),
              num_parallel_calls=AUTOTUNE)

  if shuffle:
    ds = ds.shuffle(1000)

  # Batch all datasets
  ds = ds.batch(batch_size)

  # Use data augmentation only on the training set
  if augment:
    ds = ds.map(lambda x, y: (data_augmentation(x, training=True), y),
                num_parallel_calls=AUTOTUNE)

  # Use buffered prefecting on all datasets
  return ds.prefetch(buffer_size=AUTOTUNE)

train_ds = prepare(train_ds, shuffle=True, augment=True)
val_ds = prepare(val_ds)
test_ds = prepare(test_ds)

"""
### Train a model
"""

model = tf.keras.Sequential([
  layers.Conv2D(16, 3, padding='same', activation='relu'),
  layers.MaxPooling2D(),
  layers.Conv2D(32, 3, padding='same', activation='relu'),
  layers.MaxPooling2D(),
  layers.Conv2D(64, 3, padding='same', activation='relu'),
  layers.MaxPooling2D(),
  layers.Flatten(),
  layers.Dense(128, activation='relu'),
  layers.Dense(num_classes)
])

model.compile(optimizer='adam',
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=['accuracy'])

epochs=2
history = model.fit(
  train_ds,
  validation_data=val_ds,
  epochs=epochs
)

loss, acc = model.evaluate(test_ds)
print("Accuracy", acc)

"""
### Custom data augmentation
"""

def random_invert_img(x, p=0.5):
  if  tf.random.uniform([]) < p:
    x = (255-x)
  else:
    x
  return x

def random_invert(factor=0.5):
  return layers.Lambda(lambda x: random_invert_img(x, factor))

random_invert = random_invert()

for i in range(9):
  augmented_image = random_invert(image)
  print(augmented_image[0].numpy().astype("uint8").shape)

class RandomInvert(layers.Layer):
  def __init__(self, factor=0.5, **kwargs):
    super().__init__(**kwargs)
    self.factor = factor

  def call(self, x):
    return random_invert_img(x)

print(RandomInvert()(image)[0].shape)

"""
## Using tf.image
"""

(train_ds, val_ds, test_ds), label_names = load_flowers()

image, label = next(iter(train_ds))
print(image.shape, get_label_name(int(label)))

flipped = tf.image.flip_left_right(image)
print(flipped.shape)

grayscaled = tf.image.rgb_to_grayscale(image)
print(tf.squeeze(grayscaled).shape)

saturated = tf.image.adjust_saturation(image, 3)
print(saturated.shape)

bright = tf.image.adjust_brightness(image, 0.4)
print(bright.shape)

cropped = tf.image.central_crop(image, central_fraction=0.5)
print(cropped.shape)

rotated = tf.image.rot90(image)
print(rotated.shape)

"""
### Random transformations
"""

for i in range(3):
  seed = (i, 0)  # tuple of size (2,)
  stateless_random_brightness = tf.image.stateless_random_brightness(
      image, max_delta=0.95, seed=seed)
  print(stateless_random_brightness.shape)

for i in range(3):
  seed = (i, 0)  # tuple of size (2,)
  stateless_random_contrast = tf.image.stateless_random_contrast(
      image, lower=0.1, upper=0.9, seed=seed)
  print(stateless_random_contrast.shape)

for i in range(3):
  seed = (i, 0)  # tuple of size (2,)
  stateless_random_crop = tf.image.stateless_random_crop(
      image, size=[30, 40, 3], seed=seed)
  print(stateless_random_crop.shape)

"""
### Apply augmentation to a dataset
"""

(train_datasets, val_ds, test_ds), label_names = load_flowers()

def resize_and_rescale(image, label):
  image = tf.cast(image, tf.float32)
  image = tf.image.resize(image, [IMG_SIZE, IMG_SIZE])
  image = (image / 255.0)
  return image, label

def augment(image_label, seed):
  image, label = image_label
  image, label = resize_and_rescale(image, label)
  image = tf.image.resize_with_crop_or_pad(image, IMG_SIZE + 6, IMG_SIZE + 6)
  # Make a new seed
  new_seed = tf.random.experimental.stateless_split(seed, num=1)[0, :]
  # Random crop back to the original size
  image = tf.image.stateless_random_crop(
      image, size=[IMG_SIZE, IMG_SIZE, 3], seed=seed)
  # Random brightness
  image = tf.image.stateless_random_brightness(
      image, max_delta=0.5, seed=new_seed)
  image = tf.clip_by_value(image, 0, 1)
  return image, label

# Option 1: Using tf.data.experimental.Counter()
# Create counter and zip together with train dataset
counter = tf.data.experimental.Counter()
train_ds = tf.data.Dataset.zip((train_datasets, (counter, counter)))

train_ds = (
    train_ds
    .shuffle(1000)
    .map(augment, num_parallel_calls=AUTOTUNE)
    .batch(batch_size)
    .prefetch(AUTOTUNE)
)

val_ds = (
    val_ds
    .map(resize_and_rescale, num_parallel_calls=AUTOTUNE)
    .batch(batch_size)
    .prefetch(AUTOTUNE)
)

test_ds = (
    test_ds
    .map(resize_and_rescale, num_parallel_calls=AUTOTUNE)
    .batch(batch_size)
    .prefetch(AUTOTUNE)
)

# Option 2: Using tf.random.Generator
# Create a generator
rng = tf.random.Generator.from_seed(123, alg='philox')

# A wrapper function for updating seeds
def f(x, y):
  seed = rng.make_seeds(2)[0]
  image, label = augment((x, y), seed)
  return image, label

train_ds = (
    train_datasets
    .shuffle(1000)
    .map(f, num_parallel_calls=AUTOTUNE)
    .batch(batch_size)
    .prefetch(AUTOTUNE)
)

val_ds = (
    val_ds
    .map(resize_and_rescale, num_parallel_calls=AUTOTUNE)
    .batch(batch_size)
    .prefetch(AUTOTUNE)
)

test_ds = (
    test_ds
    .map(resize_and_rescale, num_parallel_calls=AUTOTUNE)
    .batch(batch_size)
    .prefetch(AUTOTUNE)
)
