"""Padding and resizing of image tensors (``keras.backend.spatial_2d_padding``,
``keras.backend.resize_images``), forward with backward.

What it owns: ``pad`` (``tf.pad`` with zeros: the gradient is the central part of
the incoming gradient) and ``resize_nearest`` (``tf.image.resize`` with nearest
neighbour by whole factors: every value is repeated ``factor`` times along each
axis, so the gradient sums each block of copies back onto its source).

What it receives: arrays or Tensors ``(batch, *spatial, channels)``; pads as one
``(before, after)`` pair per axis, factors as one int per spatial axis.

What it hands on: a Tensor recorded on the active tapes.

Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from .tape import record
from .tensor import convert


def pad(x, paddings):
    """``tf.pad`` with zeros; ``paddings``: one ``(before, after)`` pair per axis of ``x``."""
    x = convert(x)
    xv = x.value
    paddings = tuple((int(b), int(a)) for b, a in paddings)
    inside = tuple(slice(b, b + n) for (b, _), n in zip(paddings, xv.shape))
    return record("tf.pad", np.pad(xv, paddings), (x,), lambda g, needs: (g[inside],))


def resize_nearest(x, factors):
    """``tf.image.resize(method="nearest")`` to ``factors`` times the spatial size."""
    x = convert(x)
    xv = x.value
    out = xv
    for axis, factor in enumerate(factors, start=1):
        out = np.repeat(out, factor, axis=axis)

    def backward(g, needs):
        # (batch, n1, f1, n2, f2, ..., channels): each source value's copies on their own axes
        split = (xv.shape[0],)
        for n, factor in zip(xv.shape[1:-1], factors):
            split += (n, factor)
        copies = tuple(range(2, 2 * len(factors) + 1, 2))
        return (g.reshape(split + xv.shape[-1:]).sum(axis=copies),)
    return record("tf.image.resize", out, (x,), backward)
