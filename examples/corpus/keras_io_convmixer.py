"""Image classification with ConvMixer: a data augmentation Sequential (RandomCrop,
RandomFlip) mapped over batches of a tf.data pipeline, Rescaling, a patch stem of a strided
Conv2D, blocks of a depthwise convolution written as ``Conv2D(groups=filters)`` with gelu
activations, BatchNormalization and a residual Add, pointwise Conv2D, GlobalAvgPool2D; the
AdamW optimizer, a save_best_only ModelCheckpoint of weights only on val_accuracy loaded
back before evaluate, then each 5x5 convolution listed through ``get_config()`` and a
layer's kernel read with get_weights.

Source: https://keras.io/examples/vision/convmixer/ (Sayak Paul, keras-io, Apache-2.0; the
Keras 2 version, last modified 2021/10/12). Changed: the CIFAR-10 download is replaced by
``corpus_data.cifar10(n_train=40, n_test=10)`` (was 50000 and 10000 pictures);
``num_epochs = 2`` (was 10); ``tfa.optimizers.AdamW`` from TensorFlow Addons (not
installed here) is replaced by ``keras.optimizers.AdamW`` with the same arguments; the
matplotlib plots of the patch embeddings and of a kernel are left out (the weights' shapes
are printed instead); the checkpoint is ``./checkpoint`` in the working folder (was
``/tmp/checkpoint``, which other corpus programs run side by side may write too).
"""

from tensorflow.keras import layers
from tensorflow import keras

import tensorflow as tf

import corpus_data

"""
## Hyperparameters
"""

learning_rate = 0.001
weight_decay = 0.0001
batch_size = 128
num_epochs = 2

"""
## Load the CIFAR-10 dataset
"""

(x_train, y_train), (x_test, y_test) = corpus_data.cifar10(n_train=40, n_test=10)
val_split = 0.1

val_indices = int(len(x_train) * val_split)
new_x_train, new_y_train = x_train[val_indices:], y_train[val_indices:]
x_val, y_val = x_train[:val_indices], y_train[:val_indices]

print(f"Training data samples: {len(new_x_train)}")
print(f"Validation data samples: {len(x_val)}")
print(f"Test data samples: {len(x_test)}")

"""
## Prepare `tf.data.Dataset` objects
"""

image_size = 32
auto = tf.data.AUTOTUNE

data_augmentation = keras.Sequential(
    [layers.RandomCrop(image_size, image_size), layers.RandomFlip("horizontal"),],
    name="data_augmentation",
)


def make_datasets(images, labels, is_train=False):
    dataset = tf.data.Dataset.from_tensor_slices((images, labels))
    if is_train:
        dataset = dataset.shuffle(batch_size * 10)
    dataset = dataset.batch(batch_size)
    if is_train:
        dataset = dataset.map(
            lambda x, y: (data_augmentation(x), y), num_parallel_calls=auto
        )
    return dataset.prefetch(auto)


train_dataset = make_datasets(new_x_train, new_y_train, is_train=True)
val_dataset = make_datasets(x_val, y_val)
test_dataset = make_datasets(x_test, y_test)

"""
## ConvMixer utilities
"""


def activation_block(x):
    x = layers.Activation("gelu")(x)
    return layers.BatchNormalization()(x)


def conv_stem(x, filters: int, patch_size: int):
    x = layers.Conv2D(filters, kernel_size=patch_size, strides=patch_size)(x)
    return activation_block(x)


def conv_mixer_block(x, filters: int, kernel_size: int):
    # Depthwise convolution.
    x0 = x
    x = layers.Conv2D(filters, kernel_size=kernel_size, groups=filters, padding="same")(
        x
    )
    x = layers.Add()([activation_block(x), x0])  # Residual.

    # Pointwise convolution.
    x = layers.Conv2D(filters, kernel_size=1)(x)
    x = activation_block(x)

    return x


def get_conv_mixer_256_8(
    image_size=32, filters=256, depth=8, kernel_size=5, patch_size=2, num_classes=10
):
    """ConvMixer-256/8: https://openreview.net/pdf?id=TVHS5Y4dNvM.

    The hyperparameter values are taken from the paper.
    """
    inputs = keras.Input((image_size, image_size, 3))
    x = layers.Rescaling(scale=1.0 / 255)(inputs)

    # Extract patch embeddings.
    x = conv_stem(x, filters, patch_size)

    # ConvMixer blocks.
    for _ in range(depth):
        x = conv_mixer_block(x, filters, kernel_size)

    # Classification block.
    x = layers.GlobalAvgPool2D()(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)

    return keras.Model(inputs, outputs)


"""
## Model training and evaluation utility
"""


def run_experiment(model):
    optimizer = keras.optimizers.AdamW(learning_rate=0.001, weight_decay=0.0001)

    model.compile(
        optimizer=optimizer,
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )

    checkpoint_filepath = "./checkpoint"
    checkpoint_callback = keras.callbacks.ModelCheckpoint(
        checkpoint_filepath,
        monitor="val_accuracy",
        save_best_only=True,
        save_weights_only=True,
    )

    history = model.fit(
        train_dataset,
        validation_data=val_dataset,
        epochs=num_epochs,
        callbacks=[checkpoint_callback],
    )

    model.load_weights(checkpoint_filepath)
    _, accuracy = model.evaluate(test_dataset)
    print(f"Test accuracy: {round(accuracy * 100, 2)}%")

    return history, model


"""
## Train and evaluate model
"""

conv_mixer_model = get_conv_mixer_256_8()
history, conv_mixer_model = run_experiment(conv_mixer_model)

"""
## Visualizing the internals of ConvMixer
"""

patch_embeddings = conv_mixer_model.layers[2].get_weights()[0]
print(patch_embeddings.shape)

# First, print the indices of the convolution layers that are not
# pointwise convolutions.
for i, layer in enumerate(conv_mixer_model.layers):
    if isinstance(layer, layers.Conv2D):
        if layer.get_config()["kernel_size"] == (5, 5):
            print(i, layer)

idx = 26  # Taking a kernel from the middle of the network.

kernel = conv_mixer_model.layers[idx].get_weights()[0]
print(kernel.shape)
