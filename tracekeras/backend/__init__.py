"""tracekeras.backend: the NumPy backend (``keras.backend`` on TensorFlow, here on NumPy).

``Tensor`` and ``Variable`` hold values; ``GradientTape`` differentiates; ``ops``
and ``nn`` are the differentiable operations the engine uses, ``math_ops`` and
``array_ops`` the rest of the ``tf`` a script reaches for (``random`` also draws
``tf.random``'s tensors); ``config`` holds floatx, epsilon
and the layer-name counters that ``clear_session`` resets; ``mean``, ``sum``,
``batch_flatten`` and the other tensor functions of ``keras.backend`` are in
``tensor_functions``.
"""
import numpy as np

from . import nn, ops, random
from .config import (
    clear_session,
    epsilon,
    floatx,
    get_uid,
    set_epsilon,
    set_floatx,
    standardize_dtype,
    unique_object_name,
)
from .tape import GradientTape
from .tensor import Tensor, Variable, convert
from .tensor_functions import (
    batch_flatten,
    concatenate,
    exp,
    mean,
    not_equal,
    permute_dimensions,
    reshape,
    shape,
    square,
    sum,
    transpose,
)


def get_value(x):
    """keras.backend.get_value: a NumPy copy of a Variable or Tensor (a number stays a number)."""
    if isinstance(x, Variable):
        return x.numpy()
    if isinstance(x, Tensor):
        return x.value.copy()
    return x


def set_value(x, value):
    """keras.backend.set_value: assign in place."""
    x.assign(value)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """keras.backend.random_normal: ``tf.random.normal`` in floatx unless told otherwise;
    without a seed, the op seed is drawn from NumPy's global generator, as in Keras."""
    if seed is None:
        seed = np.random.randint(int(10e6))
    return random.normal(shape, mean=mean, stddev=stddev, dtype=dtype or floatx(), seed=seed)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """keras.backend.random_uniform: ``tf.random.uniform`` in floatx unless told otherwise;
    without a seed, the op seed is drawn from NumPy's global generator, as in Keras."""
    if seed is None:
        seed = np.random.randint(int(10e6))
    return random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype or floatx(),
                          seed=seed)


__all__ = ["GradientTape", "Tensor", "Variable", "batch_flatten", "clear_session", "concatenate",
           "convert", "epsilon", "exp", "floatx", "get_uid", "get_value", "mean", "nn",
           "not_equal", "ops", "permute_dimensions", "random", "random_normal",
           "random_uniform", "reshape", "set_epsilon", "set_floatx", "set_value", "shape",
           "square", "standardize_dtype", "sum", "transpose", "unique_object_name"]
