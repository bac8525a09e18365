"""The adapters for data held in memory: arrays and things that slice like arrays.

What it owns: ``DataAdapter`` (the base: ``can_handle``, ``get_dataset``,
``get_size``, ``batch_size``, ``has_partial_batch``, ``partial_batch_size``,
``should_recreate_iterator``, ``get_samples``, ``on_epoch_end``) and four of
Keras's eight adapters:

- ``TensorLikeDataAdapter``: NumPy arrays, backend Tensors, pandas objects, and
  lists/tuples/dicts of them. Batches are cut from the arrays by index: a slice
  when not shuffled, ``np.take`` of a fresh permutation each epoch when
  ``shuffle=True``; ``shuffle="batch"`` shuffles the batch order (tf.data's shuffle
  with its 1024-element buffer) and, as tf_keras 2.21 does, each of x, y and the
  sample weights within each batch on its own (so their rows part company). All with
  TensorFlow's draws. Its dataset spans all ``epochs`` (one iterator for the whole fit,
  as in Keras).
- ``GenericArrayLikeDataAdapter``: objects with ``shape``, ``dtype``, ``__len__`` and
  ``__getitem__`` that are not arrays (h5py datasets): batches read by slicing.
- ``ListsOfScalarsDataAdapter``: Python lists (of lists) of numbers -> arrays ->
  an inner ``TensorLikeDataAdapter``; a new iterator each epoch.
- ``CompositeTensorDataAdapter``: SciPy sparse matrices (TF's SparseTensor and
  RaggedTensor here), densified batch by batch.

What it receives: the arguments ``DataHandler`` passes every adapter. What it
hands on: a ``tracekeras.data.Dataset`` of batches, each the tuple
``pack_x_y_sample_weight`` makes. Trace events: each adapter's ``__init__`` is a
span named ``keras.engine.data_adapter.<Adapter>.__init__`` whose end record
carries the batching facts (steps, batch_size, partial_batch_size, samples).
"""
import abc
import itertools
import logging
import math

import numpy as np

from tracekeras import tracing
from tracekeras.backend import Tensor, dataset_shuffle
from tracekeras.backend import random as krandom
from tracekeras.data.dataset import UNKNOWN_CARDINALITY, Dataset, assert_cardinality
from tracekeras.engine.data_adapters.structure import (
    _check_data_cardinality,
    _get_tensor_types,
    _is_scipy_sparse,
    _process_tensorlike,
    handle_partial_sample_weights,
    pack_x_y_sample_weight,
)
from tracekeras.utils import nest

KERAS_MODULE = "keras.engine.data_adapter"   # Keras keeps every adapter in one module


def init_args(self, x=None, y=None, *a, **k):
    return {"adapter": type(self).__name__, "batch_size": k.get("batch_size"),
            "shuffle": k.get("shuffle"), "steps": k.get("steps")}


def note_batching(adapter):
    """Put the batching facts on the end record of the adapter's ``__init__`` span."""
    if tracing.active():
        tracing.note(steps=adapter.get_size(), batch_size=adapter.batch_size(),
                     partial_batch_size=adapter.partial_batch_size(),
                     samples=adapter.get_samples(),
                     shuffle=getattr(adapter, "_shuffle", None),
                     should_recreate_iterator=adapter.should_recreate_iterator())


def dtype_changes(given, converted):
    """Which leaves ``_process_tensorlike`` converted, e.g. ``["x: float64 -> float32"]``."""
    changes = []
    for label, before, after in zip(("x", "y", "sample_weight"), given, converted):
        for a, b in zip(nest.flatten(before), nest.flatten(after)):
            old, new = getattr(a, "dtype", None), getattr(b, "dtype", None)
            if old is not None and new is not None and old != new:
                changes.append(f"{label}: {old} -> {new}")
    return changes


class DataAdapter(metaclass=abc.ABCMeta):
    """Base class of the eight adapters: turn one kind of input into a Dataset of batches."""

    @staticmethod
    def can_handle(x, y=None):
        """Whether this adapter takes ``x`` (and ``y``): asked by ``select_data_adapter``."""
        raise NotImplementedError

    @abc.abstractmethod
    def __init__(self, x, y=None, **kwargs):
        if not self.can_handle(x, y):
            raise ValueError(f"{self.__class__} Cannot handle input {x}, {y}")

    @abc.abstractmethod
    def get_dataset(self):
        """The ``Dataset`` of batches (not repeated per epoch unless the adapter says so)."""

    @abc.abstractmethod
    def get_size(self):
        """Batches per epoch, or None when unknown."""

    @abc.abstractmethod
    def batch_size(self):
        """The batch size, or None when the input is already batched."""

    def representative_batch_size(self):
        return self.batch_size()

    @abc.abstractmethod
    def has_partial_batch(self):
        """Whether the last batch of an epoch is smaller."""

    @abc.abstractmethod
    def partial_batch_size(self):
        """The size of that last batch (None without one)."""

    @abc.abstractmethod
    def should_recreate_iterator(self):
        """Whether ``DataHandler`` makes a new iterator every epoch."""

    def get_samples(self):
        """Number of samples in the data, or None."""
        if not self.get_size() or not self.batch_size():
            return None
        total = self.get_size() * self.batch_size()
        if self.has_partial_batch():
            total -= self.batch_size() - self.partial_batch_size()
        return total

    def on_epoch_end(self):  # noqa: B027 - an optional hook: Keras's default does nothing
        """A hook called after each epoch."""


class TensorLikeDataAdapter(DataAdapter):
    """Adapter for NumPy arrays and Tensors (and lists/tuples/dicts of them)."""

    @staticmethod
    def can_handle(x, y=None):
        flat_inputs = nest.flatten(x)
        if y is not None:
            flat_inputs += nest.flatten(y)
        tensor_types = _get_tensor_types()
        return all(isinstance(v, tensor_types) for v in flat_inputs if v is not None)

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, sample_weights=None, sample_weight_modes=None,
                 batch_size=None, epochs=1, steps=None, shuffle=False, **kwargs):
        super().__init__(x, y, **kwargs)
        self.configure(x, y, sample_weights, batch_size, epochs, steps, shuffle)
        note_batching(self)

    def configure(self, x, y, sample_weights, batch_size, epochs, steps, shuffle):
        """Check the arrays, then fix the batch size, the steps and the partial batch."""
        given = (x, y, sample_weights)
        x, y, sample_weights = _process_tensorlike(given)
        if tracing.active():
            tracing.note(converted=dtype_changes(given, (x, y, sample_weights)))
        sample_weights = handle_partial_sample_weights(y, sample_weights)
        inputs = pack_x_y_sample_weight(x, y, sample_weights)
        _check_data_cardinality(inputs)
        sizes = {int(i.shape[0]) for i in nest.flatten(inputs) if i is not None}
        num_samples = sizes.pop() if sizes else 0
        if not batch_size:
            batch_size = int(math.ceil(num_samples / steps)) if steps else 32
            if tracing.active():
                tracing.note(batch_size_from=f"ceil({num_samples} / steps={steps})" if steps
                             else "default 32")
        if tracing.active():
            tracing.note(num_full_batches=num_samples // batch_size)
        self._inputs = inputs
        self._num_samples = num_samples
        self._size = int(math.ceil(num_samples / batch_size))
        self._batch_size = batch_size
        self._partial_batch_size = num_samples % batch_size
        self._shuffle = shuffle.lower() if isinstance(shuffle, str) else shuffle
        self._epochs = epochs
        self._dataset = Dataset.from_generator(self.all_epochs).apply(
            assert_cardinality(self._size * max(epochs, 0)))

    def all_epochs(self):
        if self._shuffle == "batch":
            yield from self.batch_shuffled_epochs()
            return
        # Keras permutes with tf.random.shuffle in a tf.data map function: one kernel per
        # iterator, seeded by the graph rule, going on from epoch to epoch.
        permutation = krandom.ShuffleKernel(krandom.function_graph_seed())
        for _ in range(self._epochs):
            yield from self.epoch_batches(permutation)

    def batch_shuffled_epochs(self):
        """``shuffle="batch"`` as tf_keras does it: the batches' starts go through a
        ``Dataset.shuffle(1024)`` made in its ``flat_map`` function (seeds: the graph rule,
        op seed 0), repeated for the epochs (new seeds each epoch); then a map function
        calls ``tf.random.shuffle`` on each array of the batch, op seeds 0, 1, 2 ... in
        ``nest.flatten`` order, one kernel each going on from batch to batch: x's rows and
        y's are permuted apart."""
        n, bs = self._num_samples, self._batch_size
        seeds = dataset_shuffle.ShuffleSeedGenerator(None, True,
                                                     seeds=krandom.function_graph_seed(0))
        leaves = [leaf for leaf in nest.flatten(self._inputs) if leaf is not None]
        kernels = [krandom.ShuffleKernel(krandom.function_graph_seed(k))
                   for k in range(len(leaves))]
        for _ in range(self._epochs):
            starts = dataset_shuffle.shuffle_dataset(iter(range(0, n, bs)), 1024,
                                                     seeds.generate_seeds())
            for start in starts:
                yield self.with_leaves([
                    np.take(leaf, kernel.permutation(min(bs, n - start)) + start, axis=0)
                    for leaf, kernel in zip(leaves, kernels)])

    def with_leaves(self, leaves):
        """The structure of the inputs with ``leaves`` in place of its arrays (None kept)."""
        given = iter(leaves)
        return nest.map_structure(lambda d: None if d is None else next(given), self._inputs)

    def epoch_batches(self, permutation):
        """One epoch's batches: in order, or permuted."""
        n, bs = self._num_samples, self._batch_size
        starts = range(0, n, bs)
        if self._shuffle:
            order = permutation.permutation(n)
            for start in starts:
                yield self.grab_batch(order[start:start + bs])
        else:
            for start in starts:
                yield self.grab_batch(slice(start, min(start + bs, n)))

    def grab_batch(self, index):
        """The rows ``index`` (a slice or an index array) of every input."""
        if isinstance(index, slice):
            return nest.map_structure(lambda d: None if d is None else d[index], self._inputs)
        return nest.map_structure(
            lambda d: None if d is None else np.take(d, index, axis=0), self._inputs)

    def get_dataset(self):
        return self._dataset

    def get_size(self):
        return self._size

    def batch_size(self):
        return self._batch_size

    def has_partial_batch(self):
        return self._partial_batch_size > 0

    def partial_batch_size(self):
        return self._partial_batch_size or None

    def should_recreate_iterator(self):
        return False


class GenericArrayLikeDataAdapter(TensorLikeDataAdapter):
    """Adapter for array-like data that is not an array (e.g. an h5py Dataset).

    Batches are read with ``data[start:stop]`` (or ``data[list_of_indices]`` when
    shuffled), so the data need not fit in memory. The dtype is kept as read.
    """

    @staticmethod
    def can_handle(x, y=None):
        flat_inputs = nest.flatten(x)
        if y is not None:
            flat_inputs += nest.flatten(y)

        def is_array_like(v):
            return (hasattr(v, "__getitem__") and hasattr(v, "shape") and hasattr(v, "dtype")
                    and hasattr(v, "__len__"))

        if TensorLikeDataAdapter.can_handle(x, y) or CompositeTensorDataAdapter.can_handle(x, y):
            return False
        return all(is_array_like(v) for v in flat_inputs if v is not None)

    @tracing.traced("data", args=init_args)
    def __init__(self, *args, **kwargs):
        logging.getLogger("tracekeras").warning(
            "Keras is training/fitting/evaluating on array-like data. TF-Keras may not be "
            "optimized for this format, so if your input data format is supported by "
            "TensorFlow I/O (https://github.com/tensorflow/io) we recommend using that to "
            "load a Dataset instead.")
        super().__init__(*args, **kwargs)
        note_batching(self)

    def grab_batch(self, index):
        def read(data):
            if data is None:
                return None
            if isinstance(data, np.ndarray):
                return data[index]
            if isinstance(index, slice):
                return np.asarray(data[index])
            return np.asarray(data[[int(i) for i in index]])
        return nest.map_structure(read, self._inputs)


class ListsOfScalarsDataAdapter(DataAdapter):
    """Adapter for Python lists of scalars and lists of lists of scalars."""

    @staticmethod
    def can_handle(x, y=None):
        handles_x = ListsOfScalarsDataAdapter._is_list_of_scalars(x)
        handles_y = True
        if y is not None:
            handles_y = ListsOfScalarsDataAdapter._is_list_of_scalars(y)
        return handles_x and handles_y

    @staticmethod
    def _is_list_of_scalars(inp):
        if isinstance(inp, (float, int, str, bytes, bytearray)):
            return True
        if isinstance(inp, (list, tuple)) and inp:
            return ListsOfScalarsDataAdapter._is_list_of_scalars(inp[0])
        return False

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, sample_weights=None, sample_weight_modes=None,
                 batch_size=None, shuffle=False, **kwargs):
        super().__init__(x, y, **kwargs)
        x = np.asarray(x)
        if y is not None:
            y = np.asarray(y)
        if sample_weights is not None:
            sample_weights = np.asarray(sample_weights)
        self._internal_adapter = TensorLikeDataAdapter(
            x, y=y, sample_weights=sample_weights, sample_weight_modes=sample_weight_modes,
            batch_size=batch_size, shuffle=shuffle, **kwargs)
        self._shuffle = self._internal_adapter._shuffle
        note_batching(self)

    def get_dataset(self):
        return self._internal_adapter.get_dataset()

    def get_size(self):
        return self._internal_adapter.get_size()

    def batch_size(self):
        return self._internal_adapter.batch_size()

    def has_partial_batch(self):
        return self._internal_adapter.has_partial_batch()

    def partial_batch_size(self):
        return self._internal_adapter.partial_batch_size()

    def should_recreate_iterator(self):
        return True


class CompositeTensorDataAdapter(DataAdapter):
    """Adapter for composite tensors: SciPy sparse matrices, densified per batch.

    The whole data is shuffled each epoch as tf_keras does it: a ``shuffle(num_samples)``
    made here (taking the next eager op seed) over the samples' indices, whose iterator
    (and seeds) each of this dataset's iterators makes; a new iterator every epoch.
    """

    @staticmethod
    def can_handle(x, y=None):
        flat_inputs = nest.flatten(x)
        if y is not None:
            flat_inputs += nest.flatten(y)

        def is_tensor_or_composite(v):
            return isinstance(v, (Tensor, np.ndarray)) or _is_scipy_sparse(v)

        present = [v for v in flat_inputs if v is not None]
        return any(_is_scipy_sparse(v) for v in present) and all(
            is_tensor_or_composite(v) for v in present)

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, sample_weights=None, sample_weight_modes=None,
                 batch_size=None, steps=None, shuffle=False, **kwargs):
        super().__init__(x, y, **kwargs)
        x, y, sample_weights = _process_tensorlike((x, y, sample_weights))
        sample_weights = handle_partial_sample_weights(y, sample_weights)
        inputs = pack_x_y_sample_weight(x, y, sample_weights)
        _check_data_cardinality(inputs)
        num_samples = int(nest.flatten(x)[0].shape[0])
        if not batch_size:
            batch_size = int(math.ceil(num_samples / steps)) if steps else 32
        self._inputs, self._num_samples, self._shuffle = inputs, num_samples, shuffle
        self._size = int(math.ceil(num_samples / batch_size))
        self._batch_size = batch_size
        self._has_partial_batch = self._size != (num_samples // batch_size)
        self._partial_batch_size = None
        if self._has_partial_batch:
            self._partial_batch_size = num_samples - (self._size - 1) * self._batch_size
        indices = Dataset.range(num_samples)
        if shuffle:
            indices = indices.shuffle(num_samples)

        def make_iterator():
            return self.one_epoch(indices.elements())

        self._dataset = Dataset(make_iterator, UNKNOWN_CARDINALITY, None,
                                "_FlatMapDataset").apply(assert_cardinality(self._size))
        note_batching(self)

    def one_epoch(self, indices):
        """The batches of one pass over ``indices`` (the samples' order)."""
        while True:
            index = np.array([int(i) for i in itertools.islice(indices, self._batch_size)],
                             dtype=np.int64)
            if not len(index):
                return
            yield nest.map_structure(lambda d, index=index: densify(d, index), self._inputs)

    def get_dataset(self):
        return self._dataset

    def get_size(self):
        return self._size

    def batch_size(self):
        return self._batch_size

    def has_partial_batch(self):
        return self._has_partial_batch

    def partial_batch_size(self):
        return self._partial_batch_size

    def should_recreate_iterator(self):
        return True


def densify(data, index):
    if data is None:
        return None
    if _is_scipy_sparse(data):
        return data[index].toarray()
    return np.take(data, index, axis=0)
