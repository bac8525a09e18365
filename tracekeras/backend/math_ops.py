"""``tf.math``: elementwise math, comparisons and reductions, forward with backward.

What it owns: the ``tf.math`` functions a Keras script calls in a custom loss,
metric or training loop beyond the core ops of :mod:`tracekeras.backend.ops`
(which keeps add, multiply, matmul, reduce_sum, reduce_mean ...). Each returns
``record(name, value, inputs, backward)`` like the core ops; the backward rules
are TensorFlow's registered gradients (``pow`` sends no gradient through
``log(x)`` where ``x <= 0``, ``reduce_max`` splits it between ties, ``floor``
and ``round`` have none, ``sign`` a zero one). Comparisons and logical ops have
no gradient. Composite functions (``reduce_variance``, ``reduce_std``,
``reduce_logsumexp``, ``l2_normalize``, ``clip_by_norm``, ``clip_by_global_norm``,
``global_norm``) are built from other ops, as TensorFlow builds them, so their
gradient follows. Beside each NumPy backward rule, where written, is its
``backward_ops`` twin in differentiable ops (for second derivatives; see
:mod:`tracekeras.backend.tape`); ``reduce_prod`` and ``top_k`` have none.
Trace events: a ``backend`` instant per op at level full.
"""
import collections

import numpy as np

from . import ops
from .dispatch import add_dispatch_support
from .ops import norm_axis, pair, unbroadcast, unbroadcast_ops
from .tape import record
from .tensor import Tensor, convert


def no_gradient(g, needs, out=None):
    """Either backward rule of an op without a gradient: None for every input."""
    return (None,) * len(needs)


# -- elementwise ----------------------------------------------------------------

def pow(x, y):
    x, y = pair(x, y, "Pow")
    xv, yv = x.value, y.value
    with np.errstate(over="ignore"):   # TensorFlow gives inf silently (float16's 256 ** 2)
        out = np.power(xv, yv)

    def backward(g, needs):
        gx = gy = None
        if needs[0]:
            gx = unbroadcast(g * yv * np.power(xv, yv - 1), xv.shape)
        if needs[1]:
            safe = np.where(xv > 0, xv, 1)
            gy = unbroadcast(g * out * np.where(xv > 0, np.log(safe), 0), yv.shape)
        return gx, gy

    def backward_ops(g, needs, out):
        gx = gy = None
        if needs[0]:
            gx = unbroadcast_ops(ops.multiply(ops.multiply(g, y), pow(x, ops.subtract(y, 1))),
                                 xv.shape)
        if needs[1]:
            positive = xv > 0
            logs = ops.log(ops.where(positive, x, np.ones_like(xv)))
            gy = unbroadcast_ops(ops.multiply(ops.multiply(g, out), ops.where(
                positive, logs, np.zeros_like(xv))), yv.shape)
        return gx, gy
    return record("tf.math.pow", out, (x, y), backward, backward_ops)


def unary(name, fn, grad=None, grad_ops=None):
    """An elementwise op; ``grad(x, out)`` is d out / d x (None: no gradient) on NumPy arrays,
    ``grad_ops(x, out)`` the same on Tensors with the differentiable ops."""
    def op(x, name=None):
        x = convert(x)
        xv = x.value
        out = np.asarray(fn(xv))
        if grad is None:
            return record(op_name, out, (x,), no_gradient, no_gradient)
        return record(op_name, out, (x,),
                      lambda g, needs: ((g * grad(xv, out)).astype(g.dtype, copy=False),),
                      lambda g, needs, out: (ops.multiply(g, grad_ops(x, out)),))
    op_name = f"tf.math.{name}"
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"``tf.math.{name}``, elementwise."
    return op


sign = unary("sign", np.sign, lambda x, out: np.zeros_like(x),
             lambda x, out: np.zeros_like(x.value))
floor = unary("floor", np.floor)
ceil = unary("ceil", np.ceil)
round = unary("round", np.round)   # half to even, as TensorFlow rounds
sin = unary("sin", np.sin, lambda x, out: np.cos(x), lambda x, out: cos(x))
cos = unary("cos", np.cos, lambda x, out: -np.sin(x), lambda x, out: ops.negative(sin(x)))
log1p = unary("log1p", np.log1p, lambda x, out: 1 / (1 + x),
              lambda x, out: reciprocal(ops.add(x, 1)))
reciprocal = unary("reciprocal", lambda x: 1 / x, lambda x, out: -out * out,
                   lambda x, out: ops.negative(ops.square(out)))
rsqrt = unary("rsqrt", lambda x: 1 / np.sqrt(x), lambda x, out: -0.5 * out ** 3,
              lambda x, out: ops.multiply(pow(out, 3), -0.5))


def floordiv(x, y):
    x, y = pair(x, y, "FloorDiv")
    return record("tf.math.floordiv", np.floor_divide(x.value, y.value), (x, y), no_gradient,
                  no_gradient)


def floormod(x, y):
    x, y = pair(x, y, "FloorMod")
    return record("tf.math.floormod", np.mod(x.value, y.value), (x, y), no_gradient,
                  no_gradient)


def squared_difference(x, y):
    x, y = pair(x, y, "SquaredDifference")
    return ops.square(ops.subtract(x, y))


def add_n(inputs):
    for index, t in enumerate(inputs[1:], start=1):
        if isinstance(inputs[0], Tensor) and isinstance(t, Tensor):
            ops.same_dtype(inputs[0], t, "AddN", index)
    total = inputs[0]
    for t in inputs[1:]:
        total = ops.add(total, t)
    return total


# -- comparisons and logic (no gradient) ------------------------------------------

def comparison(name, kernel, fn):
    def op(x, y, name=None):
        x, y = pair(x, y, kernel)
        return record(op_name, np.asarray(fn(x.value, y.value)), (x, y), no_gradient,
                      no_gradient)
    op_name = f"tf.math.{name}"
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"``tf.math.{name}``, elementwise with broadcasting; a bool tensor."
    return op


equal = comparison("equal", "Equal", np.equal)
not_equal = comparison("not_equal", "NotEqual", np.not_equal)
greater = comparison("greater", "Greater", np.greater)
greater_equal = comparison("greater_equal", "GreaterEqual", np.greater_equal)
less = comparison("less", "Less", np.less)
less_equal = comparison("less_equal", "LessEqual", np.less_equal)
logical_and = comparison("logical_and", "LogicalAnd", np.logical_and)
logical_or = comparison("logical_or", "LogicalOr", np.logical_or)
logical_xor = comparison("logical_xor", "LogicalOr", np.logical_xor)
logical_not = unary("logical_not", np.logical_not)


# -- reductions ---------------------------------------------------------------------

def expand_to(g, axes, shape, keepdims):
    """A reduction's output gradient broadcast back over the reduced axes."""
    if not keepdims:
        g = np.expand_dims(g, axes)
    return np.broadcast_to(g, shape)


def extremum(name, fn):
    def op(input_tensor, axis=None, keepdims=False, name=None):
        x = convert(input_tensor)
        xv = x.value
        axes = norm_axis(axis, xv.ndim)
        out = fn(xv, axis=axes, keepdims=keepdims)

        def backward(g, needs):
            picked = xv == expand_to(out, axes, xv.shape, keepdims)
            share = picked / picked.sum(axis=axes, keepdims=True)   # ties split the gradient
            return ((expand_to(g, axes, xv.shape, keepdims) * share).astype(g.dtype),)

        def backward_ops(g, needs, out):
            picked = xv == expand_to(out.value, axes, xv.shape, keepdims)
            share = (picked / picked.sum(axis=axes, keepdims=True)).astype(xv.dtype)
            return (ops.multiply(ops.spread(g, axes, xv.shape, keepdims), share),)
        return record(op_name, np.asarray(out), (x,), backward, backward_ops)
    op_name = f"tf.math.{name}"
    op.__name__ = op.__qualname__ = name
    return op


reduce_max = extremum("reduce_max", np.max)
reduce_min = extremum("reduce_min", np.min)


def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    x = convert(input_tensor)
    xv = x.value
    axes = norm_axis(axis, xv.ndim)
    out = np.asarray(np.prod(xv, axis=axes, keepdims=keepdims))

    def backward(g, needs):
        # the product of every other element: exclusive cumulative products from both ends
        rest = [i for i in range(xv.ndim) if i not in axes]
        moved = np.transpose(xv, rest + list(axes))
        flat = moved.reshape(moved.shape[:len(rest)] + (-1,))
        ones = np.ones(flat.shape[:-1] + (1,), xv.dtype)
        left = np.cumprod(np.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
        right = np.cumprod(np.concatenate([ones, flat[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
        others = np.transpose((left * right).reshape(moved.shape),
                              np.argsort(rest + list(axes)))
        return ((expand_to(g, axes, xv.shape, keepdims) * others).astype(g.dtype),)
    return record("tf.math.reduce_prod", out, (x,), backward)


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    x = convert(input_tensor)
    axes = norm_axis(axis, x.value.ndim)
    return record("tf.math.reduce_any", np.asarray(np.any(x.value, axis=axes, keepdims=keepdims)),
                  (x,), no_gradient, no_gradient)


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    x = convert(input_tensor)
    axes = norm_axis(axis, x.value.ndim)
    return record("tf.math.reduce_all", np.asarray(np.all(x.value, axis=axes, keepdims=keepdims)),
                  (x,), no_gradient, no_gradient)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    x = convert(input_tensor)
    mean = ops.reduce_mean(x, axis=axis, keepdims=True)
    return ops.reduce_mean(ops.square(ops.subtract(x, mean)), axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    return ops.sqrt(reduce_variance(input_tensor, axis=axis, keepdims=keepdims))


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    x = convert(input_tensor)
    top = ops.stop_gradient(reduce_max(x, axis=axis, keepdims=True))
    top = ops.where(np.isfinite(top.value), top, np.zeros_like(top.value))
    summed = ops.reduce_sum(ops.exp(ops.subtract(x, top)), axis=axis, keepdims=keepdims)
    if not keepdims:
        top = ops.reshape(top, summed.shape)
    return ops.add(ops.log(summed), top)


def argmax(input, axis=None, output_type="int64", name=None):
    x = convert(input)
    out = np.argmax(x.value, axis=0 if axis is None else int(axis)).astype(output_type)
    return record("tf.math.argmax", np.asarray(out), (x,), no_gradient, no_gradient)


def argmin(input, axis=None, output_type="int64", name=None):
    x = convert(input)
    out = np.argmin(x.value, axis=0 if axis is None else int(axis)).astype(output_type)
    return record("tf.math.argmin", np.asarray(out), (x,), no_gradient, no_gradient)


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    x = convert(x)
    axis = int(axis) % max(x.value.ndim, 1)
    # the gradient of a cumsum is the cumsum of the gradient, run the other way
    return record("tf.math.cumsum", scan(x.value, axis, exclusive, reverse), (x,),
                  lambda g, needs: (scan(g, axis, exclusive, not reverse),),
                  lambda g, needs, out: (cumsum(g, axis, exclusive, not reverse),))


def scan(v, axis, exclusive, reverse):
    if reverse:
        v = np.flip(v, axis)
    out = np.cumsum(v, axis=axis, dtype=v.dtype)
    if exclusive:
        head = np.zeros_like(np.take(out, [0], axis=axis))
        out = np.concatenate([head, np.take(out, np.arange(out.shape[axis] - 1), axis=axis)],
                             axis=axis)
    return np.flip(out, axis) if reverse else out


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """``tf.math.cumprod``; its gradient is TensorFlow's: the reversed cumulative sum of
    ``cumprod(x) * g`` divided by ``x``, 0 where ``x`` is 0 (``div_no_nan``)."""
    x = convert(x)
    xv = x.value
    axis = int(axis) % max(xv.ndim, 1)
    out = product_scan(xv, axis, exclusive, reverse)

    def backward(g, needs):
        summed = scan(out * g, axis, exclusive, not reverse)
        safe = np.where(xv == 0, np.ones_like(xv), xv)
        return (np.where(xv == 0, np.zeros_like(summed), summed / safe).astype(g.dtype),)
    return record("tf.math.cumprod", out, (x,), backward)


def product_scan(v, axis, exclusive, reverse):
    """``scan`` with products: running products along ``axis`` (1 first when exclusive)."""
    if reverse:
        v = np.flip(v, axis)
    out = np.cumprod(v, axis=axis, dtype=v.dtype)
    if exclusive:
        head = np.ones_like(np.take(out, [0], axis=axis))
        out = np.concatenate([head, np.take(out, np.arange(out.shape[axis] - 1), axis=axis)],
                             axis=axis)
    return np.flip(out, axis) if reverse else out


TopKV2 = collections.namedtuple("TopKV2", "values indices")


def top_k(input, k=1, sorted=True, name=None):
    """The ``k`` largest entries of the last axis (ties: lower index first) and their indices."""
    x = convert(input)
    xv = x.value
    order = np.argsort(-xv, axis=-1, kind="stable")[..., :int(k)]
    values = np.take_along_axis(xv, order, axis=-1)

    def backward(g, needs):
        out = np.zeros_like(xv)
        np.put_along_axis(out, order, g, axis=-1)
        return (out,)
    return TopKV2(record("tf.math.top_k", values, (x,), backward),
                  convert(order.astype(np.int32)))


is_nan = unary("is_nan", np.isnan)
is_inf = unary("is_inf", np.isinf)
is_finite = unary("is_finite", np.isfinite)


def count_nonzero(input, axis=None, keepdims=None, dtype="int64", name=None):
    x = convert(input)
    axes = norm_axis(axis, x.value.ndim)
    out = np.count_nonzero(x.value, axis=axes, keepdims=bool(keepdims)).astype(dtype)
    return record("tf.math.count_nonzero", np.asarray(out), (x,), no_gradient, no_gradient)


@add_dispatch_support("math.l2_normalize")   # of a KerasTensor: a TFOpLambda layer
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """``x / sqrt(max(sum(x**2), epsilon))`` over ``axis``, built from ops as TF builds it."""
    x = convert(x)
    squares = ops.reduce_sum(ops.square(x), axis=axis, keepdims=True)
    return ops.multiply(x, rsqrt(ops.maximum(squares, epsilon)))


def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype="int32",
                     name=None):
    """Counts of (label, prediction) pairs: rows are labels, columns predictions."""
    true = np.asarray(convert(labels).value).astype(np.int64).reshape(-1)
    pred = np.asarray(convert(predictions).value).astype(np.int64).reshape(-1)
    n = int(num_classes) if num_classes is not None else int(max(true.max(), pred.max())) + 1
    counts = np.zeros((n, n), dtype=dtype)
    w = 1 if weights is None else np.asarray(convert(weights).value).reshape(-1)
    np.add.at(counts, (true, pred), w)
    return record("tf.math.confusion_matrix", counts, (), None)


def global_norm(t_list, name=None):
    """``tf.linalg.global_norm``: the euclidean norm of all the tensors together."""
    parts = [ops.reduce_sum(ops.square(t)) for t in t_list if t is not None]
    return ops.sqrt(add_n(parts))


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """``t * clip_norm / max(norm(t), clip_norm)``: the norm over ``axes`` at most ``clip_norm``."""
    t = convert(t)
    squares = ops.reduce_sum(ops.square(t), axis=axes, keepdims=True)
    positive = squares.value > 0
    safe = ops.where(positive, squares, np.ones_like(squares.value))
    norm = ops.where(positive, ops.sqrt(safe), squares)
    return ops.divide(ops.multiply(t, clip_norm), ops.maximum(norm, clip_norm))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """``tf.clip_by_global_norm``: each tensor times ``clip_norm / max(global norm, clip_norm)``;
    returns the clipped list and the global norm."""
    norm = global_norm(t_list) if use_norm is None else convert(use_norm)
    scale = ops.multiply(clip_norm, ops.minimum(ops.divide(1.0, norm), 1.0 / clip_norm))
    clipped = [None if t is None else ops.multiply(t, ops.cast(scale, convert(t).dtype))
               for t in t_list]
    return clipped, norm


def divide_no_nan(x, y, name=None):
    """``x / y``, and 0 where ``y`` is 0 (its gradient too)."""
    x, y = pair(x, y, "DivNoNan")
    zero = y.value == 0
    safe = ops.where(zero, np.ones_like(y.value), y)
    return ops.where(zero, np.zeros(np.broadcast_shapes(x.shape, y.shape), x.dtype),
                     ops.divide(x, safe))


def moments(x, axes, shift=None, keepdims=False, name=None):
    """``tf.nn.moments``: mean and variance over ``axes`` (the mean is held still for the
    variance's gradient, as TensorFlow computes it)."""
    x = convert(x)
    mean = ops.reduce_mean(x, axis=axes, keepdims=True)
    variance = ops.reduce_mean(squared_difference(x, ops.stop_gradient(mean)), axis=axes,
                               keepdims=True)
    if not keepdims:
        kept = [d for i, d in enumerate(x.shape) if i not in norm_axis(axes, x.value.ndim)]
        mean, variance = ops.reshape(mean, kept), ops.reshape(variance, kept)
    return mean, variance
