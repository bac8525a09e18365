"""``tf.SparseTensor`` and ``tf.sparse.to_dense``: a tensor given by its non-zero entries.

What it owns: :class:`SparseTensor` (``indices``, int64 of shape ``[N, rank]``; ``values``
of shape ``[N]``; ``dense_shape``, int64 of shape ``[rank]``), checked for consistent
shapes as TensorFlow does when it is made, :func:`to_dense`, the dense Tensor with
``values`` at ``indices`` and ``default_value`` (0) elsewhere, and :func:`from_dense`, its
inverse for the non-zero entries; ``tf.cast`` casts a SparseTensor's values
(``with_values``). With
``validate_indices=True`` (the default) the indices must lie inside ``dense_shape``, in
row-major order and without repeats, with TensorFlow's messages; with False only inside.

Sparse arithmetic and the other ``tf.sparse`` ops are not implemented. The Keras text
generation tutorial makes one to build a mask of ``-inf`` over the vocabulary; the
categorical preprocessing layers hand one on with ``sparse=True``, and ``Dense`` takes it
(``dense_values``, the dense form without the checks, for indices a layer made).
Trace events: ``to_dense`` records a ``backend`` instant at level full (``tape.record``);
it has no gradient.
"""
import numpy as np

from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import Tensor


def as_array(value, dtype=None):
    array = np.asarray(getattr(value, "value", value))
    if dtype is not None:
        return array.astype(dtype)
    if array.dtype == np.float64 and not isinstance(value, (Tensor, np.ndarray)):
        return array.astype(np.float32)   # Python floats become float32, as tf.constant's
    if array.dtype == np.int64 and not isinstance(value, (Tensor, np.ndarray)):
        return array.astype(np.int32)
    return array


def incompatible(a, b):
    return ValueError(f"Dimensions {a} and {b} are not compatible")


class SparseTensor:
    """``tf.SparseTensor(indices, values, dense_shape)``."""

    def __init__(self, indices, values, dense_shape):
        indices, values = as_array(indices, np.int64), as_array(values)
        dense_shape = as_array(dense_shape, np.int64)
        if indices.ndim != 2:
            raise ValueError(f"Shape {indices.shape} must have rank 2")
        if values.ndim != 1:
            raise ValueError(f"Shape {values.shape} must have rank 1")
        if dense_shape.ndim != 1:
            raise ValueError(f"Shape {dense_shape.shape} must have rank 1")
        if indices.shape[0] != values.shape[0]:
            raise incompatible(indices.shape[0], values.shape[0])
        if indices.shape[1] != dense_shape.shape[0]:
            raise incompatible(indices.shape[1], dense_shape.shape[0])
        self.indices, self.values = Tensor(indices), Tensor(values)
        self.dense_shape = Tensor(dense_shape)

    def with_values(self, new_values):
        """The same indices and dense shape with ``new_values`` (``tf.cast`` of a
        SparseTensor casts its values so)."""
        return SparseTensor(self.indices, new_values, self.dense_shape)

    @property
    def dtype(self):
        return self.values.value.dtype

    @property
    def shape(self):
        return tuple(int(d) for d in self.dense_shape.value)

    def __repr__(self):
        return (f"SparseTensor(indices={self.indices!s}, values={self.values!s}, "
                f"dense_shape={self.dense_shape!s})")


def check_indices(indices, shape, validate_indices):
    """TensorFlow's SparseToDense checks: inside the shape, then (validated) sorted, unique."""
    shown = [f"[{', '.join(str(int(i)) for i in row)}]" for row in indices]
    for n, row in enumerate(indices):
        if np.any(row < 0) or np.any(row >= shape):
            raise InvalidArgumentError(
                f"indices[{n}] = {shown[n]} is out of bounds: need 0 <= index < "
                f"[{','.join(str(int(d)) for d in shape)}]")
        if validate_indices and n > 0:
            previous, current = tuple(indices[n - 1]), tuple(row)
            if current == previous:
                raise InvalidArgumentError(f"indices[{n}] = {shown[n]} is repeated")
            if current < previous:
                raise InvalidArgumentError(
                    f"indices[{n}] = {shown[n]} is out of order. Many sparse ops require "
                    "sorted indices.\n    Use `tf.sparse.reorder` to create a correctly "
                    "ordered copy.")


def dense_values(sp_input):
    """The dense Tensor of a SparseTensor whose indices are known good (one a layer made)."""
    values = sp_input.values.value
    out = np.zeros(sp_input.shape, dtype=values.dtype)
    out[tuple(sp_input.indices.value.T)] = values
    return Tensor(out)


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """``tf.sparse.to_dense``: the dense Tensor of ``sp_input``."""
    if not isinstance(sp_input, SparseTensor):
        raise TypeError(f"Input must be a SparseTensor. Received: {type(sp_input).__name__}")
    indices, values = sp_input.indices.value, sp_input.values.value
    shape = sp_input.dense_shape.value
    check_indices(indices, shape, validate_indices)
    if values.dtype == object:   # strings: b"" by default, a str default as UTF-8 bytes
        fill = b"" if default_value is None else np.asarray(
            getattr(default_value, "value", default_value)).item()
        fill = fill.encode() if isinstance(fill, str) else fill
    else:
        fill = 0 if default_value is None else as_array(default_value, values.dtype)
    out = np.full(tuple(int(d) for d in shape), fill, dtype=values.dtype)
    out[tuple(indices.T)] = values
    return record("tf.sparse.to_dense", out, (), None)


def from_dense(tensor, name=None):
    """``tf.sparse.from_dense``: the entries of ``tensor`` that are not zero (for strings,
    not empty), in row-major order."""
    dense = np.asarray(getattr(tensor, "value", tensor))
    if not isinstance(tensor, (Tensor, np.ndarray)):
        dense = as_array(tensor)
    present = dense != (b"" if dense.dtype.kind in "OS" else 0)
    indices = np.argwhere(present).astype(np.int64).reshape(-1, dense.ndim)
    return SparseTensor(indices, dense[present], np.asarray(dense.shape, dtype=np.int64))


def concat_rows(sp_inputs):
    """``tf.sparse.concat(axis=0, sp_inputs)``: one SparseTensor of the inputs' rows in turn
    (``predict`` joins its batches' sparse outputs so). The other dimensions must agree."""
    shapes = [tuple(sp.shape) for sp in sp_inputs]
    for shape in shapes[1:]:
        if shape[1:] != shapes[0][1:]:
            raise InvalidArgumentError(
                "Input shapes must match: expected "
                f"{list(shapes[0][1:])} for all but the first dimension, got {list(shape[1:])}")
    offsets = np.cumsum([0] + [shape[0] for shape in shapes[:-1]])
    indices = [sp.indices.value + np.eye(len(shape), dtype=np.int64)[0] * offset
               for sp, shape, offset in zip(sp_inputs, shapes, offsets)]
    rows = sum(shape[0] for shape in shapes)
    return SparseTensor(np.concatenate(indices).reshape(-1, len(shapes[0])),
                        np.concatenate([sp.values.value for sp in sp_inputs]),
                        (rows,) + shapes[0][1:])
