"""Differentiable ops, each forward computation with its backward rule beside it.

Every op takes Tensors (or anything ``convert`` accepts), computes its result
with NumPy, and returns ``record(name, value, inputs, backward)``. The backward
rule gets the gradient of the output ``g`` and ``needs`` (which inputs a tape
follows) and returns one gradient per input (None where not needed). Names are
the TensorFlow functions Keras calls for the same step, so a ``full`` trace
reads like Keras's graph.
"""
import numpy as np

from .tape import record
from .tensor import Tensor, convert


def unbroadcast(g, shape):
    """Sum ``g`` down to ``shape``: the backward rule of NumPy broadcasting."""
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra > 0:
        g = g.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and g.shape[i] != 1)
    return g.sum(axis=axes, keepdims=True) if axes else g


def as_shape(shape):
    """A tuple of ints from a shape given as a list, a tuple or an int tensor (or ints in it)."""
    if isinstance(shape, Tensor):
        shape = shape.value
    if isinstance(shape, np.ndarray):
        return tuple(int(d) for d in shape.reshape(-1)) if shape.ndim else (int(shape),)
    if isinstance(shape, (list, tuple)):
        return tuple(-1 if d is None else int(d) for d in shape)
    return (int(shape),)


def bound(value):
    """A clip bound or similar as a NumPy value (Tensors give theirs)."""
    return value.value if isinstance(value, Tensor) else value


def pair(a, b):
    a = convert(a)
    b = convert(b, dtype=a.value.dtype if not isinstance(b, Tensor) else None)
    return a, b


# -- arithmetic ------------------------------------------------------------

def add(a, b):
    a, b = pair(a, b)

    def backward(g, needs):
        return (unbroadcast(g, a.shape) if needs[0] else None,
                unbroadcast(g, b.shape) if needs[1] else None)
    return record("tf.math.add", a.value + b.value, (a, b), backward)


def subtract(a, b):
    a, b = pair(a, b)

    def backward(g, needs):
        return (unbroadcast(g, a.shape) if needs[0] else None,
                unbroadcast(-g, b.shape) if needs[1] else None)
    return record("tf.math.subtract", a.value - b.value, (a, b), backward)


def multiply(a, b):
    a, b = pair(a, b)
    av, bv = a.value, b.value

    def backward(g, needs):
        return (unbroadcast(g * bv, av.shape) if needs[0] else None,
                unbroadcast(g * av, bv.shape) if needs[1] else None)
    return record("tf.math.multiply", av * bv, (a, b), backward)


def divide(a, b):
    a, b = pair(a, b)
    av, bv = a.value, b.value
    out = av / bv

    def backward(g, needs):
        return (unbroadcast(g / bv, av.shape) if needs[0] else None,
                unbroadcast(-g * out / bv, bv.shape) if needs[1] else None)
    return record("tf.math.truediv", out, (a, b), backward)


def negative(a):
    a = convert(a)
    return record("tf.math.negative", -a.value, (a,), lambda g, needs: (-g,))


def square(a):
    a = convert(a)
    av = a.value
    return record("tf.math.square", av * av, (a,), lambda g, needs: (g * 2 * av,))


def sqrt(a):
    a = convert(a)
    out = np.sqrt(a.value)
    return record("tf.math.sqrt", out, (a,), lambda g, needs: (g / (2 * out),))


def exp(a):
    a = convert(a)
    out = np.exp(a.value)
    return record("tf.math.exp", out, (a,), lambda g, needs: (g * out,))


def log(a):
    a = convert(a)
    av = a.value
    return record("tf.math.log", np.log(av), (a,), lambda g, needs: (g / av,))


def abs(a):  # noqa: A001 - the TensorFlow name
    a = convert(a)
    av = a.value
    return record("tf.math.abs", np.abs(av), (a,), lambda g, needs: (g * np.sign(av),))


def maximum(a, b):
    a, b = pair(a, b)
    av, bv = a.value, b.value
    pick_a = av >= bv

    def backward(g, needs):
        return (unbroadcast(np.where(pick_a, g, 0), av.shape) if needs[0] else None,
                unbroadcast(np.where(pick_a, 0, g), bv.shape) if needs[1] else None)
    return record("tf.math.maximum", np.maximum(av, bv), (a, b), backward)


def minimum(a, b):
    a, b = pair(a, b)
    av, bv = a.value, b.value
    pick_a = av <= bv

    def backward(g, needs):
        return (unbroadcast(np.where(pick_a, g, 0), av.shape) if needs[0] else None,
                unbroadcast(np.where(pick_a, 0, g), bv.shape) if needs[1] else None)
    return record("tf.math.minimum", np.minimum(av, bv), (a, b), backward)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    a = convert(t)
    av = a.value
    low, high = bound(clip_value_min), bound(clip_value_max)
    inside = (av >= low) & (av <= high)
    return record("tf.clip_by_value", np.clip(av, low, high).astype(av.dtype, copy=False), (a,),
                  lambda g, needs: (np.where(inside, g, 0).astype(g.dtype, copy=False),))


def cast(a, dtype):
    a = convert(a)
    src = a.value.dtype
    out = a.value.astype(dtype)
    # As TensorFlow's cast gradient: only a float -> float cast passes a gradient back.
    floating = np.issubdtype(src, np.floating) and np.issubdtype(out.dtype, np.floating)
    return record("tf.cast", out, (a,),
                  lambda g, needs: (g.astype(src) if floating else None,))


def stop_gradient(a):
    return Tensor(convert(a).value)


# -- linear algebra ----------------------------------------------------------

def matmul(a, b):
    """a @ b; either side may have leading batch dimensions (broadcast as NumPy does).

    The 2-D kernel of a Dense layer (the hot path) takes the direct route:
    dA = g @ B.T and dB = A.T @ g with A's batch axes folded into its rows.
    """
    a, b = convert(a), convert(b)
    av, bv = a.value, b.value

    def backward(g, needs):
        if bv.ndim == 2:
            ga = g @ bv.T if needs[0] else None
            gb = None
            if needs[1]:
                gb = (av.T @ g if av.ndim == 2
                      else av.reshape(-1, av.shape[-1]).T @ g.reshape(-1, g.shape[-1]))
            return ga, gb
        ga = unbroadcast(g @ np.swapaxes(bv, -1, -2), av.shape) if needs[0] else None
        gb = unbroadcast(np.swapaxes(av, -1, -2) @ g, bv.shape) if needs[1] else None
        return ga, gb

    return record("tf.linalg.matmul", av @ bv, (a, b), backward)


def bias_add(x, bias):
    x, bias = convert(x), convert(bias)

    def backward(g, needs):
        return (g if needs[0] else None,
                column_sums(g.reshape(-1, g.shape[-1])) if needs[1] else None)

    return record("tf.nn.bias_add", x.value + bias.value, (x, bias), backward)


def column_sums(rows, width=2048):
    """``rows.sum(axis=0)`` of a ``(m, c)`` array. Speed: NumPy sums a narrow array ``c``
    values at a time; the rows are first folded ``k`` at a time into rows of about ``width``
    values (``(m // k, k * c)``), summed, and the ``k`` partial sums added (6x faster for a
    convolution's 86528 x 32 gradient, and no less accurate)."""
    m, c = rows.shape
    k = width // c
    if k < 2 or m * c < 1 << 16:
        return rows.sum(axis=0)
    q = m // k * k
    total = rows[:q].reshape(-1, k * c).sum(axis=0).reshape(k, c).sum(axis=0)
    return total + rows[q:].sum(axis=0) if q < m else total


# -- reductions and shapes ---------------------------------------------------


def norm_axis(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return tuple(a % ndim for a in axes)


def reduce_sum(a, axis=None, keepdims=False):
    a = convert(a)
    av = a.value
    axes = norm_axis(axis, av.ndim)

    def backward(g, needs):
        if not keepdims and g.ndim:  # a 0-d gradient (a full reduction) broadcasts as it is
            g = np.expand_dims(g, axes)
        return (np.broadcast_to(g, av.shape),)

    return record("tf.math.reduce_sum", av.sum(axis=axes, keepdims=keepdims), (a,), backward)


def reduce_mean(a, axis=None, keepdims=False):
    a = convert(a)
    av = a.value
    axes = norm_axis(axis, av.ndim)
    count = int(np.prod([av.shape[i] for i in axes])) if axes else 1

    def backward(g, needs):
        if not keepdims and g.ndim:
            g = np.expand_dims(g, axes)
        return (np.broadcast_to(g / np.asarray(count, dtype=g.dtype), av.shape),)

    return record(
        "tf.math.reduce_mean", av.mean(axis=axes, keepdims=keepdims, dtype=av.dtype), (a,), backward
    )


def reshape(a, shape, name=None):
    a = convert(a)
    av = a.value
    return record(
        "tf.reshape", av.reshape(as_shape(shape)), (a,), lambda g, needs: (g.reshape(av.shape),)
    )


def concatenate(tensors, axis=-1):
    tensors = [convert(t) for t in tensors]
    values = [t.value for t in tensors]
    axis = axis % values[0].ndim
    bounds = np.cumsum([v.shape[axis] for v in values])[:-1]
    return record(
        "tf.concat",
        np.concatenate(values, axis=axis),
        tuple(tensors),
        lambda g, needs: tuple(np.split(g, bounds, axis=axis)),
    )


def getitem(a, index):
    a = convert(a)
    av = a.value
    index = tuple(bound(i) for i in index) if isinstance(index, tuple) else bound(index)

    def backward(g, needs):
        out = np.zeros_like(av)
        np.add.at(out, index, g)
        return (out,)
    out = av[index]
    if isinstance(out, bytes):
        out = np.asarray(out, dtype=object)   # one string: a 0-d array of its bytes, not bytes
    return record("tf.__operators__.getitem", out, (a,), backward)


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """tf.gather: the slices of ``params`` at ``indices`` along ``axis`` (0: Embedding's lookup)."""
    params = convert(params)
    pv = params.value
    idx = np.asarray(convert(indices).value).astype(np.int64)
    axis = 0 if axis is None else int(bound(axis)) % pv.ndim
    index = (slice(None),) * axis + (idx,)

    def backward(g, needs):
        out = np.zeros_like(pv)
        np.add.at(out, index, g)
        return (out,)

    return record("tf.gather", pv[index], (params,), backward)


def where(condition, a=None, b=None, name=None):
    """tf.where: ``a`` where ``condition`` holds, else ``b``; alone, where it holds
    (coordinates)."""
    cond = np.asarray(convert(condition).value, dtype=bool)
    if a is None and b is None:
        return Tensor(np.argwhere(cond).astype(np.int64))
    a, b = pair(a, b)

    def backward(g, needs):
        return (
            unbroadcast(np.where(cond, g, 0), a.shape) if needs[0] else None,
            unbroadcast(np.where(cond, 0, g), b.shape) if needs[1] else None,
        )

    return record("tf.where", np.where(cond, a.value, b.value), (a, b), backward)
