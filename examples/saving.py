"""Chapter "Saving and loading": a small model trained, saved as .keras and loaded back.

The file goes to a temporary folder. Run it traced:
    python -m tracekeras run examples/saving.py
"""
import os
import tempfile

import numpy as np

from tracekeras import layers
from tracekeras.models import Sequential, load_model

rng = np.random.default_rng(0)
x, y = rng.random((16, 3), dtype="float32"), rng.integers(0, 2, size=16)
model = Sequential([layers.Dense(4, activation="relu", input_shape=(3,)),
                    layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=1, verbose=0)
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "model.keras")
    model.save(path)
    loaded = load_model(path)
print(np.array_equal(model.predict(x, verbose=0), loaded.predict(x, verbose=0)))
