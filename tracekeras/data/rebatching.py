"""``Dataset.rebatch``: batches cut again to other sizes (tf.data's ``RebatchDatasetV2``).

What it owns: ``rebatch(batch_sizes, drop_remainder=False)``. The rows of the input's
batches are read in order, across batch boundaries, and handed out in batches of
``batch_sizes`` (one size, or a list used in turn, over and over). The last batch may be
smaller unless ``drop_remainder``. The input must be batched: a component of rank 0 is
refused with TensorFlow's ``ValueError``. The new element spec's leading dimension is the
size when ``drop_remainder`` and every size is the same, else unknown; the cardinality is
unknown (``_RebatchDataset``), as TensorFlow reports it, an endless input's too.

What it receives: a ``Dataset`` of batches. What it hands on: a ``Dataset``. No trace
events.
"""
import itertools

import numpy as np

from tracekeras.data import structure
from tracekeras.data.dataset import UNKNOWN_CARDINALITY, stack_elements
from tracekeras.data.structure import TensorSpec
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


__all__ = ["rebatch"]
