"""docs/data-adapters.md: the chapter's model fitted on NumPy arrays (each other adapter
has its own adapter_* scenario)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(0)
x = rng.random((100, 4), dtype="float32")
y = (x.sum(axis=1) > 2).astype("float32")
model = Sequential([layers.Dense(8, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.build((None, 4))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="binary_crossentropy")
model.fit(x, y, epochs=1, batch_size=25, verbose=0, shuffle=False)
