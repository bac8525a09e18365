"""``keras.mixed_precision.autocast_variable``: a float32 variable read in float16.

What it owns: ``AutoCastVariable``, the variable ``Layer.add_weight`` makes under a
mixed policy (``mixed_float16``: float32 variables, float16 computations). It *is* the
float32 variable (``dtype`` float32, the optimizer updates it in float32, saving writes
float32), and while a layer's ``call`` runs (``enable_auto_cast_variables`` with the
layer's compute dtype) an op that reads it reads it cast to that dtype: ``x @ kernel``
of a float16 ``x`` is float16. The read is a recorded ``tf.cast``, so a tape hands the
variable a float32 gradient (the float16 one cast back), as TensorFlow's does. Outside a
call (an optimizer step, a regularizer, ``numpy()``) it reads as float32.

Keras keeps the variable inside a wrapper object; here the variable is a
``backend.Variable`` subclass and ``backend.tensor.convert`` asks it for the cast read
(``read_in``) while ``backend.tensor.AUTOCAST`` names a floating dtype.

What it receives: ``Layer.__call__`` sets the dtype; ``add_weight`` makes the variables.
No trace events (the cast is a ``tf.cast`` op at trace level ``full``).
"""
import contextlib

import numpy as np

from tracekeras.backend import tensor as tensor_module
from tracekeras.backend.tape import record
from tracekeras.backend.tensor import AUTOCAST, Variable, dtype_name, numpy_text

FLOATING = ("float16", "float32", "float64")


class AutoCastVariable(Variable):
    """A float variable read in the dtype of the layer call reading it."""

    __slots__ = ()
    autocasts = True

    @property
    def dtype_to_cast_to(self):
        """The dtype a read gives now: the running call's compute dtype, else its own."""
        if AUTOCAST.dtype is not None and self.value.dtype.kind == "f":
            return np.dtype(AUTOCAST.dtype)
        return self.value.dtype

    @property
    def true_dtype(self):
        """Keras's older name of ``dtype``: the variable's own dtype."""
        return self.value.dtype

    def read_in(self, dtype):
        """This variable as an op reads it inside a call of compute dtype ``dtype``: itself,
        or ``tf.cast(variable, dtype)`` on the tape."""
        src = self.value.dtype
        if src == dtype or src.kind != "f":
            return self

        def backward(g, needs):
            return (g.astype(src),)

        def backward_ops(g, needs, out):
            return (tensor_module.ops().cast(g, src),)
        return record("tf.cast", self.value.astype(dtype), (self,), backward, backward_ops)

    def __getitem__(self, index):
        """``kernel[:, :u]`` inside a mixed call: a slice of the cast read, as Keras's
        AutoCastVariable slices the value it reads."""
        if AUTOCAST.dtype is not None:
            read = self.read_in(np.dtype(AUTOCAST.dtype))
            if read is not self:
                return read[index]
        return Variable.__getitem__(self, index)

    def __repr__(self):
        return (f"<AutoCastVariable '{self.name}' shape={self.value.shape} "
                f"dtype={dtype_name(self.value)} "
                f"dtype_to_cast_to={self.dtype_to_cast_to.name}, "
                f"numpy={numpy_text(self.value, as_repr=True)}>")

    __str__ = __repr__


@contextlib.contextmanager
def enable_auto_cast_variables(dtype):
    """Inside: AutoCastVariables are read in ``dtype`` (a floating dtype name; anything
    else, None included, reads them as they are)."""
    dtype = dtype if dtype in FLOATING else None
    saved = AUTOCAST.dtype
    AUTOCAST.dtype = dtype
    try:
        yield
    finally:
        AUTOCAST.dtype = saved

