"""docs/promises.md: Dense(3, softmax) built for 4 features, SGD; the chapter's numbers
promise (same weights, same batches: same losses)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(6)
model = Sequential([layers.Dense(3, activation="softmax")])
model.build((None, 4))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
x = rng.random((10, 4), dtype="float32")
y = rng.integers(0, 3, size=10)
model.fit(x, y, epochs=2, verbose=0, shuffle=False)
