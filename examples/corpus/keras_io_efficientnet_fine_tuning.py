"""Image classification via fine-tuning with EfficientNet: EfficientNetB0 from scratch,
then a frozen EfficientNetB0 base with a new top, then its top 20 layers unfrozen.

Source: https://keras.io/examples/vision/image_classification_efficientnet_fine_tuning/
(keras-io, examples/vision/image_classification_efficientnet_fine_tuning.py, Apache-2.0;
the tf.keras version, last modified 2020/07/16). Changed: ``tfds.load("stanford_dogs",
...)`` is replaced by the arrays and label info ``corpus_data.stanford_dogs()`` makes (32
training and 8 test pictures, 40x48, of 4 breeds; were 12,000 and 8,580 of 120), fed
through ``tf.data.Dataset.from_tensor_slices``; ``IMG_SIZE`` is 32 (was 224: 32 is the
smallest size EfficientNetB0 takes, and a step's time grows with the size), so the model
trained from scratch is built with ``input_shape=(IMG_SIZE, IMG_SIZE, 3)`` (as the
example's later Keras 3 version builds it: without it the model is made for 224x224, which
its symbolic call on the 32x32 input lets through and ``fit`` refuses);
``batch_size`` is 8 (was 64); the transfer-learning model's EfficientNetB0 is built with
``weights=None`` (was ``weights="imagenet"``, a download) and its kernels drawn again by
``corpus_data.imagenet_stand_in_weights`` (Keras's default draws leave a frozen base's
features vanishingly small), so the frozen base transfers no learned features; 1, 2 and
1 epochs (were 40, 25 and 10); the matplotlib figures are left out (the label names and the
augmented pictures are still computed); ``tf.keras.utils.set_random_seed(1)`` after the
imports, so that each run initializes, augments and drops out alike (on 32 pictures and
two epochs the loss otherwise now and then ends above where it began). On a machine
without a TPU the TPU lookup fails as it does on Colab's CPU runtime and the script goes on
with ``MirroredStrategy``.
"""
# IMG_SIZE is determined by EfficientNet model choice
IMG_SIZE = 32

import tensorflow as tf

import corpus_data

tf.keras.utils.set_random_seed(1)

try:
    tpu = tf.distribute.cluster_resolver.TPUClusterResolver.connect()
    print("Device:", tpu.master())
    strategy = tf.distribute.TPUStrategy(tpu)
except ValueError:
    print("Not connected to a TPU runtime. Using CPU/GPU strategy")
    strategy = tf.distribute.MirroredStrategy()


batch_size = 8

dataset_name = "stanford_dogs"
(ds_train, ds_test), ds_info = corpus_data.stanford_dogs()
ds_train, ds_test = (tf.data.Dataset.from_tensor_slices(split) for split in (ds_train, ds_test))
NUM_CLASSES = ds_info.features["label"].num_classes


size = (IMG_SIZE, IMG_SIZE)
ds_train = ds_train.map(lambda image, label: (tf.image.resize(image, size), label))
ds_test = ds_test.map(lambda image, label: (tf.image.resize(image, size), label))


def format_label(label):
    string_label = label_info.int2str(label)
    return string_label.split("-")[1]


label_info = ds_info.features["label"]
for i, (image, label) in enumerate(ds_train.take(9)):
    print("{}".format(format_label(label)))


from tensorflow.keras.models import Sequential
from tensorflow.keras import layers

img_augmentation = Sequential(
    [
        layers.RandomRotation(factor=0.15),
        layers.RandomTranslation(height_factor=0.1, width_factor=0.1),
        layers.RandomFlip(),
        layers.RandomContrast(factor=0.1),
    ],
    name="img_augmentation",
)

for image, label in ds_train.take(1):
    for i in range(9):
        aug_img = img_augmentation(tf.expand_dims(image, axis=0))
        print(aug_img[0].numpy().astype("uint8").shape, "{}".format(format_label(label)))


# One-hot / categorical encoding
def input_preprocess(image, label):
    label = tf.one_hot(label, NUM_CLASSES)
    return image, label


ds_train = ds_train.map(input_preprocess, num_parallel_calls=tf.data.AUTOTUNE)
ds_train = ds_train.batch(batch_size=batch_size, drop_remainder=True)
ds_train = ds_train.prefetch(tf.data.AUTOTUNE)

ds_test = ds_test.map(input_preprocess)
ds_test = ds_test.batch(batch_size=batch_size, drop_remainder=True)


from tensorflow.keras.applications import EfficientNetB0

with strategy.scope():
    inputs = layers.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
    x = img_augmentation(inputs)
    outputs = EfficientNetB0(include_top=True, weights=None, classes=NUM_CLASSES,
                             input_shape=(IMG_SIZE, IMG_SIZE, 3))(x)

    model = tf.keras.Model(inputs, outputs)
    model.compile(
        optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"]
    )

model.summary()

epochs = 1  # @param {type: "slider", min:10, max:100}
hist = model.fit(ds_train, epochs=epochs, validation_data=ds_test, verbose=2)


def build_model(num_classes):
    inputs = layers.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
    x = img_augmentation(inputs)
    model = EfficientNetB0(include_top=False, input_tensor=x, weights=None)
    corpus_data.imagenet_stand_in_weights(model)

    # Freeze the pretrained weights
    model.trainable = False

    # Rebuild top
    x = layers.GlobalAveragePooling2D(name="avg_pool")(model.output)
    x = layers.BatchNormalization()(x)

    top_dropout_rate = 0.2
    x = layers.Dropout(top_dropout_rate, name="top_dropout")(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="pred")(x)

    # Compile
    model = tf.keras.Model(inputs, outputs, name="EfficientNet")
    optimizer = tf.keras.optimizers.Adam(learning_rate=1e-2)
    model.compile(
        optimizer=optimizer, loss="categorical_crossentropy", metrics=["accuracy"]
    )
    return model


with strategy.scope():
    model = build_model(num_classes=NUM_CLASSES)

epochs = 2  # @param {type: "slider", min:8, max:80}
hist = model.fit(ds_train, epochs=epochs, validation_data=ds_test, verbose=2)


def unfreeze_model(model):
    # We unfreeze the top 20 layers while leaving BatchNorm layers frozen
    for layer in model.layers[-20:]:
        if not isinstance(layer, layers.BatchNormalization):
            layer.trainable = True

    optimizer = tf.keras.optimizers.Adam(learning_rate=1e-4)
    model.compile(
        optimizer=optimizer, loss="categorical_crossentropy", metrics=["accuracy"]
    )


unfreeze_model(model)

epochs = 1  # @param {type: "slider", min:8, max:50}
hist = model.fit(ds_train, epochs=epochs, validation_data=ds_test, verbose=2)
