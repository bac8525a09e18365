"""Chapter "The eight data adapters": one small fit per kind of input.

100 samples of 4 numbers, a binary label; each fit is one epoch of 4 batches
of 25, fed as: lists, NumPy arrays, an array-like object, a Dataset, a
generator, a keras Sequence, a SciPy sparse matrix and a DatasetCreator.
Run it traced:  python -m tracekeras run examples/data_adapters.py
"""
import numpy as np
import scipy.sparse

from tracekeras import layers
from tracekeras.data import Dataset
from tracekeras.models import Sequential
from tracekeras.utils import DatasetCreator, Sequence

rng = np.random.default_rng(0)
x = rng.random((100, 4), dtype="float32")
y = (x.sum(axis=1) > 2).astype("float32")


class ArrayLike:
    """Anything with shape, dtype, len and indexing (an h5py or zarr array, say)."""

    def __init__(self, array):
        self.array, self.shape, self.dtype = array, array.shape, array.dtype

    def __len__(self):
        return len(self.array)

    def __getitem__(self, index):
        return self.array[index]


class Batches(Sequence):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return x[25 * i:25 * (i + 1)], y[25 * i:25 * (i + 1)]


def batches_forever():
    while True:
        for i in range(4):
            yield x[25 * i:25 * (i + 1)], y[25 * i:25 * (i + 1)]


def make_dataset(input_context):
    return Dataset.from_tensor_slices((x, y)).batch(25).repeat()


INPUTS = {
    "lists": (x.tolist(), y.tolist(), {}),
    "NumPy arrays": (x, y, {}),
    "array-like": (ArrayLike(x), ArrayLike(y), {}),
    "Dataset": (Dataset.from_tensor_slices((x, y)).batch(25), None, {}),
    "generator": (batches_forever(), None, {"steps_per_epoch": 4}),
    "Sequence": (Batches(), None, {}),
    "sparse matrix": (scipy.sparse.csr_matrix(x), y, {}),
    "DatasetCreator": (DatasetCreator(make_dataset), None, {"steps_per_epoch": 4}),
}

if __name__ == "__main__":
    model = Sequential([layers.Dense(8, activation="relu"), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    for inputs, targets, options in INPUTS.values():
        model.fit(inputs, targets, epochs=1, batch_size=25, verbose=0, **options)
