"""``tf.TensorArray``: a list of tensors of one dtype and shape, written and read by index.

What it owns: the eager ``TensorArray`` of TensorFlow (``_EagerTensorArray`` in
``tensorflow/python/ops/tensor_array_ops.py``), the way a ``tf.while_loop`` body collects
one tensor per step: ``write(index, value)`` (growing the array with
``dynamic_size=True``; the array itself is changed and handed back, so ``ta =
ta.write(...)`` and ``ta.write(...)`` both work, as eagerly in TensorFlow), ``read``
(with ``clear_after_read``, on by default, a second read of an index is refused),
``stack``, ``gather``, ``concat``, ``unstack``, ``scatter``, ``size``, ``dtype``,
``element_shape``. An index never written reads and stacks as zeros of the element shape.
Its refusals are TensorFlow's: a value of another dtype, a shape that differs from the
first one written, an index past the end of a fixed-size array (``OutOfRangeError``).

The tensors are kept as they were written and ``stack``/``gather``/``concat`` are the
differentiable ``tf.stack``/``tf.gather``/``tf.concat``, so gradients flow through a
TensorArray as through TensorFlow's. No trace events (the ops record theirs).
"""
import numpy as np

from . import array_ops, dtypes, ops
from .op_errors import OutOfRangeError
from .string_ops import InvalidArgumentError
from .tensor import Tensor


def shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


class TensorArray:
    """``tf.TensorArray(dtype, size=None, dynamic_size=None, clear_after_read=None, ...)``."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        if size is None:
            raise ValueError("Size must be provided if handle is not provided")
        self._dtype = array_ops.numpy_dtype(dtype)
        self._dynamic_size = bool(dynamic_size)
        self._clear_after_read = True if clear_after_read is None else bool(clear_after_read)
        self._infer_shape = infer_shape
        self._element_shape = None if element_shape is None else tuple(
            getattr(element_shape, "dims", element_shape))
        self._tensors = [None] * int(getattr(size, "value", size))
        self._read = set()

    @property
    def dtype(self):
        return dtypes.as_dtype(self._dtype)

    @property
    def element_shape(self):
        from tracekeras.shim.tensor_shape import TensorShape  # noqa: PLC0415
        return TensorShape(None if self._element_shape is None else list(self._element_shape))

    @property
    def dynamic_size(self):
        return self._dynamic_size

    def size(self, name=None):
        return array_ops.constant(len(self._tensors), dtype="int32")

    def mark_used(self):
        """TensorFlow's check that a written array is used: nothing to mark here."""

    def close(self, name=None):
        self._tensors = []

    def check_shape(self, shape):
        """A value's shape must fit the element shape (the first one written sets it)."""
        known = self._element_shape
        if known is not None and self._infer_shape and (len(known) != len(shape) or any(
                e is not None and e != d for e, d in zip(known, shape))):
            raise ValueError(f"Incompatible shape for value ({shape_text(shape)}), expected "
                             f"({shape_text(self._element_shape)})")
        if self._element_shape is None or None in self._element_shape:
            self._element_shape = tuple(shape)

    def write(self, index, value, name=None):
        """The array with ``value`` at ``index`` (this same array, changed)."""
        index = int(getattr(index, "value", index))
        value = value if isinstance(value, Tensor) else array_ops.convert_to_tensor(
            value, dtype=self._dtype)
        if value.value.dtype != self._dtype:
            raise InvalidArgumentError(f"TensorArray dtype is {dtype_name(self._dtype)} but Op "
                                       f"is trying to write dtype "
                                       f"{dtype_name(value.value.dtype)} ")
        self.check_shape(value.value.shape)
        if index >= len(self._tensors):
            if not self._dynamic_size:
                raise OutOfRangeError(f"Tried to write to index {index} but array is not "
                                      f"resizeable and size is: {len(self._tensors)} ")
            self._tensors.extend([None] * (index + 1 - len(self._tensors)))
        self._tensors[index] = value
        return self

    def zeros(self):
        if self._element_shape is None or None in self._element_shape:
            raise ValueError("Cannot convert a partially known TensorShape <unknown> to a "
                             "Tensor.")
        return Tensor(np.zeros(self._element_shape, self._dtype))

    def read(self, index, name=None):
        index = int(getattr(index, "value", index))
        if index < 0 or index >= len(self._tensors):
            raise OutOfRangeError(f"Tried to read from index {index} but array size is: "
                                  f"{len(self._tensors)} ")
        tensor = self._tensors[index]
        if tensor is None:
            if index in self._read:
                raise InvalidArgumentError(
                    f"Could not read index {index} twice because it was cleared after a "
                    "previous read (perhaps try setting clear_after_read = false?)")
            tensor = self.zeros()
        if self._clear_after_read:
            self._tensors[index] = None
            self._read.add(index)
        return tensor

    def filled(self):
        return [self.zeros() if t is None else t for t in self._tensors]

    def stack(self, name=None):
        """The tensors stacked along a new first axis (zeros where none was written)."""
        if not self._tensors:
            shape = (0,) + (self._element_shape or ())
            return Tensor(np.zeros(tuple(0 if d is None else d for d in shape), self._dtype))
        return array_ops.stack(self.filled())

    def gather(self, indices, name=None):
        picked = [int(i) for i in np.asarray(getattr(indices, "value", indices)).reshape(-1)]
        return array_ops.stack([self.filled()[i] for i in picked])

    def concat(self, name=None):
        return ops.concatenate(self.filled(), axis=0)

    def unstack(self, value, name=None):
        """The rows of ``value`` as the array's tensors (the array, changed)."""
        value = value if isinstance(value, Tensor) else array_ops.convert_to_tensor(
            value, dtype=self._dtype)
        rows = array_ops.unstack(value)
        if len(rows) > len(self._tensors) and not self._dynamic_size:
            raise InvalidArgumentError(
                f"Could not scatter to TensorArray index {len(self._tensors)} because it is "
                f"out of bounds; size is: {len(self._tensors)} ")
        self._tensors = list(rows) + self._tensors[len(rows):]
        if rows:
            self.check_shape(rows[0].value.shape)
        return self

    def scatter(self, indices, value, name=None):
        value = value if isinstance(value, Tensor) else array_ops.convert_to_tensor(
            value, dtype=self._dtype)
        for i, row in zip(np.asarray(getattr(indices, "value", indices)).reshape(-1),
                          array_ops.unstack(value)):
            self.write(int(i), row)
        return self


def dtype_name(dtype):
    return "string" if np.dtype(dtype) == object else np.dtype(dtype).name
