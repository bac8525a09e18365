"""The seed MLP of the Keras tutorials as a plain Keras script (scenario S1 of the
reference stages): Sequential Dense(512, relu) -> Dense(10, softmax), rmsprop, sparse
categorical crossentropy, accuracy; 1,000 random 784-number samples, labels 0..9,
``fit(epochs=2, batch_size=128)`` with no build before: the build runs inside the first
train step. It runs unchanged on either engine::

    tracekeras run --out out tests/probe/seed_mlp.py                  # tracekeras
    tracekeras run --engine keras --out out tests/probe/seed_mlp.py   # real tf_keras
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(0)
x = rng.random((1000, 784), dtype="float32")
y = rng.integers(0, 10, size=1000)

model = keras.Sequential([layers.Dense(512, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=128)
