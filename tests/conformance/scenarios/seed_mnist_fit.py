"""Seed 003, "Model Fit": the seed MLP fitted without a build first, so the model is
built lazily inside the first train step. Small random data stand in for MNIST; the
kernels come from a fixed initializer function so both engines start from the same
weights."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential


def fixed(shape, dtype=None):
    return np.random.default_rng(sum(shape)).uniform(-0.3, 0.3, shape).astype("float32")


rng = np.random.default_rng(0)
train_images = rng.random((64, 20), dtype="float32")
train_labels = rng.integers(0, 10, size=64)

model = Sequential([
    layers.Dense(32, activation="relu", kernel_initializer=fixed),
    layers.Dense(10, activation="softmax", kernel_initializer=fixed),
])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_images, train_labels, epochs=2, batch_size=16, shuffle=False)
