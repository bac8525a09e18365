"""Gradient Centralization for better training performance: a tf.data pipeline (a Rescaling
layer mapped over examples, shuffle, batch, a Sequential of RandomFlip, RandomRotation and
RandomZoom mapped over batches with ``training=True``, prefetch), a Sequential convnet
(Conv2D, MaxPooling2D, Dropout, Flatten, Dense), an RMSprop subclass overriding
``get_gradients`` to centralize the gradients, a TimeHistory callback timing each epoch, the
same model compiled and fitted twice (with RMSprop, then with the subclass), and the two
histories compared.

Source: https://keras.io/examples/vision/gradient_centralization/ (Rishit Dagli, keras-io,
Apache-2.0; the tf.keras version, last modified 2021/06/18). Changed: ``tfds.load`` of
horses_or_humans (a download, and the tensorflow_datasets package, not installed beside
tf_keras here) is replaced by ``corpus_data.horses_or_humans``, 64 training and 32 test
pictures (were 1027 and 256) of 96x96 (were 300x300; 94 is the smallest size that the five
valid convolutions and poolings leave a pixel of), fed through
``tf.data.Dataset.from_tensor_slices``, with ``metadata`` from ``corpus_data.tfds_info`` and
the picture shape set on it; ``input_shape`` and the first layer's ``input_shape`` are
(96, 96, 3) (were (300, 300, 3)); ``batch_size = 32`` (was 128); 3 epochs a fit (were 10);
the matplotlib plots of the two histories are left out. Since tf_keras 2.11
``keras.optimizers.RMSprop`` is the optimizer that has no ``get_gradients`` (only the legacy
one had it) and whose training step never calls one, so the second fit trains with
RMSprop's own gradients, under tf_keras 2.21 as here. The fits are seeded
(``keras.utils.set_random_seed``), since three epochs of two steps vary a lot from run to
run.
"""

from time import time

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.optimizers import RMSprop

import corpus_data

keras.utils.set_random_seed(42)

"""
## Prepare the data
"""

num_classes = 2
input_shape = (96, 96, 3)
dataset_name = "horses_or_humans"
batch_size = 32
AUTOTUNE = tf.data.AUTOTUNE


def load_horses_or_humans():
    (x_train, y_train), (x_test, y_test) = corpus_data.horses_or_humans()
    metadata = corpus_data.tfds_info(train=len(x_train), test=len(x_test))
    metadata.features = {"image": tf.TensorSpec(x_train.shape[1:], tf.uint8)}
    return (
        tf.data.Dataset.from_tensor_slices((x_train, y_train)),
        tf.data.Dataset.from_tensor_slices((x_test, y_test)),
    ), metadata


(train_ds, test_ds), metadata = load_horses_or_humans()

print(f"Image shape: {metadata.features['image'].shape}")
print(f"Training images: {metadata.splits['train'].num_examples}")
print(f"Test images: {metadata.splits['test'].num_examples}")

"""
## Use Data Augmentation
"""

rescale = layers.Rescaling(1.0 / 255)

data_augmentation = tf.keras.Sequential(
    [
        layers.RandomFlip("horizontal_and_vertical"),
        layers.RandomRotation(0.3),
        layers.RandomZoom(0.2),
    ]
)


def prepare(ds, shuffle=False, augment=False):
    # Rescale dataset
    ds = ds.map(lambda x, y: (rescale(x), y), num_parallel_calls=AUTOTUNE)

    if shuffle:
        ds = ds.shuffle(1024)

    # Batch dataset
    ds = ds.batch(batch_size)

    # Use data augmentation only on the training set
    if augment:
        ds = ds.map(
            lambda x, y: (data_augmentation(x, training=True), y),
            num_parallel_calls=AUTOTUNE,
        )

    # Use buffered prefecting
    return ds.prefetch(buffer_size=AUTOTUNE)


train_ds = prepare(train_ds, shuffle=True, augment=True)
test_ds = prepare(test_ds)

"""
## Define a model
"""

model = keras.Sequential(
    [
        layers.Conv2D(16, (3, 3), activation="relu", input_shape=(96, 96, 3)),
        layers.MaxPooling2D(2, 2),
        layers.Conv2D(32, (3, 3), activation="relu"),
        layers.Dropout(0.5),
        layers.MaxPooling2D(2, 2),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.Dropout(0.5),
        layers.MaxPooling2D(2, 2),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D(2, 2),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D(2, 2),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(512, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)

"""
## Implement Gradient Centralization
"""


class GCRMSprop(RMSprop):
    def get_gradients(self, loss, params):
        # We here just provide a modified get_gradients() function since we are
        # trying to just compute the centralized gradients.

        grads = []
        gradients = super().get_gradients()
        for grad in gradients:
            grad_len = len(grad.shape)
            if grad_len > 1:
                axis = list(range(grad_len - 1))
                grad -= tf.reduce_mean(grad, axis=axis, keep_dims=True)
            grads.append(grad)

        return grads


optimizer = GCRMSprop(learning_rate=1e-4)

"""
## Training utilities
"""


class TimeHistory(keras.callbacks.Callback):
    def on_train_begin(self, logs={}):
        self.times = []

    def on_epoch_begin(self, batch, logs={}):
        self.epoch_time_start = time()

    def on_epoch_end(self, batch, logs={}):
        self.times.append(time() - self.epoch_time_start)


"""
## Train the model without GC
"""

time_callback_no_gc = TimeHistory()
model.compile(
    loss="binary_crossentropy",
    optimizer=RMSprop(learning_rate=1e-4),
    metrics=["accuracy"],
)

model.summary()

history_no_gc = model.fit(
    train_ds, epochs=3, verbose=1, callbacks=[time_callback_no_gc]
)

"""
## Train the model with GC
"""

time_callback_gc = TimeHistory()
model.compile(loss="binary_crossentropy", optimizer=optimizer, metrics=["accuracy"])

model.summary()

history_gc = model.fit(train_ds, epochs=3, verbose=1, callbacks=[time_callback_gc])

"""
## Comparing performance
"""

print("Not using Gradient Centralization")
print(f"Loss: {history_no_gc.history['loss'][-1]}")
print(f"Accuracy: {history_no_gc.history['accuracy'][-1]}")
print(f"Training Time: {sum(time_callback_no_gc.times)}")

print("Using Gradient Centralization")
print(f"Loss: {history_gc.history['loss'][-1]}")
print(f"Accuracy: {history_gc.history['accuracy'][-1]}")
print(f"Training Time: {sum(time_callback_gc.times)}")
