"""docs/getting-started.md: the seed MLP fitted with ``verbose=2`` (digits-sized data)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(1)
x = rng.random((60, 64), dtype="float32")
y = rng.integers(0, 10, size=60)

model = Sequential([layers.Dense(32, activation="relu"), layers.Dense(10, activation="softmax")])
model.build((None, 64))
model.set_weights([rng.uniform(-0.2, 0.2, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=2, batch_size=16, verbose=2, shuffle=False)
