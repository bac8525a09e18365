"""``validation_data=(x, y)`` and ``validation_freq=2`` over three epochs."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(14)
x = rng.random((30, 6), dtype="float32")
y = rng.random((30, 2), dtype="float32")
x_val = rng.random((12, 6), dtype="float32")
y_val = rng.random((12, 2), dtype="float32")
model = Sequential([layers.Dense(5, activation="relu"), layers.Dense(2)])
model.build((None, 6))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=3, batch_size=10, validation_data=(x_val, y_val), validation_freq=2,
          verbose=0, shuffle=False)
