"""Pooling (``tf.nn.max_pool``, ``tf.nn.avg_pool``, ``tf.math.reduce_max``), forward with backward.

What it owns: window pooling over any number of spatial axes, channels last, and
``reduce_max``, the reduction a global max pooling uses. A window pooling is a loop
over the window's taps (4 for a 2x2 window), never over pixels: each tap is one
strided view of the (padded) input holding that tap's value for every output, so
the forward pass is a running maximum or sum of a few views, and the backward pass
adds the gradient back through the same views. ``max_pool`` works through the batch
in cache-sized blocks (``batch_blocks``) and, when a tape records it, marks each
window's first maximum in the forward pass, while the block is in the cache, so that
its backward pass only writes the gradient where the marks say.

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

from . import parallel
from .conv import crop_spatial, pad_spatial, plan
from .ops import norm_axis
from .tape import record
from .tensor import TAPES, convert


def tap_slices(ksize, out_shape, strides):
    """For each window position (tap), the slice of the padded input it reads for every
    output: a strided view, so a pooling is a few whole-array operations, one per tap."""
    for tap in np.ndindex(*ksize):
        yield ((slice(None),)
               + tuple(slice(t, t + (o - 1) * s + 1, s)
                       for t, o, s in zip(tap, out_shape, strides))
               + (slice(None),))


def max_pool(x, ksize, strides, padding="VALID"):
    """``tf.nn.max_pool``: ``x`` ``(batch, *spatial, channels)``, one window size per axis."""
    x = convert(x)
    xv = x.value
    out_shape, pads = plan(xv.shape[1:-1], ksize, strides, padding, (1,) * len(ksize))
    xp = pad_spatial(xv, pads, value=-np.inf)
    slices = list(tap_slices(ksize, out_shape, strides))
    apart = all(s >= k for s, k in zip(strides, ksize))    # no place is in two windows
    # the windows cover every place once: each is written, none needs zeroing first
    tiled = apart and all(s == k and o * s == n for s, k, o, n in
                          zip(strides, ksize, out_shape, xp.shape[1:-1]))
    out = np.empty(xp.shape[:1] + out_shape + xp.shape[-1:], dtype=xp.dtype)
    # where each window's gradient goes, found only when a tape will ask for it
    hits = (np.empty((len(slices),) + out.shape, dtype=bool)
            if TAPES.active and x.tracked else None)
    for_blocks(xp, lambda rows: window_max(xp[rows], slices, out[rows],
                                           None if hits is None else hits[:, rows], apart))

    def backward(g, needs):
        dx = (np.empty if tiled else np.zeros)(xp.shape, dtype=g.dtype)

        def route(rows):
            if tiled:
                spread(g[rows], hits[:, rows], ksize, dx[rows])
                return
            for hit, index in zip(hits[:, rows], slices):
                if apart:                     # each place is written once: no add
                    np.multiply(g[rows], hit, out=dx[rows][index])
                else:
                    dx[rows][index] += g[rows] * hit
        for_blocks(xp, route)
        return (crop_spatial(dx, pads),)
    return record("tf.nn.max_pool", out, (x,), backward)


def window_max(xp, slices, out, hits, apart):
    """The maximum of each window of ``xp`` into ``out`` and, when ``hits`` is given, the
    first maximum of each window marked in it tap by tap (``hits[t]``: tap ``t`` takes the
    window's gradient: it equals the maximum and no earlier tap did), as TensorFlow's CPU
    kernel routes the gradient. Speed: when there are marks to find and the windows do
    not overlap, each tap's values are first copied into one contiguous block, so the
    maxima and comparisons read whole rows instead of ``channels`` values at a time
    (2x2 windows over 32 channels, forward and backward: 17 % faster)."""
    if apart and hits is not None:
        taps = np.empty((len(slices),) + out.shape, dtype=xp.dtype)
        for tap, index in zip(taps, slices):
            tap[...] = xp[index]
    else:
        taps = [xp[index] for index in slices]
    np.copyto(out, taps[0])
    for tap in taps[1:]:
        np.maximum(out, tap, out=out)
    if hits is None:
        return
    free = np.ones(out.shape, dtype=bool)     # windows whose maximum is not found yet
    for tap, hit in zip(taps, hits):
        np.equal(tap, out, out=hit)
        hit &= free
        free ^= hit


def spread(g, hits, ksize, dx):
    """The gradient of windows that tile ``dx`` exactly (stride = window, no remainder):
    each window's ``g`` copied to all its places, then multiplied by where the marks
    ``hits`` (one array per tap, in ``tap_slices``'s order) put it: ``g * hit`` at every
    place, as tap by tap. Speed: a tap's places are ``channels`` values apart, so a product
    written tap by tap runs that many values at a time, casting the marks as it goes; here
    the marks are laid out in ``dx``'s order first (copies of booleans) and the product
    runs along whole rows (the MNIST convnet's first pooling, measured alone: 2.2-2.4 ms
    instead of 3.0-3.3)."""
    shape = [g.shape[0]]
    for o, k in zip(g.shape[1:-1], ksize):
        shape += [o, k]
    shape.append(g.shape[-1])
    taps = tuple(range(2, 2 * len(ksize) + 1, 2))      # the axes of a window's places
    placed = np.empty(dx.shape, dtype=bool)
    for hit, tap in zip(hits, np.ndindex(*ksize)):
        index = [slice(None)] * len(shape)
        for axis, t in zip(taps, tap):
            index[axis] = t
        np.copyto(placed.reshape(shape)[tuple(index)], hit)
    np.copyto(dx.reshape(shape), np.expand_dims(g, taps))
    np.multiply(dx, placed, out=dx)


def for_blocks(x, fn):
    """``fn(rows)`` for each block of ``batch_blocks(x)``, the blocks shared out among
    ``parallel``'s threads (each block is written by one thread only)."""
    parallel.each(fn, batch_blocks(x), x.nbytes)


def batch_blocks(x, size=1 << 20):
    """Slices of the batch axis of about ``size`` bytes each. Speed: a block's maximum,
    gradient and masks stay in the cache across the taps (1.6x faster for 2x2 windows)."""
    step = max(1, size // max(1, x[:1].nbytes))
    return [slice(i, i + step) for i in range(0, x.shape[0], step)]


def avg_pool(x, ksize, strides, padding="VALID"):
    """``tf.nn.avg_pool``: the mean of each window over the places inside the input."""
    x = convert(x)
    xv = x.value
    out_shape, pads = plan(xv.shape[1:-1], ksize, strides, padding, (1,) * len(ksize))
    xp = pad_spatial(xv, pads)
    slices = list(tap_slices(ksize, out_shape, strides))
    total = xp[slices[0]].copy()
    for index in slices[1:]:
        total += xp[index]
    if any(b or a for b, a in pads):            # count the places inside the input only
        inside = pad_spatial(np.ones((1,) + xv.shape[1:-1] + (1,), dtype=xv.dtype), pads)
        count = sum(inside[index] for index in slices)
    else:
        count = np.asarray(len(slices), dtype=xv.dtype)
    out = (total / count).astype(xv.dtype, copy=False)

    def backward(g, needs):
        share = g / count
        dx = np.zeros(xp.shape, dtype=g.dtype)
        for index in slices:
            dx[index] += share
        return (crop_spatial(dx, pads),)
    return record("tf.nn.avg_pool", out, (x,), backward)


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
