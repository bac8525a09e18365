"""The tensor functions of ``keras.backend`` (``K.mean``, ``K.sum``, ``K.batch_flatten`` ...).

What it owns: the functions Keras 2 scripts call as ``K = keras.backend; K.mean(x)``:
``mean``, ``sum``, ``exp``, ``square``, ``not_equal``, ``shape``, ``reshape``,
``batch_flatten``, ``concatenate``, ``permute_dimensions`` and ``transpose``. Each is the
TensorFlow op Keras's own function runs (``K.mean`` is ``tf.reduce_mean``, ``K.permute_dimensions``
is ``tf.transpose``), with Keras's additions: ``mean`` and ``sum`` of booleans count in
floatx (Keras casts them first); ``batch_flatten`` keeps the first axis and flattens the
rest; ``concatenate`` takes a negative axis from the first tensor's rank.

What it receives: Tensors, arrays or numbers. What it hands on: Tensors recorded on the
tape by the ops they run (``tf.math.reduce_mean`` ...), so gradients flow through them.
No trace events of their own.
"""
import numpy as np

from . import array_ops, math_ops, ops
from .config import floatx
from .tensor import convert


def as_float_if_bool(x):
    """Keras casts a boolean tensor to floatx before it sums or averages it (a model's
    symbolic tensor passes on to the op, which makes it a layer)."""
    if isinstance(x, (list, tuple, bool, int, float)):
        x = convert(x)
    dtype = x.dtype if hasattr(x, "dtype") else np.asarray(x).dtype
    return ops.cast(x, floatx()) if np.dtype(dtype) == np.bool_ else x


def mean(x, axis=None, keepdims=False):
    """``K.mean``: ``tf.reduce_mean`` (booleans in floatx)."""
    return ops.reduce_mean(as_float_if_bool(x), axis=axis, keepdims=keepdims)


def sum(x, axis=None, keepdims=False):
    """``K.sum``: ``tf.reduce_sum`` (booleans in floatx)."""
    return ops.reduce_sum(as_float_if_bool(x), axis=axis, keepdims=keepdims)


def exp(x):
    return ops.exp(x)


def square(x):
    return ops.square(x)


def not_equal(x, y):
    return math_ops.not_equal(x, y)


def shape(x):
    """``K.shape``: the dynamic shape, ``tf.shape`` (int32)."""
    return array_ops.shape(x)


def reshape(x, shape):
    return ops.reshape(x, shape)


def batch_flatten(x):
    """``K.batch_flatten``: (batch, d1, d2, ...) reshaped to (batch, d1 * d2 * ...)."""
    x = convert(x)
    return ops.reshape(x, [-1, int(np.prod(x.value.shape[1:]))])


def concatenate(tensors, axis=-1):
    """``K.concatenate``: ``tf.concat`` along ``axis`` (negative: from the first tensor's rank;
    a rank-0 first tensor concatenates along axis 0, as Keras does)."""
    if axis < 0:
        rank = np.ndim(convert(tensors[0]).value)
        axis = axis % rank if rank else 0
    return ops.concatenate(tensors, axis=axis)


def permute_dimensions(x, pattern):
    """``K.permute_dimensions``: ``tf.transpose(x, perm=pattern)``."""
    return array_ops.transpose(x, perm=pattern)


def transpose(x):
    """``K.transpose``: ``tf.transpose``, the dimensions in reverse order."""
    return array_ops.transpose(x)
