"""KerasSequenceAdapter: a keras.utils.Sequence of batches."""
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


class Batches(keras.utils.Sequence):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return x[10 * i:10 * (i + 1)], y[10 * i:10 * (i + 1)]


model.fit(Batches(), epochs=2, verbose=0, shuffle=False)
