"""GeneratorDataAdapter: a Python generator of batches, with steps_per_epoch."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(20)
x = rng.random((40, 4), dtype="float32")
y = (x.sum(axis=1) > 2).astype("float32")
model = keras.Sequential([layers.Dense(8, activation="relu"),
                          layers.Dense(1, activation="sigmoid")])
model.build((None, 4))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])


def batches_forever():
    while True:
        for i in range(4):
            yield x[10 * i:10 * (i + 1)], y[10 * i:10 * (i + 1)]


model.fit(batches_forever(), steps_per_epoch=4, epochs=2, verbose=0)
