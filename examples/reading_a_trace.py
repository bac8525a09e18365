"""Chapter "Reading a trace": a small Functional model, two epochs of ten steps.

Run it traced:  python -m tracekeras run examples/reading_a_trace.py
"""
import numpy as np

from tracekeras import Input, layers
from tracekeras.models import Model

rng = np.random.default_rng(0)
x = rng.random((1000, 784), dtype="float32")
y = rng.integers(0, 10, size=1000)

inputs = Input(shape=(784,))
hidden = layers.Dense(512, activation="relu")(inputs)
outputs = layers.Dense(10, activation="softmax")(hidden)
model = Model(inputs, outputs)
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=100, verbose=0)
