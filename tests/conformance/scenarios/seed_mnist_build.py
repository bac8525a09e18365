"""Seed 001, "Model Build": the seed MLP built with ``model.build(input_shape)`` before
compile, then fitted (small random data stand in for MNIST)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(0)
train_images = rng.random((64, 20), dtype="float32")
train_labels = rng.integers(0, 10, size=64)

model = Sequential([
    layers.Dense(32, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.build(input_shape=(None, 20))
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_images, train_labels, epochs=2, batch_size=16, shuffle=False)
