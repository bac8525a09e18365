"""``sample_weight`` in one fit, ``class_weight`` in another; a weighted metric."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(15)
x = rng.random((32, 5), dtype="float32")
y = rng.integers(0, 3, size=32)
weights = rng.random(32).astype("float32")
model = Sequential([layers.Dense(3, activation="softmax")])
model.build((None, 5))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"],
              weighted_metrics=["accuracy"])
model.fit(x, y, sample_weight=weights, epochs=2, batch_size=8, verbose=0, shuffle=False)
model.fit(x, y, class_weight={0: 1.0, 1: 2.0, 2: 0.5}, epochs=1, batch_size=8, verbose=0,
          shuffle=False)
