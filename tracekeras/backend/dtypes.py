"""``tf.DType`` (TensorFlow's ``framework/dtypes``): what ``tf.float32`` and ``t.dtype`` are.

What it owns: :class:`DType`, a dtype as TensorFlow shows it and as NumPy takes it. It is
a ``str`` whose text is the NumPy name (``"float32"``; ``"object"`` for a string tensor,
whose value is an object array of bytes), so NumPy accepts it wherever it takes a dtype
(``np.zeros(2, t.dtype)``, ``a.astype(t.dtype)``), while it prints as TensorFlow's:
``str``/``print``/``f"{}"`` give ``<dtype: 'float32'>``, ``repr`` gives ``tf.float32``, and
``name`` is TensorFlow's (``string`` for strings). It equals whatever names the same dtype
(``tf.float32``, ``"float32"``, ``np.float32``, ``np.dtype("float32")``); the NumPy
dtype's own attributes (``kind``, ``itemsize``, ``type``) answer through it, so code
written for an array's dtype works on a tensor's. It adds TensorFlow's ``is_floating``,
``is_integer``, ``is_complex``, ``is_bool``, ``as_numpy_dtype``, ``size``, ``base_dtype``,
``real_dtype``, ``min`` and ``max``.

Also :data:`DTYPES` (``tf.float32`` and the other names of the ``tf`` namespace),
:func:`as_dtype` (``tf.as_dtype``), :func:`numpy_dtype` (the NumPy dtype of any dtype
argument, TensorFlow's enum numbers included) and :func:`of` (the DType of a NumPy dtype:
what ``Tensor.dtype`` answers). No trace events.
"""
import numpy as np

# TensorFlow's DataType enum numbers, which every dtype argument also accepts
# (``tf.zeros(1, 1)`` is a float32 zero: 1 is DT_FLOAT)
DATA_TYPE_ENUM = {1: "float32", 2: "float64", 3: "int32", 4: "uint8", 5: "int16", 6: "int8",
                  7: "object", 9: "int64", 10: "bool", 17: "uint16", 19: "float16", 22: "uint32",
                  23: "uint64"}


def numpy_dtype(dtype):
    """The NumPy dtype of a dtype argument: a name, a NumPy dtype, a ``tf.DType`` or an enum."""
    if isinstance(dtype, DType):
        return dtype.numpy_dtype
    if isinstance(dtype, int) and not isinstance(dtype, bool):
        if dtype not in DATA_TYPE_ENUM:
            raise TypeError(f"Cannot convert the argument `type_value`: {dtype!r} to a "
                            "TensorFlow DType.")
        return np.dtype(DATA_TYPE_ENUM[dtype])
    if dtype == "string" or dtype is str or dtype is bytes:
        return np.dtype(object)   # string tensors hold object arrays of bytes (backend.string_ops)
    return None if dtype is None else np.dtype(dtype)


class DType(str):
    """``tf.float32``: the dtype's NumPy name, printed as TensorFlow prints its DType."""

    def __new__(cls, name):
        self = super().__new__(cls, name)
        self.numpy_dtype = np.dtype(name)   # the NumPy dtype this DType stands for
        return self

    def __getnewargs__(self):
        return (str.__str__(self),)

    @property
    def name(self):
        return "string" if self.numpy_dtype.kind == "O" else self.numpy_dtype.name

    def __str__(self):
        return f"<dtype: '{self.name}'>"

    def __repr__(self):
        return f"tf.{self.name}"

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __eq__(self, other):
        """Equal to whatever names the same dtype; anything that names none is unequal."""
        if isinstance(other, DType):
            return self.numpy_dtype == other.numpy_dtype
        if other is None or isinstance(other, (list, tuple, dict, set)):
            return False
        try:
            return self.numpy_dtype == numpy_dtype(other)
        except (TypeError, ValueError):
            return False

    def __ne__(self, other):
        return not self == other

    __hash__ = str.__hash__

    def __getattr__(self, attribute):
        """The NumPy dtype's attributes (``kind``, ``itemsize``, ``type``...)."""
        if attribute == "numpy_dtype":   # not set yet (while unpickling)
            raise AttributeError(attribute)
        return getattr(self.numpy_dtype, attribute)

    @property
    def as_numpy_dtype(self):
        return object if self.numpy_dtype.kind == "O" else self.numpy_dtype.type

    @property
    def size(self):
        """Bytes per element; 0 for strings, as TensorFlow says."""
        return 0 if self.numpy_dtype.kind == "O" else self.numpy_dtype.itemsize

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        return of(np.finfo(self.numpy_dtype).dtype) if self.is_complex else self

    @property
    def is_floating(self):
        return np.issubdtype(self.numpy_dtype, np.floating)

    @property
    def is_complex(self):
        return np.issubdtype(self.numpy_dtype, np.complexfloating)

    @property
    def is_integer(self):
        return np.issubdtype(self.numpy_dtype, np.integer)

    @property
    def is_unsigned(self):
        return np.issubdtype(self.numpy_dtype, np.unsignedinteger)

    @property
    def is_bool(self):
        return self.numpy_dtype.kind == "b"

    @property
    def min(self):
        return (np.finfo if self.is_floating else np.iinfo)(self.numpy_dtype).min

    @property
    def max(self):
        return (np.finfo if self.is_floating else np.iinfo)(self.numpy_dtype).max


DTYPES = {name: DType(name) for name in (
    "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
    "uint32", "uint64", "bool", "complex64", "complex128")}
DTYPES["string"] = DType("object")
DTYPES["double"] = DTYPES["float64"]
DTYPES["half"] = DTYPES["float16"]

BY_NUMPY = {d.numpy_dtype: d for d in DTYPES.values()}   # what ``of`` answers, made once


def of(dtype):
    """The DType of a NumPy dtype (``Tensor.dtype``)."""
    found = BY_NUMPY.get(dtype)
    if found is None:
        dtype = np.dtype(dtype)   # NumPy's bytes and text arrays are string tensors too
        found = BY_NUMPY[dtype] = DTYPES["string"] if dtype.kind in "OSU" else DType(dtype.str)
    return found


def as_dtype(type_value):
    """``tf.as_dtype``: the DType of a name, a NumPy dtype or a DType."""
    if isinstance(type_value, DType):
        return type_value
    return of(numpy_dtype(type_value))
