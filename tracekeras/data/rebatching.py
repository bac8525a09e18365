"""Batches beyond ``batch``: ``Dataset.rebatch``, batches cut again to other sizes (tf.data's
``RebatchDatasetV2``), and ``Dataset.ragged_batch`` and ``Dataset.sparse_batch``, batches of
elements of different lengths (``dense_to_ragged_batch``, ``DenseToSparseBatchDataset``).

What it owns: ``rebatch(batch_sizes, drop_remainder=False)``. The rows of the input's
batches are read in order, across batch boundaries, and handed out in batches of
``batch_sizes`` (one size, or a list used in turn, over and over). The last batch may be
smaller unless ``drop_remainder``. The input must be batched: a component of rank 0 is
refused with TensorFlow's ``ValueError``. The new element spec's leading dimension is the
size when ``drop_remainder`` and every size is the same, else unknown; the cardinality is
unknown (``_RebatchDataset``), as TensorFlow reports it, an endless input's too.

``ragged_batch(batch_size, drop_remainder=False)``: ``batch_size`` consecutive elements
(a ``_BatchDataset``, the cardinality ``batch``'s), each component whose spec has a
length unknown batched as a ``tf.RaggedTensor`` (a vector of rows of different lengths,
``RaggedTensorSpec(TensorShape([None, None]), ...)``), each of known shape stacked as
``batch`` stacks it. A component of rank 2 or more with an unknown dimension would make a
RaggedTensor of rank 3, and ``row_splits_dtype`` other than int64 another spec, which
tracekeras's rank-2 RaggedTensor does not hold: both end in the one-line error.

``sparse_batch(batch_size, row_shape)``: ``batch_size`` consecutive elements (of one
tensor each) as one ``tf.SparseTensor`` of every entry of each element (zeros included) at
``[i, *position]``, its dense shape ``[elements, *row_shape]`` with an unknown (None)
dimension the largest in the batch (``_DenseToSparseBatchDataset``, the spec a
``SparseTensorSpec``); an element larger than ``row_shape`` raises TensorFlow's
``DataLossError`` when read.

What it receives: a ``Dataset`` (of batches, for ``rebatch``). What it hands on: a
``Dataset``. No trace events.
"""
import itertools

import numpy as np

from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.backend.sparse_tensor import SparseTensor
from tracekeras.data import structure
from tracekeras.data.dataset import UNKNOWN_CARDINALITY, stack_elements
from tracekeras.data.padding import DataLossError
from tracekeras.data.structure import RaggedTensorSpec, SparseTensorSpec, TensorSpec
from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
from tracekeras.utils import nest


def checked_sizes(batch_sizes):
    sizes = np.asarray(getattr(batch_sizes, "value", batch_sizes)).reshape(-1).tolist()
    if not sizes or any(int(size) <= 0 for size in sizes):
        raise ValueError(f"Invalid `batch_sizes`. Expected a positive integer or a list of "
                         f"positive integers. Received: {batch_sizes}")
    return [int(size) for size in sizes]


def rebatch(self, batch_sizes, drop_remainder=False, name=None):
    """``Dataset.rebatch``: the same rows in batches of ``batch_sizes``, in turn."""
    spec = self.element_spec
    if any(leaf is not None and leaf.shape is not None and len(leaf.shape) == 0
           for leaf in nest.flatten(spec)):
        raise ValueError("Invalid `batch_sizes`. Expected dataset with rank of >= 1 but "
                         "found a dataset with scalar elements. Fix the issue by adding "
                         "the `batch` transformation to the dataset.")
    sizes, source = checked_sizes(batch_sizes), self

    def rows():
        for element in source.elements():
            leaves = nest.flatten(element)
            for i in range(leaves[0].shape[0]):
                yield nest.map_structure(lambda a, i=i: a[i], element)

    def make_iterator():
        remaining = rows()
        for size in itertools.cycle(sizes):
            chunk = list(itertools.islice(remaining, size))
            if not chunk or (drop_remainder and len(chunk) < size):
                return
            yield stack_elements(chunk)

    leading = sizes[0] if drop_remainder and len(set(sizes)) == 1 else None

    def respec(specs):
        return structure.leaf_map(lambda s: TensorSpec(
            None if s.shape is None else (leading,) + s.shape[1:], s.dtype), specs)

    return self._derived(make_iterator, UNKNOWN_CARDINALITY, "_RebatchDataset", respec)


def ragged_spec(spec, batch_size, drop_remainder):
    """A component's spec in a ragged batch (refused where tracekeras has no such tensor)."""
    leading = batch_size if drop_remainder else None
    if spec.shape is None or (None in spec.shape and len(spec.shape) != 1) or isinstance(
            spec, RaggedTensorSpec):
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tensorflow.data.Dataset.ragged_batch of a "
            f"component of shape {spec.shape} (a RaggedTensor of rank 3 or more) (used by "
            f"{caller(PACKAGE)})")
    if None in spec.shape:
        return RaggedTensorSpec((leading, None), spec.dtype)
    return TensorSpec((leading,) + spec.shape, spec.dtype)


def ragged_batch(self, batch_size, drop_remainder=False, row_splits_dtype=None, name=None):
    """``Dataset.ragged_batch``: batches whose components of unknown length are ragged."""
    if row_splits_dtype is not None and np.dtype(getattr(
            row_splits_dtype, "as_numpy_dtype", row_splits_dtype)) != np.int64:
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tensorflow.data.Dataset.ragged_batch(row_splits_"
            f"dtype={row_splits_dtype}) (its RaggedTensor's row splits are int64) (used by "
            f"{caller(PACKAGE)})")
    batch_size, source = int(batch_size), self
    if batch_size <= 0:
        raise ValueError(f"`batch_size` must be positive. Received: {batch_size}")
    specs = structure.leaf_map(lambda s: ragged_spec(s, batch_size, drop_remainder),
                               self.element_spec)
    flat_specs = nest.flatten(specs)

    def batched(chunk):
        flats = [nest.flatten(element) for element in chunk]
        leaves = [RaggedTensor([f[i] for f in flats], spec.dtype)
                  if isinstance(spec, RaggedTensorSpec) else np.stack([f[i] for f in flats])
                  for i, spec in enumerate(flat_specs)]
        return nest.pack_sequence_as(chunk[0], leaves)

    def make_iterator():
        elements = source.elements()
        while True:
            chunk = list(itertools.islice(elements, batch_size))
            if not chunk or (drop_remainder and len(chunk) < batch_size):
                return
            yield batched(chunk)

    n = self._cardinality
    if n >= 0:
        n = n // batch_size if drop_remainder else -(-n // batch_size)
    return self._derived(make_iterator, n, "_BatchDataset", lambda spec: specs)


def sparse_batch(self, batch_size, row_shape, name=None):
    """``Dataset.sparse_batch``: batches of elements of different shapes as SparseTensors."""
    spec = self.element_spec
    if not isinstance(spec, TensorSpec) or isinstance(spec, (RaggedTensorSpec,
                                                             SparseTensorSpec)):
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tensorflow.data.Dataset.sparse_batch of elements "
            f"other than one tensor (used by {caller(PACKAGE)})")
    batch_size, source = int(batch_size), self
    if batch_size <= 0:
        raise ValueError(f"`batch_size` must be positive. Received: {batch_size}")
    row_shape = [None if d is None else int(d) for d in
                 np.asarray(getattr(row_shape, "value", row_shape), dtype=object).reshape(-1)]
    for d in row_shape:
        if d is not None and d < 0:
            raise ValueError(f"Dimension {d} must be >= 0")

    def text(shape):
        return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"

    def batched(chunk):
        arrays = [np.asarray(element) for element in chunk]
        for array in arrays:
            if array.ndim != len(row_shape) or any(
                    d is not None and n > d for n, d in zip(array.shape, row_shape)):
                raise DataLossError(
                    "{{function_node __wrapped__IteratorGetNext_output_types_1_device_/job:"
                    "localhost/replica:0/task:0/device:CPU:0}} Input element had shape ("
                    f"{text(array.shape)}) that is larger than the row shape "
                    f"({text(row_shape)}). [Op:IteratorGetNext] name: ")
        shape = [len(arrays)] + [d if d is not None else max(a.shape[k] for a in arrays)
                                 for k, d in enumerate(row_shape)]
        indices = [[i, *position] for i, array in enumerate(arrays)
                   for position in np.ndindex(*array.shape)]
        values = np.concatenate([array.reshape(-1) for array in arrays]) if arrays else []
        return SparseTensor(np.array(indices, np.int64).reshape(-1, len(shape)),
                            np.asarray(values, dtype=spec.dtype), shape)

    def make_iterator():
        elements = source.elements()
        while True:
            chunk = list(itertools.islice(elements, batch_size))
            if not chunk:
                return
            yield batched(chunk)

    n = self._cardinality
    if n >= 0:
        n = -(-n // batch_size)
    return self._derived(make_iterator, n, "_DenseToSparseBatchDataset",
                         lambda s: SparseTensorSpec([None] + row_shape, s.dtype))


__all__ = ["ragged_batch", "rebatch", "sparse_batch"]
