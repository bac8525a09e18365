"""Tensor and Variable: the values the backend computes with.

A ``Tensor`` wraps a NumPy array. ``tracked`` says whether a gradient tape must
follow it (it was computed, under an active tape, from something the tape
watches). Two optional attributes carry Keras facts across ops: ``keras_logits``
(the pre-activation tensor of a softmax or sigmoid, which
``keras.backend._get_logits`` uses so a crossentropy is computed from logits)
and ``keras_mask``.

A ``Variable`` is a Tensor whose value lives on and changes: layer weights,
optimizer slots, metric totals. Trainable variables are watched automatically
by an active tape, as in TensorFlow. ``assign`` writes in place.
"""
import numpy as np

from . import config

ACTIVE_TAPES = []   # the tapes recording now; the tape module fills it
AUTO_WATCH = [False]  # True while an active tape watches the trainable variables it meets


class Tensor:
    __slots__ = ("value", "tracked", "keras_logits", "keras_mask", "__weakref__")
    # As tf.Tensor: ``ndarray - tensor`` calls ``Tensor.__rsub__`` (a Tensor a tape follows)
    # instead of NumPy consuming the Tensor as an array.
    __array_priority__ = 100

    def __init__(self, value, tracked=False):
        self.value = value
        self.tracked = tracked
        self.keras_logits = None
        self.keras_mask = None

    @property
    def shape(self):
        return self.value.shape

    @property
    def dtype(self):
        return self.value.dtype

    @property
    def ndim(self):
        return self.value.ndim

    def numpy(self):
        return self.value

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __len__(self):
        return len(self.value)

    def __float__(self):
        return float(self.value)

    def __int__(self):
        return int(self.value)

    def __repr__(self):
        return f"<tracekeras.Tensor shape={self.value.shape} dtype={self.value.dtype}>"

    # Python operators route through the differentiable ops.
    def __add__(self, other):
        return ops().add(self, other)

    def __radd__(self, other):
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

    def __neg__(self):
        return ops().negative(self)

    def __matmul__(self, other):
        return ops().matmul(self, other)

    def __getitem__(self, index):
        return ops().getitem(self, index)


def ops():
    from . import ops as module  # cycle: backend.ops imports Tensor from this module
    return module


class Variable(Tensor):
    """A named, assignable value: ``dense/kernel:0``."""

    __slots__ = ("name", "trainable", "handle_name", "watched")

    def __init__(self, initial_value, name="Variable", trainable=True, dtype=None):
        if callable(initial_value):
            initial_value = initial_value()
        if isinstance(initial_value, Tensor):
            initial_value = initial_value.value
        dtype = dtype or (initial_value.dtype if isinstance(initial_value, np.ndarray)
                          else config.floatx())
        Tensor.__init__(self, np.array(initial_value, dtype=dtype, copy=True))
        self.handle_name = name
        self.name = f"{name}:0"
        self.trainable = bool(trainable)
        self.watched = 0

    @property
    def tracked(self):
        """Followed by a tape: trainable under a tape that watches what it meets, or watched."""
        return (self.trainable and AUTO_WATCH[0]) or self.watched > 0

    @tracked.setter
    def tracked(self, value):
        pass  # a variable is followed by being trainable or watched (GradientTape.watch)

    def numpy(self):
        return self.value.copy()

    def check_shape(self, value):
        value = np.asarray(value.value if isinstance(value, Tensor) else value)
        if value.shape != self.value.shape:
            raise ValueError(f"Cannot assign value to variable '{self.name}': Shape mismatch. "
                             f"The variable shape {self.value.shape}, and the assigned value "
                             f"shape {value.shape} are incompatible.")
        return value

    def assign(self, value):
        np.copyto(self.value, self.check_shape(value), casting="same_kind")
        return self

    def assign_add(self, delta):
        np.add(self.value, self.check_shape_or_scalar(delta), out=self.value, casting="same_kind")
        return self

    def assign_sub(self, delta):
        np.subtract(self.value, self.check_shape_or_scalar(delta), out=self.value,
                    casting="same_kind")
        return self

    def check_shape_or_scalar(self, delta):
        delta = np.asarray(delta.value if isinstance(delta, Tensor) else delta)
        return delta if delta.ndim == 0 else self.check_shape(delta)

    def __repr__(self):
        return (f"<tracekeras.Variable '{self.name}' shape={self.value.shape} "
                f"dtype={self.value.dtype}>")


def convert(value, dtype=None):
    """A Tensor for any array-like; Python floats become ``floatx``."""
    if isinstance(value, Tensor):
        if dtype is not None and value.value.dtype != np.dtype(dtype):
            return ops().cast(value, dtype)
        return value
    if isinstance(value, np.ndarray):
        return Tensor(value if dtype is None else value.astype(dtype, copy=False))
    if dtype is None and isinstance(value, (float, int)) and not isinstance(value, bool):
        dtype = config.floatx()
    if dtype is None:
        arr = np.asarray(value)
        if arr.dtype == np.float64:
            arr = arr.astype(config.floatx())
        return Tensor(arr)
    return Tensor(np.asarray(value, dtype=dtype))
