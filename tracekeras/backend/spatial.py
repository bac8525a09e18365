"""Padding and resizing of image tensors (``keras.backend.spatial_2d_padding``,
``keras.backend.resize_images``), forward with backward.

What it owns: ``pad`` (``tf.pad``: zeros or ``constant_values``, a string for strings,
or the ``REFLECT`` and ``SYMMETRIC`` modes, with TensorFlow's checks and messages; the
gradient of a constant pad is the central part of the incoming gradient), ``crop`` (its
mirror image, a slice: the gradient is the incoming gradient with zeros around it; each is
the other's differentiable ``backward_ops``, so gradients of gradients go through both),
``resize_nearest`` (``tf.image.resize`` with nearest neighbour by whole factors: every
value is repeated ``factor`` times along each axis, so the gradient sums each block of
copies back onto its source),
``resize_bilinear`` (``tf.image.resize`` with ``bilinear``, half-pixel centres: each
output is a weighted mean of the two nearest inputs along each axis, a small
matrix per axis whose transpose carries the gradient back) and the two moves of
the channel axis a ``channels_first`` layer makes around a channels-last
computation (``to_channels_last``, ``to_channels_first``, both ``tf.transpose``),
``resize`` (``tf.image.resize`` of images in a script or a ``Dataset.map``, by the
kernels of :mod:`tracekeras.utils.image_ops`, differentiable with ``bilinear`` and
``nearest``; with ``preserve_aspect_ratio`` the size TensorFlow computes, each side times
the smaller scale factor in float32, rounded half to even; ``ResizeMethod`` names its
methods, and the four TensorFlow has beyond those kernels end in the one-line error) and
``extract_patches`` (``tf.image.extract_patches``: the im2col of a convolution,
:func:`tracekeras.backend.conv.patches`, with its windows' taps flattened).

What it receives: arrays or Tensors ``(batch, *spatial, channels)``; pads and crops
as one ``(before, after)`` pair per axis, factors as one int per spatial axis,
sizes as one output length per spatial axis.

What it hands on: a Tensor recorded on the active tapes.

Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
from tracekeras.utils import image_ops

from .array_ops import transpose
from .conv import crop_spatial, pad_spatial, patches, plan
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

PAD_MODES = {"CONSTANT": "constant", "REFLECT": "reflect", "SYMMETRIC": "symmetric"}


def pad(x, paddings, mode="CONSTANT", constant_values=0, name=None):
    """``tf.pad``: ``paddings`` one ``(before, after)`` pair per axis of ``x`` (numbers or
    scalar Tensors); ``constant_values`` fills a ``CONSTANT`` pad (a string for a string
    tensor); TensorFlow's checks and messages."""
    if isinstance(x, (list, tuple)):   # a list of scalar Tensors packs: tf.pad([text], ...)
        x = np.stack([np.asarray(getattr(v, "value", v)) for v in x])
    x = convert(x)
    xv = x.value
    kind = PAD_MODES.get(str(mode).upper())
    if kind is None:
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", '
                         f'"REFLECT", or "SYMMETRIC". Received `mode` = {str(mode).upper()}')
    widths = checked_paddings(paddings, xv.shape)
    inside = tuple(slice(b, b + n) for (b, _), n in zip(widths, xv.shape))
    if kind != "constant":
        return record("tf.pad", np.pad(xv, widths, mode=kind), (x,),
                      refused_gradient(f"tf.pad with mode={mode!r}"))
    fill = getattr(constant_values, "value", constant_values)
    fill = fill.encode() if xv.dtype == object and isinstance(fill, str) else fill
    fill = np.asarray(fill) if xv.dtype == object else np.asarray(fill).astype(xv.dtype)
    return record("tf.pad", np.pad(xv, widths, constant_values=fill), (x,),
                  lambda g, needs: (g[inside],), lambda g, needs, out: (crop(g, widths),))


def checked_paddings(paddings, shape):
    """The ``(before, after)`` pairs, checked as TensorFlow's kernel checks them."""
    table = np.array([[int(np.asarray(getattr(v, "value", v))) for v in pair]
                      for pair in paddings], dtype=np.int64).reshape(len(paddings), -1)
    if table.shape[1] != 2:
        raise InvalidArgumentError("paddings must be a matrix with 2 columns: "
                                   f"[{table.shape[0]},{table.shape[1]}]")
    if table.shape[0] != len(shape):
        raise InvalidArgumentError("The first dimension of paddings must be the rank of inputs"
                                   f"[{table.shape[0]},2] [{','.join(map(str, shape))}]")
    for before, after in table:
        if before < 0 or after < 0:
            raise InvalidArgumentError(f"Paddings must be non-negative: {before} {after}")
    return tuple((int(b), int(a)) for b, a in table)


def refused_gradient(what):
    def backward(g, needs):
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement the gradient of {what}")
    return backward


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


def crop(x, croppings):
    """``x[b0:n0-a0, b1:n1-a1, ...]``; ``croppings``: one ``(before, after)`` pair per axis."""
    x = convert(x)
    xv = x.value
    inside = tuple(slice(int(b), n - int(a)) for (b, a), n in zip(croppings, xv.shape))

    def backward(g, needs):
        dx = np.zeros(xv.shape, dtype=g.dtype)
        dx[inside] = g
        return (dx,)
    return record("tf.__operators__.getitem", xv[inside], (x,), backward,
                  lambda g, needs, out: (pad(g, croppings),))


def bilinear_weights(in_length, out_length, dtype):
    """The ``(out_length, in_length)`` matrix of linear interpolation with half-pixel
    centres, as TensorFlow places samples: output ``i`` reads input position
    ``(i + 0.5) * in / out - 0.5``, between its floor (clipped at 0) and its ceiling
    (clipped at the last input), weighted by the distance to each."""
    scale = in_length / out_length
    where = (np.arange(out_length) + 0.5) * scale - 0.5
    floor = np.floor(where)
    lerp = (where - floor).astype(dtype)
    lower = np.maximum(floor.astype(np.int64), 0)
    upper = np.minimum(np.ceil(where).astype(np.int64), in_length - 1)
    weights = np.zeros((out_length, in_length), dtype=dtype)
    rows = np.arange(out_length)
    np.add.at(weights, (rows, lower), 1 - lerp)
    np.add.at(weights, (rows, upper), lerp)
    return weights


def along_axes(value, matrices):
    """``value`` with spatial axis ``i + 1`` multiplied by ``matrices[i]`` (out, in)."""
    for axis, matrix in enumerate(matrices, start=1):
        value = np.moveaxis(np.tensordot(matrix, value, axes=([1], [axis])), 0, axis)
    return value


def resize_bilinear(x, size):
    """``tf.image.resize(method="bilinear")`` of the spatial axes to ``size``."""
    x = convert(x)
    xv = x.value
    dtype = xv.dtype if xv.dtype.kind == "f" else np.float32
    matrices = [bilinear_weights(n, int(m), dtype) for n, m in zip(xv.shape[1:-1], size)]
    out = along_axes(xv.astype(dtype, copy=False), matrices)

    def backward(g, needs):
        return (along_axes(g, [m.T for m in matrices]).astype(xv.dtype, copy=False),)
    return record("tf.image.resize", np.ascontiguousarray(out), (x,), backward)


def to_channels_last(x):
    """``(batch, channels, *spatial)`` -> ``(batch, *spatial, channels)``."""
    rank = len(x.shape) - 2
    return transpose(x, (0,) + tuple(range(2, rank + 2)) + (1,))


def to_channels_first(x):
    """``(batch, *spatial, channels)`` -> ``(batch, channels, *spatial)``."""
    rank = len(x.shape) - 2
    return transpose(x, (0, rank + 1) + tuple(range(1, rank + 1)))


def extract_patches(images, sizes, strides, rates, padding, name=None):
    """``tf.image.extract_patches``: every ``sizes`` window of ``images`` (batch, rows,
    cols, depth), ``strides`` apart, its taps ``rates`` apart, laid out along the last axis
    as TensorFlow lays it out (the window's rows, then its columns, then the depth); the
    windows outside the image read zeros. The gradient adds each output back onto the
    places its window read."""
    x = convert(images)
    xv = x.value
    if xv.ndim != 4:
        raise InvalidArgumentError(f"input must be 4-dimensional (batch, rows, cols, depth), "
                                   f"received a tensor of shape {xv.shape}.")
    window, step, rate = (window_list(name, value) for name, value in
                          (("sizes", sizes), ("strides", strides), ("rates", rates)))
    if padding not in ("SAME", "VALID"):
        raise InvalidArgumentError(f'`padding` must be "SAME" or "VALID", received: '
                                   f'{padding!r}.')
    out_shape, pads = plan(xv.shape[1:3], window, step, padding, rate)
    xp = pad_spatial(xv, pads)
    cols = patches(xp, window, out_shape, step, rate)  # (batch, rows, cols, kr, kc, depth)
    out = cols.reshape(cols.shape[:3] + (-1,))

    def backward(g, needs):
        dxp = np.zeros(xp.shape, dtype=g.dtype)
        g = g.reshape(cols.shape)
        for tap_row, tap_col in np.ndindex(*window):
            r, c = tap_row * rate[0], tap_col * rate[1]
            dxp[:, r:r + (out_shape[0] - 1) * step[0] + 1:step[0],
                c:c + (out_shape[1] - 1) * step[1] + 1:step[1]] += g[:, :, :, tap_row, tap_col]
        return (crop_spatial(dxp, pads),)
    return record("tf.image.extract_patches", out, (x,), backward)


def window_list(name, value):
    """The two middle entries of a ``[1, rows, cols, 1]`` list of ``extract_patches``."""
    value = [int(v) for v in value]
    if len(value) != 4 or value[0] != 1 or value[3] != 1:
        raise InvalidArgumentError(f"`{name}` must be a list of 4 ints [1, rows, cols, 1] "
                                   f"(windows across space only), received: {value}.")
    return tuple(value[1:3])


def aspect_preserving_size(rows, cols, size):
    """The largest size within ``size`` of the picture's aspect, as TensorFlow computes it:
    the smaller of the two scale factors, in float32, times each side, rounded half to
    even."""
    target = [np.float32(int(n)) for n in np.asarray(getattr(size, "value", size))]
    scale = np.minimum(target[0] / np.float32(rows), target[1] / np.float32(cols))
    return [int(np.round(scale * np.float32(rows))), int(np.round(scale * np.float32(cols)))]


class ResizeMethod:
    """``tf.image.ResizeMethod``: the names of ``tf.image.resize``'s methods, plain
    strings as TensorFlow 2 has them (only the first four are implemented here)."""
    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


def resize(images, size, method="bilinear", preserve_aspect_ratio=False, antialias=False,
           name=None):
    """``tf.image.resize`` of one image ``(rows, cols, depth)`` or a batch of them, by the
    kernels of :mod:`tracekeras.utils.image_ops` (float32 out, but ``nearest`` keeps the
    dtype). Its gradient: with ``bilinear``, each output's weights carried back (the
    transposed matrices of ``resize_bilinear``); with ``nearest``, each output added back
    onto the input it copied."""
    x = convert(images)
    xv = x.value
    method = getattr(method, "value", method)
    if antialias:
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tf.image.resize with antialias=True (used by "
            f"{caller(PACKAGE)})")
    if method in ("lanczos3", "lanczos5", "gaussian", "mitchellcubic"):
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.image.resize with method={method!r} (used by "
            f"{caller(PACKAGE)})")
    if method not in image_ops.METHODS:
        raise ValueError(f"Resize method is not implemented: {method}")
    if preserve_aspect_ratio:
        size = aspect_preserving_size(xv.shape[-3], xv.shape[-2], size)
    out = image_ops.resize(xv, size, method)
    rows, cols = xv.shape[-3], xv.shape[-2]

    def backward(g, needs):
        if method not in ("bilinear", "nearest"):
            raise OperationNotImplementedByTracekeras(
                f"tracekeras does not implement the gradient of tf.image.resize with "
                f"method={method!r}")
        if method == "nearest":
            dx = np.zeros(xv.shape, dtype=g.dtype)
            at = (Ellipsis, image_ops.nearest_indices(rows, out.shape[-3])[:, None],
                  image_ops.nearest_indices(cols, out.shape[-2])[None, :], slice(None))
            np.add.at(dx, at, g)
            return (dx,)
        matrices = [bilinear_weights(n, m, g.dtype).T for n, m in
                    zip((rows, cols), out.shape[-3:-1])]
        batched = g if g.ndim == 4 else g[None]
        return (along_axes(batched, matrices).reshape(xv.shape).astype(xv.dtype, copy=False),)
    return record("tf.image.resize", out, (x,), backward)
