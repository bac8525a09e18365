"""Activations and fused losses (``tf.nn``), forward with backward.

``softmax`` and ``sigmoid`` leave their input on the output as ``keras_logits``,
as Keras marks the output of its softmax and sigmoid ops, so that a
crossentropy can be computed from the logits (``keras.backend._get_logits``).
The fused crossentropies are the numerically stable forms TensorFlow uses.
"""
import numpy as np

from .tape import record
from .tensor import convert


def relu(x):
    x = convert(x)
    xv = x.value
    # max(x, 0) against a row of zeros, not the scalar 0: the same numbers, but NumPy
    # (2.x) runs maximum with a scalar operand about twice as slowly as with a row.
    out = np.maximum(xv, np.zeros(xv.shape[-1:], xv.dtype))
    return record("tf.nn.relu", out, (x,), lambda g, needs: (g * (out > 0),))


def leaky_relu(x, alpha=0.2):
    x = convert(x)
    xv = x.value
    slope = np.where(xv > 0, 1, alpha).astype(xv.dtype)
    return record("tf.nn.leaky_relu", xv * slope, (x,), lambda g, needs: (g * slope,))


def sigmoid(x):
    x = convert(x)
    xv = x.value
    out = (1 / (1 + np.exp(-xv))).astype(xv.dtype, copy=False)
    t = record("tf.math.sigmoid", out, (x,), lambda g, needs: (g * out * (1 - out),))
    t.keras_logits = x
    return t


def tanh(x):
    x = convert(x)
    out = np.tanh(x.value)
    return record("tf.math.tanh", out, (x,), lambda g, needs: (g * (1 - out * out),))


def softmax(x, axis=-1):
    x = convert(x)
    xv = x.value
    out = np.exp(xv - xv.max(axis=axis, keepdims=True))
    out /= out.sum(axis=axis, keepdims=True)   # in place: out is this op's own new array

    def backward(g, needs):
        return (out * (g - (g * out).sum(axis=axis, keepdims=True)),)
    t = record("tf.nn.softmax", out, (x,), backward)
    t.keras_logits = x
    return t


def log_softmax(x, axis=-1):
    x = convert(x)
    xv = x.value
    shifted = xv - xv.max(axis=axis, keepdims=True)
    out = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))

    def backward(g, needs):
        return (g - np.exp(out) * g.sum(axis=axis, keepdims=True),)
    return record("tf.nn.log_softmax", out, (x,), backward)


def softplus(x):
    x = convert(x)
    xv = x.value
    out = np.logaddexp(0, xv).astype(xv.dtype, copy=False)
    return record("tf.math.softplus", out, (x,),
                  lambda g, needs: (g / (1 + np.exp(-xv)).astype(xv.dtype, copy=False),))


def softsign(x):
    x = convert(x)
    xv = x.value
    d = 1 + np.abs(xv)
    return record("tf.math.softsign", xv / d, (x,), lambda g, needs: (g / (d * d),))


def elu(x, alpha=1.0):
    x = convert(x)
    xv = x.value
    neg = alpha * (np.exp(np.minimum(xv, 0)) - 1)
    out = np.where(xv > 0, xv, neg).astype(xv.dtype, copy=False)
    return record("tf.nn.elu", out, (x,),
                  lambda g, needs: (np.where(xv > 0, g, g * (neg + alpha)).astype(g.dtype),))


def selu(x):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    x = convert(x)
    xv = x.value
    neg = alpha * (np.exp(np.minimum(xv, 0)) - 1)
    out = (scale * np.where(xv > 0, xv, neg)).astype(xv.dtype)
    return record("tf.nn.selu", out, (x,),
                  lambda g, needs: ((scale * np.where(xv > 0, g, g * (neg + alpha))).astype(g.dtype),))


def dropout(x, rate, rng):
    """Inverted dropout: keep with probability 1 - rate, scale kept values by 1/(1-rate)."""
    x = convert(x)
    xv = x.value
    keep = (rng.random(xv.shape) >= rate).astype(xv.dtype) / np.asarray(1 - rate, xv.dtype)
    return record("tf.nn.dropout", xv * keep, (x,), lambda g, needs: (g * keep,))


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
    return record("tf.nn.sparse_softmax_cross_entropy_with_logits", loss, (logits,), backward)


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
    return record("tf.nn.softmax_cross_entropy_with_logits", loss, (logits,), backward)


def sigmoid_cross_entropy_with_logits(labels, logits):
    logits, labels = convert(logits), convert(labels)
    xv = logits.value
    zv = labels.value.astype(xv.dtype, copy=False)
    loss = np.maximum(xv, 0) - xv * zv + np.log1p(np.exp(-np.abs(xv)))

    def backward(g, needs):
        # TensorFlow differentiates through the labels too (d loss / d labels = -logits)
        sig = (1 / (1 + np.exp(-xv))).astype(xv.dtype, copy=False)
        return (g * (sig - zv) if needs[0] else None, -g * xv if needs[1] else None)
    return record("tf.nn.sigmoid_cross_entropy_with_logits", loss.astype(xv.dtype, copy=False),
                  (logits, labels), backward)
