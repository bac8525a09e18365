"""Stand-ins shared by the data adapter tests: an h5py-like array and a batch Sequence."""
from tracekeras.utils.data_utils import Sequence


class FakeH5:
    """Array-like but not an array: shape, dtype, __len__, __getitem__ (like h5py.Dataset)."""

    def __init__(self, array):
        self._array, self.shape, self.dtype = array, array.shape, array.dtype

    def __len__(self):
        return len(self._array)

    def __getitem__(self, index):
        return self._array[index]


class BatchSequence(Sequence):
    """Batches ``i * batch_size : (i + 1) * batch_size`` of ``(x, y)``."""

    def __init__(self, x, y, batch_size):
        self.x, self.y, self.batch_size = x, y, batch_size

    def __len__(self):
        return -(-len(self.x) // self.batch_size)

    def __getitem__(self, i):
        s = slice(i * self.batch_size, (i + 1) * self.batch_size)
        return self.x[s], self.y[s]
