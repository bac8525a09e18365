"""The tensor functions of ``keras.backend`` (``K.mean``, ``K.sum``, ``K.batch_flatten`` ...).

What it owns: the functions Keras 2 scripts call as ``K = keras.backend; K.mean(x)``: the
reductions (``mean``, ``sum``, ``max``, ``min``, ``prod``, ``std``, ``var``, ``any``,
``all``, ``argmax``, ``argmin``, ``cumsum``, ``cumprod``), the elementwise functions
(``exp``, ``log``, ``square``, ``sqrt``, ``abs``, ``pow``, ``round``, ``sign``, ``sin``,
``cos``, ``clip``, ``maximum``, ``minimum``), the comparisons (``equal``, ``not_equal``,
``greater``, ``greater_equal``, ``less``, ``less_equal``), ``cast``, ``switch``, and
``shape``, ``reshape``, ``batch_flatten``, ``concatenate``, ``permute_dimensions`` and
``transpose`` (the other array functions: ``array_functions``). Each is the TensorFlow op
Keras's own function runs (``K.mean`` is ``tf.reduce_mean``, ``K.permute_dimensions`` is
``tf.transpose``), with Keras's additions: ``mean``, ``sum``, ``std`` and ``var`` of
booleans count in floatx (Keras casts them first); ``sqrt`` of a negative number is 0
(Keras takes the maximum with 0 first); ``clip`` raises a maximum below the minimum to it
and takes None for no bound; ``batch_flatten`` keeps the first axis and flattens the
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
    """``K.permute_dimensions``: ``tf.compat.v1.transpose(x, perm=pattern)``."""
    return array_ops.transpose_v1(x, perm=pattern)


def transpose(x):
    """``K.transpose``: ``tf.compat.v1.transpose``, the dimensions in reverse order."""
    return array_ops.transpose_v1(x)


def max(x, axis=None, keepdims=False):
    """``K.max``: ``tf.reduce_max``."""
    return math_ops.reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):
    """``K.min``: ``tf.reduce_min``."""
    return math_ops.reduce_min(x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    """``K.prod``: ``tf.reduce_prod``."""
    return math_ops.reduce_prod(x, axis, keepdims)


def var(x, axis=None, keepdims=False):
    """``K.var``: ``tf.math.reduce_variance`` (booleans in floatx)."""
    return math_ops.reduce_variance(as_float_if_bool(x), axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """``K.std``: ``tf.math.reduce_std`` (booleans in floatx)."""
    return math_ops.reduce_std(as_float_if_bool(x), axis=axis, keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    """``K.any``: ``tf.reduce_any`` of ``x`` cast to bool."""
    return math_ops.reduce_any(ops.cast(x, "bool"), axis, keepdims)


def all(x, axis=None, keepdims=False):
    """``K.all``: ``tf.reduce_all`` of ``x`` cast to bool."""
    return math_ops.reduce_all(ops.cast(x, "bool"), axis, keepdims)


def argmax(x, axis=-1):
    """``K.argmax``: ``tf.argmax`` (int64), along the last axis by default."""
    return math_ops.argmax(x, axis)


def argmin(x, axis=-1):
    """``K.argmin``: ``tf.argmin`` (int64), along the last axis by default."""
    return math_ops.argmin(x, axis)


def cumsum(x, axis=0):
    return math_ops.cumsum(x, axis=axis)


def cumprod(x, axis=0):
    return math_ops.cumprod(x, axis=axis)


def log(x):
    return ops.log(x)


def sqrt(x):
    """``K.sqrt``: ``tf.sqrt`` of ``max(x, 0)``."""
    x = convert(x)
    return ops.sqrt(ops.maximum(x, np.zeros((), x.value.dtype)))


def abs(x):
    return ops.abs(x)


def pow(x, a):
    return math_ops.pow(x, a)


def round(x):
    """``K.round``: ``tf.round``, halves to even."""
    return math_ops.round(x)


def sign(x):
    return math_ops.sign(x)


def sin(x):
    return math_ops.sin(x)


def cos(x):
    return math_ops.cos(x)


def clip(x, min_value, max_value):
    """``K.clip``: ``tf.clip_by_value``; a number maximum below the minimum is raised to it,
    a None bound is infinite."""
    if isinstance(min_value, (int, float)) and isinstance(max_value, (int, float)) \
            and max_value < min_value:
        max_value = min_value
    min_value = -np.inf if min_value is None else min_value
    max_value = np.inf if max_value is None else max_value
    return ops.clip_by_value(x, min_value, max_value)


def maximum(x, y):
    return ops.maximum(x, y)


def minimum(x, y):
    return ops.minimum(x, y)


def equal(x, y):
    return math_ops.equal(x, y)


def greater(x, y):
    return math_ops.greater(x, y)


def greater_equal(x, y):
    return math_ops.greater_equal(x, y)


def less(x, y):
    return math_ops.less(x, y)


def less_equal(x, y):
    return math_ops.less_equal(x, y)


def cast(x, dtype):
    """``K.cast``: ``tf.cast``."""
    return ops.cast(x, dtype)


def switch(condition, then_expression, else_expression):
    """``K.switch``: a scalar condition picks one expression (a callable is called); a
    tensor condition picks elementwise (``tf.where``), broadcast over the expressions'
    trailing axes."""
    condition = ops.cast(condition, "bool")
    if not np.ndim(condition.value):
        chosen = then_expression if bool(condition.value) else else_expression
        return chosen() if callable(chosen) else chosen
    then_expression = then_expression() if callable(then_expression) else then_expression
    else_expression = else_expression() if callable(else_expression) else else_expression
    cond_ndim, expr_ndim = np.ndim(condition.value), np.ndim(convert(then_expression).value)
    if cond_ndim > expr_ndim:
        raise ValueError("Rank of `condition` should be less than or equal to rank of "
                         "`then_expression` and `else_expression`. ndim(condition)="
                         f"{cond_ndim}, ndim(then_expression)={expr_ndim}")
    if cond_ndim > 1:
        condition = ops.reshape(condition, condition.shape + (1,) * (expr_ndim - cond_ndim))
        condition = ops.broadcast_to(condition, convert(then_expression).shape)
    return ops.where(condition, then_expression, else_expression)
