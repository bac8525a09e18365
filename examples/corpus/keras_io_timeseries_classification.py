"""Timeseries classification from scratch: a fully convolutional network on FordA.

Source: https://keras.io/examples/timeseries/timeseries_classification_from_scratch/
(hfawaz, Apache-2.0), the tf.keras version. Changed: the FordA TSV download is replaced
by 500-step synthetic series of two classes; 3 epochs (was 500); checkpoints go to a
temporary folder; the figures are left out.
"""
import os
import tempfile

import numpy as np
from tensorflow import keras

rng = np.random.default_rng(0)
t = np.linspace(0, 8 * np.pi, 500)
y_train = rng.integers(0, 2, size=360)
y_test = rng.integers(0, 2, size=120)
x_train = np.sin(t[None] * (1 + y_train[:, None])) + 0.3 * rng.standard_normal((360, 500))
x_test = np.sin(t[None] * (1 + y_test[:, None])) + 0.3 * rng.standard_normal((120, 500))
x_train = x_train.reshape((x_train.shape[0], x_train.shape[1], 1))
x_test = x_test.reshape((x_test.shape[0], x_test.shape[1], 1))
num_classes = len(np.unique(y_train))
idx = np.random.permutation(len(x_train))
x_train = x_train[idx]
y_train = y_train[idx]


def make_model(input_shape):
    input_layer = keras.layers.Input(input_shape)
    conv1 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(input_layer)
    conv1 = keras.layers.BatchNormalization()(conv1)
    conv1 = keras.layers.ReLU()(conv1)
    conv2 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(conv1)
    conv2 = keras.layers.BatchNormalization()(conv2)
    conv2 = keras.layers.ReLU()(conv2)
    conv3 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(conv2)
    conv3 = keras.layers.BatchNormalization()(conv3)
    conv3 = keras.layers.ReLU()(conv3)
    gap = keras.layers.GlobalAveragePooling1D()(conv3)
    output_layer = keras.layers.Dense(num_classes, activation="softmax")(gap)
    return keras.models.Model(inputs=input_layer, outputs=output_layer)


model = make_model(input_shape=x_train.shape[1:])
epochs = 3
batch_size = 32
best = os.path.join(tempfile.mkdtemp(), "best_model.keras")
callbacks = [
    keras.callbacks.ModelCheckpoint(best, save_best_only=True, monitor="val_loss"),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=20,
                                      min_lr=0.0001),
    keras.callbacks.EarlyStopping(monitor="val_loss", patience=50, verbose=1),
]
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
              metrics=["sparse_categorical_accuracy"])
history = model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs,
                    callbacks=callbacks, validation_split=0.2, verbose=1)
model = keras.models.load_model(best)
test_loss, test_acc = model.evaluate(x_test, y_test)
print("Test accuracy", test_acc)
print("Test loss", test_loss)
