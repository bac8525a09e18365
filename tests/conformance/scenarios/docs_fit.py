"""docs/fit.md: the seed MLP fitted for three epochs with ``verbose=2``, a partial last
batch in every epoch (50 samples, batch size 16)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(2)
x = rng.random((50, 16), dtype="float32")
y = rng.integers(0, 10, size=50)

model = Sequential([layers.Dense(24, activation="relu"), layers.Dense(10, activation="softmax")])
model.build((None, 16))
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=3, batch_size=16, verbose=2, shuffle=False)
