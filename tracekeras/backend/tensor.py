"""Tensor and Variable: the values the backend computes with.

A ``Tensor`` wraps a NumPy array. ``tracked`` says whether a gradient tape must
follow it (it was computed, under an active tape, from something the tape
watches). Two optional attributes carry Keras facts across ops: ``keras_logits``
(the pre-activation tensor of a softmax or sigmoid, which
``keras.backend._get_logits`` uses so a crossentropy is computed from logits)
and ``keras_mask``.

A ``Variable`` is a Tensor whose value lives on and changes: layer weights,
optimizer slots, metric totals. Trainable variables are watched automatically
by an active tape, as in TensorFlow. ``assign`` writes in place; inside
``values_kept()`` (a layer's calls on placeholders, which Keras makes in a graph that
never runs) every assignment is undone at the end of the block.
"""
import contextlib
import threading

import numpy as np

from tracekeras.distribute import distribution_strategy_context

from . import config, dtypes
from .shape_tuple import ShapeTuple


def dtype_name(value):
    """TF's name of an array's dtype: ``string`` for our object arrays of bytes."""
    return "string" if value.dtype == object else str(value.dtype)


def numpy_text(value, as_repr=False):
    """An eager tensor's value as TF prints it: ``str`` of the array, or for ``repr`` the
    array's ``repr`` with a scalar as its Python value; a multi-line text starts on a new
    line."""
    if not as_repr:
        text = str(value)
    elif value.ndim == 0:
        text = repr(value.item())
    else:
        text = repr(value)
    return "\n" + text if "\n" in text else text


class TapeState(threading.local):
    """The gradient tapes recording in this thread: a tape sees only the ops of the thread
    that opened it, as in TensorFlow (two models trained in two threads never mix)."""

    def __init__(self):
        self.active = []          # the tapes recording now; the tape module fills it
        self.auto_watch = False   # True while an active tape watches the variables it meets


TAPES = TapeState()


class AutoCastState(threading.local):
    """The compute dtype AutoCastVariables are read in now (a mixed-precision layer's call
    sets it: ``mixed_precision.autocast_variable``), or None: read as they are."""

    def __init__(self):
        self.dtype = None


AUTOCAST = AutoCastState()

class KeptValues(threading.local):
    """This thread's blocks whose assignments to variables are undone at their end,
    innermost last: a dict (variable id -> (variable, value before the block)), or None for
    a block nested in one whose assignments stand (a layer built inside a call on
    placeholders). Another thread's assignments are its own, as its tapes are."""

    def __init__(self):
        self.blocks = []


KEPT_VALUES = KeptValues()


@contextlib.contextmanager
def values_kept(kept=True):
    """Every variable assigned in the block (``assign``, ``assign_add``, ``assign_sub``, a
    slice's ``assign``) has its value from before the block again at its end: Keras calls a
    layer on symbolic tensors in a scratch graph, whose assignments never run. With
    ``kept=False`` the assignments inside stand (Keras builds a layer in ``init_scope``)."""
    journal = {} if kept else None
    KEPT_VALUES.blocks.append(journal)
    try:
        yield
    finally:
        KEPT_VALUES.blocks.pop()
        for variable, value in (journal or {}).values():
            if variable.value.shape == value.shape:
                np.copyto(variable.value, value)   # the same array: views of it see it
            else:   # its array was replaced meanwhile
                variable.value = value


def before_writing(variables):
    """For code that writes variables' arrays in place (a metric's totals, for speed): the
    values to keep, inside a kept block."""
    if KEPT_VALUES.blocks:
        for variable in variables:
            remember(variable)


def remember(variable):
    """The value ``variable`` had before the innermost kept block, taken before its first
    assignment there."""
    journal = KEPT_VALUES.blocks[-1]
    if journal is not None and id(variable) not in journal:
        journal[id(variable)] = (variable, variable.value.copy())


class Tensor:
    # NumPy defers to a Tensor in mixed arithmetic (``ndarray - Tensor`` calls
    # ``Tensor.__rsub__``), so a NumPy target minus a prediction stays on the tape,
    # as TensorFlow's EagerTensor does with the same device.
    __array_priority__ = 100
    __slots__ = ("value", "tracked", "keras_logits", "keras_mask", "__weakref__")
    autocasts = False   # an AutoCastVariable: read cast inside a mixed-precision call
    # As tf.Tensor: ``ndarray - tensor`` calls ``Tensor.__rsub__`` (a Tensor a tape follows)
    # instead of NumPy consuming the Tensor as an array.
    __array_priority__ = 100

    def __init__(self, value, tracked=False):
        self.value = value
        self.tracked = tracked
        self.keras_logits = None
        self.keras_mask = None

    @property
    def _keras_mask(self):
        """Keras's name for the mask a layer left on its output (what the guides print)."""
        return self.keras_mask

    @_keras_mask.setter
    def _keras_mask(self, mask):
        self.keras_mask = mask

    @property
    def shape(self):
        return ShapeTuple(self.value.shape)

    @property
    def dtype(self):
        """``tf.float32``: a :class:`~tracekeras.backend.dtypes.DType`, which NumPy takes
        as the value's dtype and which prints as TensorFlow's."""
        return dtypes.of(self.value.dtype)

    @property
    def ndim(self):
        return self.value.ndim

    def get_shape(self):
        return ShapeTuple(self.value.shape)

    def set_shape(self, shape):
        """An eager tensor's ``set_shape``: its shape is known, so this only checks that
        ``shape`` (dims and None, a TensorShape, or None for an unknown rank) fits it."""
        dims = getattr(shape, "dims", shape)
        if dims is None:
            return
        dims = tuple(None if d is None else int(d) for d in dims)
        if len(dims) != self.value.ndim or any(
                d is not None and d != n for d, n in zip(dims, self.value.shape)):
            supplied = "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "")
            raise ValueError(f"Tensor's shape {tuple(self.value.shape)} is not compatible with "
                             f"supplied shape {supplied}).")

    def numpy(self):
        """The value; a 0-d tensor gives a NumPy scalar (a string one its bytes), as
        TensorFlow's."""
        return self.value[()] if self.value.ndim == 0 else self.value

    def __array__(self, dtype=None, copy=None):
        # a full reduction leaves a NumPy scalar in ``value``; NumPy wants an array back.
        # ``copy=True`` (``np.array(variable)``): NumPy trusts the answer to be a copy, a
        # snapshot that the optimizer's in-place updates leave alone, as TensorFlow's is
        value = np.asarray(self.value)
        if dtype is not None and value.dtype != np.dtype(dtype):
            return value.astype(dtype)
        return value.copy() if copy else value

    def __len__(self):
        if self.value.ndim == 0:
            raise TypeError("len is not well defined for a rank-0 tensor")
        return len(self.value)

    def __iter__(self):
        if self.value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(len(self.value)))

    def __float__(self):
        return float(self.value)

    def __int__(self):
        return int(self.value)

    def __index__(self):
        return int(np.asarray(self.value).__index__())

    def __bool__(self):
        return bool(self.value)

    def __format__(self, format_spec):
        """As an eager tensor: its NumPy value's format (``f"{t}"`` of a vector is
        ``[1.5 2. ]``; ``str(t)`` is ``tf.Tensor(...)``)."""
        if self.value.ndim == 0:
            return format(self.value.item(), format_spec)
        return self.value.__format__(format_spec)

    def __repr__(self):
        return (f"<tf.Tensor: shape={self.value.shape}, dtype={dtype_name(self.value)}, "
                f"numpy={numpy_text(self.value, as_repr=True)}>")

    def __str__(self):
        return (f"tf.Tensor({numpy_text(self.value)}, shape={self.value.shape}, "
                f"dtype={dtype_name(self.value)})")

    # Python operators route through the differentiable ops.
    def __add__(self, other):
        return ops().add(self, other)

    def __radd__(self, other):
        ops().check_fits(other, self.value.dtype)   # ``1.5 + x`` converts to x's dtype first
        return ops().add(other, self)

    def __sub__(self, other):
        return ops().subtract(self, other)

    def __rsub__(self, other):
        return ops().subtract(other, self)

    def __mul__(self, other):
        return ops().multiply(self, other)

    def __rmul__(self, other):
        return ops().multiply(other, self)

    def __truediv__(self, other):
        return ops().divide(self, other)

    def __rtruediv__(self, other):
        return ops().divide(other, self)

    def __floordiv__(self, other):
        return math_ops().floordiv(self, other)

    def __rfloordiv__(self, other):
        return math_ops().floordiv(other, self)

    def __mod__(self, other):
        return math_ops().floormod(self, other)

    def __rmod__(self, other):
        return math_ops().floormod(other, self)

    def __pow__(self, other):
        return math_ops().pow(self, other)

    def __rpow__(self, other):
        return math_ops().pow(other, self)

    def __neg__(self):
        return ops().negative(self)

    def __abs__(self):
        return ops().abs(self)

    def __matmul__(self, other):
        return ops().matmul(self, other)

    def __rmatmul__(self, other):
        return ops().matmul(other, self)

    # Elementwise, as TensorFlow 2's ``==``; the hash stays the identity (the engine and
    # the tape key tensors by object, never by value).
    # Values that cannot be compared (None, shapes that do not broadcast) are unequal, as in TF.
    def __eq__(self, other):
        if other is None or isinstance(other, (str, type)):
            return False
        ops().check_fits(other, self.value.dtype)   # a Python float beside integers raises
        if isinstance(other, Tensor):   # and a tensor of another dtype
            ops().same_dtype(self, other, "Equal")
        try:
            return math_ops().equal(self, other)
        except (TypeError, ValueError):
            return NotImplemented   # the other side may know (pytest.approx), else identity

    def __ne__(self, other):
        if other is None or isinstance(other, (str, type)):
            return True
        ops().check_fits(other, self.value.dtype)   # a Python float beside integers raises
        if isinstance(other, Tensor):   # and a tensor of another dtype
            ops().same_dtype(self, other, "NotEqual")
        try:
            return math_ops().not_equal(self, other)
        except (TypeError, ValueError):
            return True

    def __hash__(self):
        return id(self)

    def __lt__(self, other):
        return math_ops().less(self, other)

    def __le__(self, other):
        return math_ops().less_equal(self, other)

    def __gt__(self, other):
        return math_ops().greater(self, other)

    def __ge__(self, other):
        return math_ops().greater_equal(self, other)

    def __and__(self, other):
        return math_ops().logical_and(self, other)

    def __rand__(self, other):
        return math_ops().logical_and(other, self)

    def __or__(self, other):
        return math_ops().logical_or(self, other)

    def __ror__(self, other):
        return math_ops().logical_or(other, self)

    def __invert__(self):
        return math_ops().logical_not(self)

    def __getitem__(self, index):
        return ops().getitem(self, index)


def ops():
    from . import ops as module  # cycle: backend.ops imports Tensor from this module
    return module


def math_ops():
    from . import math_ops as module  # cycle: backend.math_ops imports Tensor from this module
    return module


def array_ops():
    from . import array_ops as module  # cycle: backend.array_ops imports Tensor from this module
    return module


class Variable(Tensor):
    """A named, assignable value: ``dense/kernel:0``."""

    __slots__ = ("name", "trainable", "handle_name", "watched", "constraint",
                 "_distribute_strategy")

    created = 0   # how many were ever made (a traced tf.function asks: see backend.graph_capture)

    def __init__(self, initial_value, name="Variable", trainable=True, dtype=None,
                 constraint=None):
        if constraint is not None and not callable(constraint):
            raise ValueError("Argument `constraint` must be None or a callable. Received: "
                             f"{type(constraint)} {constraint!r}")
        Variable.created += 1
        if callable(initial_value):
            initial_value = initial_value()
        if isinstance(initial_value, Tensor):
            initial_value = initial_value.value
        dtype = dtype or default_dtype(initial_value)
        Tensor.__init__(self, np.array(initial_value, dtype=dtype, copy=True))
        self.handle_name = name
        self.name = f"{name}:0"
        self.trainable = bool(trainable)
        self.watched = 0
        self.constraint = constraint   # the optimizer assigns constraint(variable) after updates
        # the tf.distribute strategy whose scope made it (None: the default strategy)
        self._distribute_strategy = distribution_strategy_context.creating_strategy()

    @property
    def tracked(self):
        """Followed by a tape: trainable under a tape that watches what it meets, or watched."""
        return (self.trainable and TAPES.auto_watch) or self.watched > 0

    @tracked.setter
    def tracked(self, value):
        pass  # a variable is followed by being trainable or watched (GradientTape.watch)

    def numpy(self):
        """A copy of the value; a scalar Variable gives a NumPy scalar, as TensorFlow's."""
        value = self.value.copy()
        return value[()] if value.ndim == 0 else value

    def __array__(self, dtype=None, copy=None):
        # np.array / np.asarray of a variable: a snapshot, as TensorFlow's (``numpy()``),
        # which the optimizer's in-place updates leave alone; unless ``copy=False``
        if copy is False:
            return super().__array__(dtype, copy)
        value = self.value if dtype is None else self.value.astype(dtype, copy=False)
        return np.array(value, copy=True)

    def check_shape(self, value):
        value = np.asarray(value.value if isinstance(value, Tensor) else value)
        if value.shape != self.value.shape:
            raise ValueError(f"Cannot assign value to variable '{self.name}': Shape mismatch. "
                             f"The variable shape {self.value.shape}, and the assigned value "
                             f"shape {value.shape} are incompatible.")
        return value

    def assign(self, value):
        if KEPT_VALUES.blocks:
            remember(self)
        np.copyto(self.value, self.check_shape(value), casting="same_kind")
        return self

    def assign_add(self, delta):
        if KEPT_VALUES.blocks:
            remember(self)
        np.add(self.value, self.check_shape_or_scalar(delta), out=self.value, casting="same_kind")
        return self

    def assign_sub(self, delta):
        if KEPT_VALUES.blocks:
            remember(self)
        np.subtract(self.value, self.check_shape_or_scalar(delta), out=self.value,
                    casting="same_kind")
        return self

    def check_shape_or_scalar(self, delta):
        delta = np.asarray(delta.value if isinstance(delta, Tensor) else delta)
        return delta if delta.ndim == 0 else self.check_shape(delta)

    def __getitem__(self, index):
        """``v[0, 0]``: the values, which (as in TensorFlow) can be assigned back into ``v``
        (``v[0, 0].assign(3.)``); under a tape that follows ``v``, a differentiable slice."""
        if self.tracked and TAPES.active:
            return Tensor.__getitem__(self, index)
        return VariableSlice(self, index)

    def __repr__(self):
        return (f"<tf.Variable '{self.name}' shape={self.value.shape} "
                f"dtype={dtype_name(self.value)}, numpy={numpy_text(self.value, as_repr=True)}>")

    __str__ = __repr__     # as TF's: a variable prints the same either way

    def __format__(self, format_spec):
        """As TF's variable: ``f"{v}"`` is its ``str``; a format spec is refused (a
        Tensor formats as its value: ``f"{v.numpy():.2f}"`` or ``f"{v + 0:.2f}"``)."""
        if format_spec:
            raise TypeError("unsupported format string passed to ResourceVariable.__format__")
        return str(self)


class VariableSlice(Tensor):
    """Part of a Variable (``v[0, 0]``) that writes through to it with ``assign``."""

    __slots__ = ("variable", "index")

    def __init__(self, variable, index):
        index = index.value if isinstance(index, Tensor) else index
        Tensor.__init__(self, np.array(variable.value[index]))
        self.variable, self.index = variable, index

    def assign(self, value):
        if KEPT_VALUES.blocks:
            remember(self.variable)
        self.variable.value[self.index] = np.asarray(
            value.value if isinstance(value, Tensor) else value, dtype=self.value.dtype)
        self.value = np.array(self.variable.value[self.index])
        return self

    def assign_add(self, delta):
        return self.assign(self.value + np.asarray(getattr(delta, "value", delta)))

    def assign_sub(self, delta):
        return self.assign(self.value - np.asarray(getattr(delta, "value", delta)))


def default_dtype(value):
    """The dtype TensorFlow gives a value: NumPy data keeps its own, Python floats are
    ``floatx`` and Python ints int32."""
    if isinstance(value, (np.ndarray, np.generic)):
        return value.dtype
    kind = np.asarray(value).dtype
    if kind == np.int64:
        return np.dtype(np.int32)
    return kind if kind == np.bool_ else np.dtype(config.floatx())


def convert(value, dtype=None):
    """A Tensor for any array-like; Python floats become ``floatx``; a list or tuple that
    holds tensors is ``autopacked``."""
    if isinstance(value, Tensor):
        if value.autocasts and AUTOCAST.dtype is not None:
            value = value.read_in(np.dtype(AUTOCAST.dtype))
        if dtype is not None and value.value.dtype != np.dtype(dtype):
            return ops().cast(value, dtype)
        return value
    if isinstance(value, np.ndarray):
        return Tensor(value if dtype is None else value.astype(dtype, copy=False))
    if isinstance(value, (list, tuple)) and holds_tensor(value):
        inferred = nested_dtype(value)
        if dtype is None or np.dtype(dtype) == inferred:
            return autopacked(value, inferred)   # (another dtype: a constant, as TensorFlow's)
    if dtype is None and isinstance(value, (float, int)) and not isinstance(value, bool):
        dtype = config.floatx()
    if dtype is None:
        arr = np.asarray(value)
        if arr.dtype == np.float64:
            arr = arr.astype(config.floatx())
        return Tensor(arr)
    return Tensor(np.asarray(value, dtype=dtype))


def holds_tensor(value):
    """Whether a (nested) list or tuple holds a Tensor anywhere."""
    return any(isinstance(v, Tensor) or (isinstance(v, (list, tuple)) and holds_tensor(v))
               for v in value)


def nested_dtype(value):
    """The dtype of the first Tensor in a (nested) list or tuple that holds one."""
    for v in value:
        if isinstance(v, Tensor):
            return v.value.dtype
        if isinstance(v, (list, tuple)) and holds_tensor(v):
            return nested_dtype(v)
    raise ValueError("no tensor in the list")


def autopacked(value, dtype):
    """TensorFlow's auto-packing of a list or tuple that holds tensors (``tf.reduce_sum([x,
    y])``, ``tf.nn.softmax([a, b], axis=0)``): ``tf.stack`` of its items, lists in it packed
    the same way and Python numbers converted to the first tensor's ``dtype``
    (``packed_item``), so that the gradient flows back to each tensor; a tensor of another
    dtype is TensorFlow's InvalidArgumentError of its ``Pack`` op."""
    items = [autopacked(v, dtype) if isinstance(v, (list, tuple)) and holds_tensor(v)
             else v if isinstance(v, Tensor) else packed_item(v, dtype) for v in value]
    array_ops().matching_dtype(items, "Pack", "packed")
    return array_ops().stack(items)


def packed_item(value, dtype):
    """A number or list beside the tensors of a packed list, in their ``dtype``: floats
    never fit an integer one (TensorFlow's TypeError, where NumPy would truncate)."""
    if np.dtype(dtype).kind in "iu" and np.asarray(value).dtype.kind == "f":
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {np.dtype(dtype).name}")
    return convert(value, dtype)
