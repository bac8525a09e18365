"""Activations and fused losses (``tf.nn``), forward with backward.

``softmax`` and ``sigmoid`` leave their input on the output as ``keras_logits``,
as Keras marks the output of its softmax and sigmoid ops, so that a
crossentropy can be computed from the logits (``keras.backend._get_logits``).
The fused crossentropies are the numerically stable forms TensorFlow uses.
Beside each NumPy backward rule, where written, is its ``backward_ops`` twin in
differentiable ops (for second derivatives; see :mod:`tracekeras.backend.tape`):
the activations and crossentropies have one; ``softsign``, ``l2_normalize``,
``batch_dot``, ``embedding_lookup``, ``moments`` and ``batch_normalization`` do not.
"""
import numpy as np

from . import ops, parallel, rowwise
from .dispatch import add_dispatch_support
from .ops import unbroadcast
from .rowwise import zeros_outside
from .tape import indexed_slices, record
from .tensor import convert


@add_dispatch_support("nn.relu")
def relu(x, overwrite=False):
    """``tf.nn.relu``. ``overwrite=True``: the caller hands over ``x``'s array, which no one
    reads again, and the result is written into it (``ops.bias_add``'s ``overwrite``)."""
    x = convert(x)
    xv = x.value
    # max(x, 0) against a row of zeros, not the scalar 0: the same numbers, but NumPy
    # (2.x) runs maximum with a scalar operand about twice as slowly as with a row, and
    # with a row of ``c`` channels 3x as slowly as along whole rows (``ops.wide_rows``).
    x2, zeros = ops.wide_rows(xv, np.zeros(xv.shape[-1:], xv.dtype))
    out2 = x2 if overwrite and xv.flags.writeable else np.empty(x2.shape, x2.dtype)
    if x2.ndim == 2:
        parallel.rows(lambda part: np.maximum(x2[part], zeros, out=out2[part]), len(x2),
                      x2.nbytes)
    else:
        np.maximum(x2, zeros, out=out2)
    out = out2.reshape(xv.shape)
    return record("tf.nn.relu", out, (x,), lambda g, needs: (relu_grad(g, out),),
                  lambda g, needs, y: (slope_grad("tf.raw_ops.ReluGrad", g, x,
                                                  (out > 0).astype(out.dtype)),))


def slope_grad(name, g, x, slope):
    """``g * slope``, the gradient of a piecewise-linear activation (TensorFlow's ``ReluGrad``,
    ``LeakyReluGrad``) as an op of ``g`` and of the activation's input ``x``: its gradient
    with respect to ``g`` is ``slope`` again, and with respect to ``x`` zeros (the slope is
    flat where it is defined), as TensorFlow's gives, so a weight reached only through the
    slope (a bias under a gradient penalty) gets zeros, not None."""
    g, x = convert(g), convert(x)

    def backward(gg, needs):
        return gg * slope, np.zeros(x.value.shape, x.value.dtype)

    def backward_ops(gg, needs, out):
        return slope_grad(name, gg, x, slope), convert(np.zeros(x.value.shape, x.value.dtype))
    return record(name, g.value * slope, (g, x), backward, backward_ops)


def relu_grad(g, out):
    """``g * (out > 0)`` (TensorFlow's ``ReluGrad``), the same numbers. Speed: the mask is
    made floats of ``g``'s dtype first and multiplied in place; NumPy multiplies floats by
    booleans casting as it goes, 1.7x slower (the MNIST convnet's first convolution's 11 MB
    gradient, measured alone: 1.2 ms instead of 2.0)."""
    grad = np.empty(np.shape(out), dtype=np.result_type(g, np.bool_))
    if grad.ndim == 0 or np.shape(g) != grad.shape:
        np.copyto(grad, np.greater(out, 0))
        return np.multiply(grad, g, out=grad)

    def run(part):
        np.copyto(grad[part], np.greater(out[part], 0))
        np.multiply(grad[part], g[part], out=grad[part])
    parallel.rows(run, len(grad), grad.nbytes)     # rows shared out among the threads
    return grad


def leaky_relu(x, alpha=0.2):
    x = convert(x)
    xv = x.value
    slope = np.where(xv > 0, 1, alpha).astype(xv.dtype)
    return record("tf.nn.leaky_relu", xv * slope, (x,), lambda g, needs: (g * slope,),
                  lambda g, needs, out: (slope_grad("tf.raw_ops.LeakyReluGrad", g, x, slope),))


@add_dispatch_support("math.sigmoid")
def sigmoid(x):
    x = convert(x)
    xv = x.value
    with np.errstate(over="ignore"):    # exp(-x) is inf far left: the sigmoid is 0 there,
        out = (1 / (1 + np.exp(-xv))).astype(xv.dtype, copy=False)   # with no warning
    t = record("tf.math.sigmoid", out, (x,), lambda g, needs: (g * out * (1 - out),),
               lambda g, needs, y: (ops.multiply(g, ops.multiply(y, ops.subtract(1, y))),))
    t.keras_logits = x
    return t


@add_dispatch_support("math.tanh")
def tanh(x):
    x = convert(x)
    out = np.tanh(x.value)
    return record("tf.math.tanh", out, (x,), lambda g, needs: (g * (1 - out * out),),
                  lambda g, needs, y: (ops.multiply(g, ops.subtract(1, ops.square(y))),))


@add_dispatch_support("nn.softmax")
def softmax(x, axis=-1):
    x = convert(x)
    xv = x.value
    if rowwise.rows_apply(xv, axis):
        out = rowwise.softmax(xv)     # row by row, shared out among parallel's threads
    else:
        out = np.exp(xv - xv.max(axis=axis, keepdims=True))
        out /= out.sum(axis=axis, keepdims=True)   # in place: out is this op's own new array

    def backward(g, needs):
        if rowwise.rows_apply(g, axis) and g.shape == out.shape:
            return (rowwise.softmax_grad(g, out),)
        return (out * (g - (g * out).sum(axis=axis, keepdims=True)),)

    def backward_ops(g, needs, y):
        along = ops.reduce_sum(ops.multiply(g, y), axis=axis, keepdims=True)
        return (ops.multiply(y, ops.subtract(g, along)),)
    t = record("tf.nn.softmax", out, (x,), backward, backward_ops)
    t.keras_logits = x
    return t


def log_softmax(x, axis=-1):
    x = convert(x)
    xv = x.value
    shifted = xv - xv.max(axis=axis, keepdims=True)
    out = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))

    def backward(g, needs):
        return (g - np.exp(out) * g.sum(axis=axis, keepdims=True),)

    def backward_ops(g, needs, y):
        total = ops.reduce_sum(g, axis=axis, keepdims=True)
        return (ops.subtract(g, ops.multiply(ops.exp(y), total)),)
    return record("tf.nn.log_softmax", out, (x,), backward, backward_ops)


def softplus(x):
    x = convert(x)
    xv = x.value
    out = np.logaddexp(0, xv).astype(xv.dtype, copy=False)
    return record("tf.math.softplus", out, (x,),
                  lambda g, needs: (g / (1 + np.exp(-xv)).astype(xv.dtype, copy=False),),
                  lambda g, needs, out: (ops.multiply(g, sigmoid(x)),))


def softsign(x):
    x = convert(x)
    xv = x.value
    d = 1 + np.abs(xv)
    return record("tf.math.softsign", xv / d, (x,), lambda g, needs: (g / (d * d),))


def elu(x, alpha=1.0):
    x = convert(x)
    xv = x.value
    neg = alpha * np.expm1(np.minimum(xv, 0))
    out = np.where(xv > 0, xv, neg).astype(xv.dtype, copy=False)
    return record("tf.nn.elu", out, (x,),
                  lambda g, needs: (np.where(xv > 0, g, g * (neg + alpha)).astype(g.dtype),),
                  lambda g, needs, y: (ops.where(xv > 0, g, ops.multiply(g, ops.add(y, alpha))),))


def selu(x):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    x = convert(x)
    xv = x.value
    neg = alpha * (np.exp(np.minimum(xv, 0)) - 1)
    out = (scale * np.where(xv > 0, xv, neg)).astype(xv.dtype)
    return record("tf.nn.selu", out, (x,),
                  lambda g, needs: ((scale * np.where(xv > 0, g,
                                                      g * (neg + alpha))).astype(g.dtype),))


def dropout(x, rate, rng=None, noise_shape=None, uniform_sampler=None):
    """Inverted dropout as ``tf.nn.dropout``: ``x * (1 / (1 - rate))`` where a uniform draw
    is ``>= rate``, else 0. The draw comes from ``uniform_sampler(shape, dtype)`` or from the
    NumPy generator ``rng``. ``noise_shape`` (broadcastable to ``x``): one draw is shared
    along its axes of size 1."""
    x = convert(x)
    xv = x.value
    shape = xv.shape if noise_shape is None else tuple(noise_shape)
    draws = uniform_sampler(shape, xv.dtype) if uniform_sampler else rng.random(shape)
    scale = xv.dtype.type(1 / (1 - rate))
    if rowwise.rows_apply(xv) and np.shape(draws) == xv.shape:
        out, keep = rowwise.dropout(xv, draws, xv.dtype.type(rate), scale)
    else:
        keep_mask = draws >= xv.dtype.type(rate)
        keep = keep_mask.astype(xv.dtype)         # scale where kept, else 0
        keep *= scale
        out = zeros_outside(xv * scale, keep_mask)
    return record("tf.nn.dropout", out, (x,),
                  lambda g, needs: (g * keep,), lambda g, needs, out: (ops.multiply(g, keep),))


# -- fused crossentropies: per-sample losses from logits ---------------------

def sparse_softmax_cross_entropy_with_logits(labels, logits):
    logits = convert(logits)
    lv = logits.value
    idx = np.asarray(convert(labels).value).astype(np.int64, copy=False).reshape(lv.shape[:-1])
    shifted = lv - lv.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)                       # kept: the backward's softmax is exp / total
    total = exp.sum(axis=-1, keepdims=True)
    rows = np.arange(lv.shape[0]) if lv.ndim == 2 else None

    def at_labels(a):
        """``a[..., label]`` for each row (plain integer indexing in the usual 2-D case)."""
        if rows is not None:
            return a[rows, idx]
        return np.take_along_axis(a, idx[..., None], axis=-1)[..., 0]
    loss = np.log(total[..., 0]) - at_labels(shifted)

    def backward(g, needs):
        grad = exp / total                      # softmax(logits) - one_hot(labels)
        if rows is not None:
            grad[rows, idx] -= 1
        else:
            np.put_along_axis(grad, idx[..., None], at_labels(grad)[..., None] - 1, axis=-1)
        grad *= g[..., None]
        return (grad,)

    def backward_ops(g, needs, out):
        hot = (idx[..., None] == np.arange(lv.shape[-1])).astype(lv.dtype)
        return (ops.multiply(ops.subtract(softmax(logits), hot), last_axis(g)),)
    return record("tf.nn.sparse_softmax_cross_entropy_with_logits", loss, (logits,), backward,
                  backward_ops)


def last_axis(g, axis=-1):
    """``g`` with a new axis of size 1 at ``axis``, to broadcast along a class axis."""
    shape = list(g.shape)
    shape.insert(axis % (len(shape) + 1), 1)
    return ops.reshape(g, shape)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1):
    logits = convert(logits)
    lv = logits.value
    yv = convert(labels).value.astype(lv.dtype, copy=False)
    shifted = lv - lv.max(axis=axis, keepdims=True)
    log_sum = np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    log_probs = shifted - log_sum
    loss = -(yv * log_probs).sum(axis=axis)

    def backward(g, needs):
        grad = np.exp(log_probs) * yv.sum(axis=axis, keepdims=True) - yv
        return (grad * np.expand_dims(g, axis),)

    def backward_ops(g, needs, out):
        grad = ops.subtract(ops.multiply(softmax(logits, axis), yv.sum(axis=axis, keepdims=True)),
                            yv)
        return (ops.multiply(grad, last_axis(g, axis)),)
    return record("tf.nn.softmax_cross_entropy_with_logits", loss, (logits,), backward,
                  backward_ops)


def sigmoid_cross_entropy_with_logits(labels, logits):
    logits, labels = convert(logits), convert(labels)
    xv = logits.value
    zv = labels.value.astype(xv.dtype, copy=False)
    loss = np.maximum(xv, 0) - xv * zv + np.log1p(np.exp(-np.abs(xv)))

    def backward(g, needs):
        # TensorFlow differentiates through the labels too (d loss / d labels = -logits)
        sig = (1 / (1 + np.exp(-xv))).astype(xv.dtype, copy=False)
        return (g * (sig - zv) if needs[0] else None, -g * xv if needs[1] else None)

    def backward_ops(g, needs, out):
        return (ops.multiply(g, ops.subtract(sigmoid(logits), ops.cast(labels, xv.dtype)))
                if needs[0] else None,
                ops.negative(ops.multiply(g, logits)) if needs[1] else None)
    return record("tf.nn.sigmoid_cross_entropy_with_logits", loss.astype(xv.dtype, copy=False),
                  (logits, labels), backward, backward_ops)


# -- products and normalizations of the layers ---------------------------------

def l2_normalize(x, axis=None, epsilon=1e-12):
    """``x / sqrt(max(sum(x ** 2, axis), epsilon))`` (``tf.math.l2_normalize``)."""
    x = convert(x)
    xv = x.value
    square_sum = (xv * xv).sum(axis=axis, keepdims=True)
    inv_norm = (1 / np.sqrt(np.maximum(square_sum, epsilon))).astype(xv.dtype, copy=False)
    above = square_sum > epsilon

    def backward(g, needs):
        along = (g * xv).sum(axis=axis, keepdims=True)
        return (g * inv_norm - xv * (inv_norm ** 3) * along * above,)
    return record("tf.math.l2_normalize", xv * inv_norm, (x,), backward)


def batch_dot(x, y, axes):
    """Keras's ``backend.batch_dot``: for each sample, the dot product of ``x`` and ``y``
    along ``axes = (axis of x, axis of y)``; the result has x's other axes, then y's
    (a (batch, 1) column when nothing else is left)."""
    x, y = convert(x), convert(y)
    xv, yv = x.value, y.value
    letters = iter("bcdefghijklmnopqrstuvwxyz")
    x_sub = ["a"] + [next(letters) for _ in range(xv.ndim - 1)]
    y_sub = ["a"] + [next(letters) for _ in range(yv.ndim - 1)]
    y_sub[axes[1]] = x_sub[axes[0]]
    out_sub = ["a"] + [s for i, s in enumerate(x_sub) if i not in (0, axes[0])] + [
        s for i, s in enumerate(y_sub) if i not in (0, axes[1])]
    xs, ys, outs = "".join(x_sub), "".join(y_sub), "".join(out_sub)
    out = np.einsum(f"{xs},{ys}->{outs}", xv, yv)
    column = out.ndim == 1

    def backward(g, needs):
        if column:
            g = g[:, 0]
        return (np.einsum(f"{outs},{ys}->{xs}", g, yv) if needs[0] else None,
                np.einsum(f"{outs},{xs}->{ys}", g, xv) if needs[1] else None)
    return record("keras.backend.batch_dot", out[:, None] if column else out, (x, y), backward)


def embedding_lookup(params, ids):
    """The rows of ``params`` at ``ids`` (``tf.nn.embedding_lookup``): shape ``ids.shape +
    params.shape[1:]``. The gradient adds each output row's gradient onto its row of
    ``params``: dense, marked as the IndexedSlices TensorFlow hands over
    (``tape.IndexedSlicesGradient``)."""
    params = convert(params)
    pv = params.value
    idx = np.asarray(convert(ids).value)
    bad = (idx < 0) | (idx >= pv.shape[0])
    if bad.any():
        where_bad = tuple(int(i) for i in np.argwhere(bad)[0])
        shown = ",".join(map(str, where_bad))
        raise IndexError(f"indices[{shown}] = {int(idx[where_bad])} is not in "
                         f"[0, {pv.shape[0]})")

    def backward(g, needs):
        return (indexed_slices(scatter_rows(pv, idx, g)),)
    return record("tf.nn.embedding_lookup", pv[idx], (params,), backward)


def scatter_rows(params, idx, g):
    """Zeros shaped like ``params`` with each row of ``g`` added onto row ``idx`` of it, in the
    order the rows come (``np.add.at(out, idx, g)``, the same sums). Speed: done on the flat
    table, one element at a time, which NumPy's ``add.at`` runs 3x faster than row by row
    (the transformer's 6400 rows of 32 into 20000: 0.7 ms instead of 2.5)."""
    out = np.zeros_like(params)
    width = int(np.prod(params.shape[1:], dtype=np.int64))
    flat = idx.reshape(-1, 1).astype(np.intp) * width + np.arange(width)
    np.add.at(out.reshape(-1), flat.reshape(-1), np.reshape(g, -1))
    return out


def moments(x, axes, keepdims=False):
    """``(mean, variance)`` of ``x`` over ``axes`` (``tf.nn.moments``); the variance is the
    mean squared distance from the mean (no Bessel correction), and no gradient flows into
    it through the mean (as TensorFlow's ``stop_gradient`` there; the sum would be zero)."""
    x = convert(x)
    xv = x.value
    axes = tuple(a % xv.ndim for a in (axes if isinstance(axes, (list, tuple)) else [axes]))
    count = np.asarray(int(np.prod([xv.shape[a] for a in axes])), xv.dtype)
    if axes == (xv.ndim - 1,) and rowwise.rows_apply(xv):     # a layer normalization's
        mean, centered, variance = rowwise.moments(xv)
    else:
        mean = xv.mean(axis=axes, keepdims=True, dtype=xv.dtype)
        centered = xv - mean
        variance = (centered * centered).mean(axis=axes, keepdims=True, dtype=xv.dtype)

    def expand(g):
        return g if keepdims else np.expand_dims(g, axes)

    def mean_backward(g, needs):
        return (np.broadcast_to(expand(g) / count, xv.shape),)

    def variance_backward(g, needs):
        return (expand(g) * (2 / count) * centered,)
    if not keepdims:
        mean, variance = mean.squeeze(axis=axes), variance.squeeze(axis=axes)
    return (record("tf.nn.moments", mean, (x,), mean_backward),
            record("tf.nn.moments", variance, (x,), variance_backward))


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon):
    """``scale * (x - mean) / sqrt(variance + epsilon) + offset``
    (``tf.nn.batch_normalization``, computed as TensorFlow does:
    ``x * inv + (offset - mean * inv)`` with ``inv = scale * rsqrt(variance + epsilon)``).
    ``offset`` and ``scale`` may be None; each parameter broadcasts against ``x``."""
    x, mean, variance = convert(x), convert(mean), convert(variance)
    xv, mv, vv = x.value, mean.value, variance.value
    offset = convert(offset) if offset is not None else None
    scale = convert(scale) if scale is not None else None
    ov = offset.value if offset is not None else None
    sv = scale.value if scale is not None else None
    inputs = (x, mean, variance) + tuple(t for t in (offset, scale) if t is not None)
    rows = rowwise.normalizes_rows(xv, mv, vv, ov, sv)   # a layer normalization's
    if rows:
        out, inv, rsqrt = rowwise.batch_normalization(xv, mv, vv, ov, sv, variance_epsilon)
    else:
        rsqrt = (1 / np.sqrt(vv + np.asarray(variance_epsilon, vv.dtype))).astype(vv.dtype)
        inv = rsqrt * sv if scale is not None else rsqrt
        shift = -mv * inv if offset is None else ov - mv * inv
        out = xv * inv + shift

    def backward(g, needs):
        if rows and g.shape == xv.shape and g.dtype == xv.dtype and g.flags.c_contiguous:
            g_inv, mean_grad, variance_grad, scale_rows = rowwise.normalization_grads(
                g, xv, mv, inv, rsqrt, needs[:3] + needs[4:])
            return (g_inv, mean_grad, variance_grad,
                    unbroadcast(g, ov.shape) if needs[3] else None,
                    unbroadcast(scale_rows, sv.shape) if needs[4] else None)
        # g * inv and g * (x - mean) are made once for the gradients that share them, and
        # -(g * inv) stands for (-g) * inv: the same numbers (a sign does not change rounding)
        g_inv = g * inv if needs[0] or needs[1] else None
        g_centered = g * (xv - mv) if needs[2] or (scale is not None and needs[-1]) else None
        grads = [g_inv if needs[0] else None,
                 unbroadcast(np.negative(g_inv), mv.shape) if needs[1] else None,
                 unbroadcast(variance_gradient(g_centered, inv, rsqrt), vv.shape)
                 if needs[2] else None]
        if offset is not None:
            grads.append(unbroadcast(g, offset.shape) if needs[len(grads)] else None)
        if scale is not None:
            grads.append(unbroadcast(g_centered * rsqrt, scale.shape)
                         if needs[len(grads)] else None)
        return tuple(grads)
    return record("tf.nn.batch_normalization", out.astype(xv.dtype, copy=False), inputs,
                  backward)


def variance_gradient(g_centered, inv, rsqrt):
    """``g * (x - mean) * inv * (-0.5) * rsqrt * rsqrt``, left to right, in one new array."""
    grad = g_centered * inv
    grad *= -0.5
    grad *= rsqrt
    grad *= rsqrt
    return grad
