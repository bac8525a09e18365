"""GenericArrayLikeDataAdapter: an object with shape, dtype, len and indexing (an h5py
dataset, say)."""
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


class ArrayLike:
    def __init__(self, array):
        self.array, self.shape, self.dtype = array, array.shape, array.dtype

    def __len__(self):
        return len(self.array)

    def __getitem__(self, index):
        return self.array[index]


model.fit(ArrayLike(x), ArrayLike(y), epochs=1, batch_size=10, verbose=0, shuffle=False)
