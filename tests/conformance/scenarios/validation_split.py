"""``validation_split=0.25``: the last quarter of the arrays is held out for validation."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(13)
x = rng.random((40, 6), dtype="float32")
y = rng.integers(0, 2, size=40).astype("float32")
model = Sequential([layers.Dense(5, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.build((None, 6))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=10, validation_split=0.25, verbose=0, shuffle=False)
