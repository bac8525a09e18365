"""Batches beyond ``batch``: ``Dataset.rebatch``, batches cut again to other sizes (tf.data's
``RebatchDatasetV2``), and ``Dataset.ragged_batch``, batches of elements of different
lengths (``dense_to_ragged_batch``).

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

What it receives: a ``Dataset`` (of batches, for ``rebatch``). What it hands on: a
``Dataset``. No trace events.
"""
import itertools

import numpy as np

from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.data import structure
from tracekeras.data.dataset import UNKNOWN_CARDINALITY, stack_elements
from tracekeras.data.structure import RaggedTensorSpec, TensorSpec
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


__all__ = ["ragged_batch", "rebatch"]
