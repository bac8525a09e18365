"""Chapter "Getting started": the seed model of the Keras tutorials, fitted for two epochs.

1000 random 28×28 "images" (flattened to 784 numbers) and labels 0..9: the
numbers mean nothing, the stages are the real ones. Run it traced:
    python -m tracekeras run examples/getting_started.py
    TRACEKERAS_TRACE=first.trace.jsonl python examples/getting_started.py
"""
import numpy as np

from tracekeras import layers
from tracekeras.models import Sequential

rng = np.random.default_rng(0)
x = rng.random((1000, 784), dtype="float32")
y = rng.integers(0, 10, size=1000)

model = Sequential([layers.Dense(512, activation="relu"),
                    layers.Dense(10, activation="softmax")])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=128, verbose=2)
