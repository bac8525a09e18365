"""Pooling (``tf.nn.max_pool``, ``tf.nn.avg_pool``, ``tf.math.reduce_max``), forward with backward.

What it owns: window pooling over any number of spatial axes, channels last, built
on the convolution module's im2col pieces (``conv.patches`` lays every window out
as one row of taps, ``conv.scatter_patches`` adds a gradient back where it was
read), and ``reduce_max``, the reduction a global max pooling uses.

- ``max_pool``: the largest value of each window; the gradient goes to the first
  largest value of the window, as TensorFlow's CPU kernel routes it. ``SAME`` pads
  with ``-inf``, so padding never wins.
- ``avg_pool``: the mean of each window; with ``SAME`` the mean is over the values
  inside the input only (the padded places are not counted), as TensorFlow does.
- ``reduce_max``: the gradient is shared equally between tied maxima (TensorFlow's rule).

What it receives: ``x`` of shape ``(batch, *spatial, channels)``, window sizes and
strides per spatial axis, ``"VALID"`` or ``"SAME"``. What it hands on: a Tensor.

Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from .conv import crop_spatial, pad_spatial, patches, plan, scatter_patches
from .ops import norm_axis
from .tape import record
from .tensor import convert


def windows(xv, ksize, strides, padding, fill):
    """``(cols, pads, padded_shape)``; ``cols``: ``(batch, *out_shape, taps, channels)``."""
    rank = len(ksize)
    dilations = (1,) * rank
    out_shape, pads = plan(xv.shape[1:-1], ksize, strides, padding, dilations)
    xp = pad_spatial(xv, pads, value=fill)
    cols = patches(xp, ksize, out_shape, strides, dilations)
    return cols.reshape(xv.shape[:1] + out_shape + (-1, xv.shape[-1])), pads, xp.shape


def scatter_windows(dcols, ksize, strides, padded_shape, pads):
    """The gradient of ``windows``: taps added back onto the input, padding cut off."""
    dcols = dcols.reshape(dcols.shape[:-2] + tuple(ksize) + dcols.shape[-1:])
    return crop_spatial(scatter_patches(dcols, padded_shape, strides, (1,) * len(ksize)), pads)


def max_pool(x, ksize, strides, padding="VALID"):
    """``tf.nn.max_pool``: ``x`` ``(batch, *spatial, channels)``, one window size per axis."""
    x = convert(x)
    xv = x.value
    cols, pads, padded_shape = windows(xv, ksize, strides, padding, -np.inf)
    first = cols.argmax(axis=-2)[..., None, :]
    out = np.take_along_axis(cols, first, axis=-2)[..., 0, :]

    def backward(g, needs):
        dcols = np.zeros(cols.shape, dtype=g.dtype)
        np.put_along_axis(dcols, first, g[..., None, :], axis=-2)
        return (scatter_windows(dcols, ksize, strides, padded_shape, pads),)
    return record("tf.nn.max_pool", out, (x,), backward)


def avg_pool(x, ksize, strides, padding="VALID"):
    """``tf.nn.avg_pool``: the mean of each window over the places inside the input."""
    x = convert(x)
    xv = x.value
    cols, pads, padded_shape = windows(xv, ksize, strides, padding, 0)
    if any(b or a for b, a in pads):
        ones = np.ones((1,) + xv.shape[1:-1] + (1,), dtype=xv.dtype)
        count = windows(ones, ksize, strides, padding, 0)[0].sum(axis=-2)
    else:
        count = np.asarray(cols.shape[-2], dtype=xv.dtype)
    out = cols.sum(axis=-2) / count

    def backward(g, needs):
        share = (g / count)[..., None, :]
        dcols = np.broadcast_to(share, cols.shape)
        return (scatter_windows(dcols, ksize, strides, padded_shape, pads),)
    return record("tf.nn.avg_pool", out.astype(xv.dtype, copy=False), (x,), backward)


def reduce_max(a, axis=None, keepdims=False):
    """``tf.math.reduce_max``; tied maxima share the gradient equally."""
    a = convert(a)
    av = a.value
    axes = norm_axis(axis, av.ndim)
    top = av.max(axis=axes, keepdims=True)
    is_top = av == top
    ties = is_top.sum(axis=axes, keepdims=True).astype(av.dtype)

    def backward(g, needs):
        if not keepdims and g.ndim:
            g = np.expand_dims(g, axes)
        return (np.where(is_top, g / ties, 0).astype(av.dtype, copy=False),)
    out = top if keepdims else np.squeeze(top, axis=axes)
    return record("tf.math.reduce_max", out, (a,), backward)
