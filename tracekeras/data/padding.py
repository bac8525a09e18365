"""``Dataset.padded_batch``: elements of different shapes padded to one shape, then stacked
(``tensorflow/python/data/ops/padded_batch_op.py``).

What it owns: ``padded_batches`` (the batches of an element iterator, each component
padded at the end of every axis to its ``padded_shapes`` entry, an unknown entry (``None``
or -1) meaning the longest in the batch, with its ``padding_values`` entry: 0 for numbers
and ``b""`` for strings by default), ``padded_spec`` (the batch's spec: a leading batch
dimension, the padded shape's known dimensions, else the component's own) and
``check_rank`` (a padded shape of the wrong rank is refused as TensorFlow refuses it).

What it receives: an iterator of NumPy elements, nested structures of shapes and values.
What it hands on: NumPy batches. Trace events: none.
"""
import itertools

import numpy as np

from tracekeras.utils import nest

from .structure import TensorSpec


class DataLossError(Exception):
    """``tf.errors.DataLossError``: what TensorFlow raises for an element longer than its
    padded shape."""


def known(dim):
    return None if dim is None or int(dim) == -1 else int(dim)


def up_to(structure, value):
    """One entry of ``value`` per leaf of ``structure`` (nest.flatten's order): ``value``
    has the element's structure down to its components, where it holds a whole shape (a
    list) or padding value; None stands for the default of every component."""
    if value is None:
        return [None] * len(nest.flatten(structure))
    if isinstance(structure, dict):
        return [v for key in sorted(structure) for v in up_to(structure[key], value[key])]
    if isinstance(structure, (list, tuple)):
        if not isinstance(value, (list, tuple)) or len(value) != len(structure):
            raise ValueError(f"The padded shapes or padding values {value!r} do not have "
                             f"the structure of the dataset's elements.")
        return [v for item, part in zip(structure, value) for v in up_to(item, part)]
    return [value]


def check_rank(spec, shape):
    if spec is not None and shape is not None and len(spec.shape) != len(shape):
        raise ValueError(f"The padded shape {tuple(shape)} is not compatible with the "
                         f"shape {spec.shape} of the corresponding input component.")


def padded_spec(specs, padded_shapes, batch_size, drop_remainder):
    """The spec of a padded batch of elements of ``specs``."""
    size = int(batch_size) if drop_remainder else None

    def spec(s, shape):
        check_rank(s, shape)
        dims = s.shape if shape is None else tuple(
            known(d) if known(d) is not None else own for d, own in zip(shape, s.shape))
        return TensorSpec((size,) + dims, s.dtype)
    flat = [None if s is None else spec(s, p)
            for s, p in zip(nest.flatten(specs), up_to(specs, padded_shapes))]
    return nest.pack_sequence_as(specs, flat)


def pad_component(arrays, shape, value):
    rank = arrays[0].ndim
    longest = [max(a.shape[axis] for a in arrays) for axis in range(rank)]
    target = [longest[axis] if shape is None or known(shape[axis]) is None
              else known(shape[axis]) for axis in range(rank)]
    if any(a.shape[axis] > target[axis] for a in arrays for axis in range(rank)):
        raise DataLossError(
            "Attempted to pad to a smaller size than the input element.")
    value = (b"" if arrays[0].dtype == object else 0) if value is None else np.asarray(value)
    if isinstance(value, np.ndarray) and value.dtype.kind == "U":   # TF converts to bytes
        value = value.item().encode()
    out = np.full([len(arrays)] + target, value, dtype=arrays[0].dtype)
    for i, a in enumerate(arrays):
        out[(i,) + tuple(slice(0, n) for n in a.shape)] = a
    return out


def padded_batches(elements, batch_size, padded_shapes, padding_values, drop_remainder):
    """The padded batches of the iterator ``elements``."""
    while True:
        chunk = list(itertools.islice(elements, batch_size))
        if not chunk or (drop_remainder and len(chunk) < batch_size):
            return
        flats = [nest.flatten(e) for e in chunk]
        shapes = up_to(chunk[0], padded_shapes)
        values = up_to(chunk[0], padding_values)
        batch = [pad_component([np.asarray(f[i]) for f in flats], shapes[i], values[i])
                 for i in range(len(flats[0]))]
        yield nest.pack_sequence_as(chunk[0], batch)
