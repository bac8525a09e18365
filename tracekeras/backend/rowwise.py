"""Ops along the last axis, computed row by row (a speed device, never a result).

What it owns: the row forms of ``nn.softmax`` (forward and backward), of a layer
normalization's ``nn.moments`` and ``nn.batch_normalization`` (mean and variance over the
last axis only, offset and scale along it) and of ``nn.dropout``'s elementwise steps.
Each row's numbers depend on that row alone, so the rows of an array can be shared out
among ``parallel``'s threads (``parallel.rows``, pieces of the first axis) and written in
place into arrays made once: the same
operations on each element as the whole-array forms in ``nn``, in the same order, so the
same numbers bit for bit. What stays whole: the sums over the rows (a layer
normalization's offset and scale gradients), whose order would depend on the pieces.

Beside them, ``zeros_outside`` (TensorFlow's select of a value or 0 under a mask), which
``nn.dropout`` uses whole and row by row.

What it receives: NumPy arrays (``rows_apply`` tells when the row form applies); what it
hands on: NumPy arrays. No trace events (``nn`` records the ops).
"""
import numpy as np

from . import parallel


def zeros_outside(values, mask):
    """``np.where(mask, values, 0)`` written into ``values`` (a fresh array), as TensorFlow's
    select: an infinite or NaN value outside the mask becomes 0 too. Speed: for floats the
    mask becomes all-ones or all-zeros words and is and-ed with the values' bits (a random
    mask makes ``np.where`` branch at every element: 14x slower for a dropout of 128 x 1600)."""
    values = np.asarray(values)
    if values.dtype.kind != "f" or values.dtype.itemsize not in (2, 4, 8):
        return np.where(mask, values, values.dtype.type(0))
    words = np.dtype(f"i{values.dtype.itemsize}")
    bits = np.asarray(mask).astype(words)
    np.negative(bits, out=bits)               # 1 -> all ones, 0 -> 0
    np.bitwise_and(values.view(words), bits, out=values.view(words))
    return values


def rows_apply(xv, axis=-1):
    """Does an op along ``axis`` of ``xv`` run row by row: its last axis of a C-contiguous
    float array of two axes or more?"""
    return (isinstance(axis, (int, np.integer)) and xv.ndim >= 2
            and axis in (-1, xv.ndim - 1) and xv.dtype.kind == "f" and xv.flags.c_contiguous)


def each_row(fn, xv, arrays=1):
    """``fn(part)`` over pieces of the first axis of ``xv``, shared out among the threads;
    ``arrays``: how many arrays of its size the op reads and writes."""
    parallel.rows(fn, len(xv), xv.nbytes * arrays)


def softmax(xv):
    """``exp(x - max) / sum`` along the last axis. Speed: written in place, two passes fewer
    over the attention's scores than fresh arrays."""
    out = np.empty_like(xv)

    def run(part):
        x, o = xv[part], out[part]
        np.subtract(x, x.max(axis=-1, keepdims=True), out=o)
        np.exp(o, out=o)
        o /= o.sum(axis=-1, keepdims=True)
    each_row(run, xv, 2)
    return out


def softmax_grad(g, out):
    """``out * (g - sum(g * out))`` along the last axis."""
    grad = np.empty_like(g)

    def run(part):
        gp, op, dp = g[part], out[part], grad[part]
        np.multiply(gp, op, out=dp)
        total = dp.sum(axis=-1, keepdims=True)
        np.subtract(gp, total, out=dp)
        dp *= op
    each_row(run, g, 3)
    return grad


def dropout(xv, draws, rate, scale):
    """``(out, keep)`` of ``nn.dropout`` from its draws: ``keep`` is ``scale`` where a draw is
    ``>= rate``, else 0; ``out`` is ``x * scale`` there, else 0."""
    out = np.empty_like(xv)
    keep = np.empty_like(xv)

    def run(part):
        mask = draws[part] >= rate
        np.copyto(keep[part], mask)
        keep[part] *= scale
        np.multiply(xv[part], scale, out=out[part])
        zeros_outside(out[part], mask)
    each_row(run, xv, 3)
    return out, keep


def moments(xv):
    """``(mean, centered, variance)`` over the last axis (kept, of size 1): ``nn.moments``'s
    ``mean(x)``, ``x - mean`` and ``mean(centered * centered)`` in ``xv``'s dtype."""
    mean = np.empty(xv.shape[:-1] + (1,), xv.dtype)
    variance = np.empty_like(mean)
    centered = np.empty_like(xv)

    def run(part):
        np.mean(xv[part], axis=-1, keepdims=True, dtype=xv.dtype, out=mean[part])
        np.subtract(xv[part], mean[part], out=centered[part])
        squares = centered[part] * centered[part]
        np.mean(squares, axis=-1, keepdims=True, dtype=xv.dtype, out=variance[part])
    each_row(run, xv, 3)
    return mean, centered, variance


def normalizes_rows(xv, mv, vv, offset, scale):
    """Is this ``batch_normalization`` a layer normalization's over the last axis of ``xv``:
    mean and variance one per row, offset and scale one value per column, all of one dtype?"""
    if offset is None or scale is None or not rows_apply(xv):
        return False
    row_shape, column = xv.shape[:-1] + (1,), xv.shape[-1:]
    return (mv.shape == row_shape and vv.shape == row_shape and offset.shape == column
            and scale.shape == column
            and all(a.dtype == xv.dtype for a in (mv, vv, offset, scale)))


def batch_normalization(xv, mv, vv, offset, scale, variance_epsilon):
    """``(out, inv, rsqrt)`` of ``nn.batch_normalization`` row by row, TensorFlow's order:
    ``rsqrt = 1 / sqrt(variance + epsilon)``, ``inv = rsqrt * scale``,
    ``out = x * inv + (offset - mean * inv)``."""
    epsilon = np.asarray(variance_epsilon, vv.dtype)
    rsqrt = np.empty_like(vv)
    inv = np.empty_like(xv)
    out = np.empty_like(xv)

    def run(part):
        rsqrt[part] = (1 / np.sqrt(vv[part] + epsilon)).astype(vv.dtype)
        np.multiply(rsqrt[part], scale, out=inv[part])
        np.multiply(mv[part], inv[part], out=out[part])
        np.subtract(offset, out[part], out=out[part])          # the shift
        scaled = xv[part] * inv[part]
        np.add(scaled, out[part], out=out[part])               # x * inv + shift
    each_row(run, xv, 3)
    return out, inv, rsqrt


def normalization_grads(g, xv, mv, inv, rsqrt, needs):
    """The row-local parts of ``batch_normalization``'s gradient: ``g * inv`` (x's), its
    negative summed along the row (the mean's), the variance's
    ``sum(g * (x - mean) * inv * (-0.5) * rsqrt * rsqrt)`` and ``g * (x - mean) * rsqrt``
    (the scale's, before its sum over the rows); None where not needed."""
    need_x, need_mean, need_variance, need_scale = needs
    g_inv = np.empty_like(g) if need_x or need_mean else None
    mean_grad = np.empty_like(mv) if need_mean else None
    variance_grad = np.empty_like(mv) if need_variance else None
    scale_rows = np.empty_like(g) if need_scale else None

    def run(part):
        if g_inv is not None:
            np.multiply(g[part], inv[part], out=g_inv[part])
            if mean_grad is not None:
                np.negative(g_inv[part]).sum(axis=-1, keepdims=True, out=mean_grad[part])
        if variance_grad is None and scale_rows is None:
            return
        g_centered = g[part] * (xv[part] - mv[part])
        if variance_grad is not None:
            grad = g_centered * inv[part]
            grad *= -0.5
            grad *= rsqrt[part]
            grad *= rsqrt[part]
            grad.sum(axis=-1, keepdims=True, out=variance_grad[part])
        if scale_rows is not None:
            np.multiply(g_centered, rsqrt[part], out=scale_rows[part])
    each_row(run, g, 4)
    return g_inv if need_x else None, mean_grad, variance_grad, scale_rows
