"""Convolutions (``tf.nn.convolution``, ``tf.nn.conv_transpose``), forward with backward.

What it owns: the convolution ops of the backend, for any number of spatial
axes (1 for ``Conv1D``, 2 for ``Conv2D``, 3 for ``Conv3D``), channels last
(``convolution``, ``conv_transpose`` and ``depthwise_convolution``, one small
filter per input channel), and the two array movements they are made of:

- ``patches``: im2col. ``sliding_window_view`` gives every window of the padded
  input without copying; one copy lays them out as a ``(positions, taps * channels)``
  matrix, so the convolution is one matrix product with the kernel seen as a
  ``(taps * channels, filters)`` matrix (``convolve``: copy and product in
  cache-sized blocks of the batch).
- ``scatter_patches``: its adjoint (col2im). Each kernel tap adds its column block
  back onto the input positions it read: a loop over the taps (9 for a 3x3
  kernel), never over pixels or the batch. The blocks come tap-major,
  ``(*kernel_size, batch, *out_shape, channels)``, so each block is one contiguous
  image and each add runs over whole rows (position-major blocks would be read
  ``channels`` values at a time, which NumPy runs about 2.5x slower).

A 2D convolution with a 3x3 kernel, stride 1 and at least 8 channels in and out
(``winograd.applies``) takes another way, Winograd's minimal filtering (``winograd.py``,
``winograd_convolution``): F(4x4, 3x3) tiles for the output, F(2x2, 3x3) tiles for both
gradients, 3.5x and 1.9x fewer multiplies than im2col's, the same numbers up to
rounding.

The gradient of a convolution with respect to its input is ``scatter_patches`` of
``g @ kernel.T`` taken tap by tap (``tap_products``); a transposed convolution is
exactly that computation run forwards, so the two ops share their pieces.
Where a tape records while a gradient is taken (second derivatives), ``convolution``
(one group) and ``conv_transpose`` give their gradients as ops of their own
(``conv_gradients.py``: each other and ``conv_backprop_filter``); a grouped or depthwise
convolution's gradient refuses to be differentiated again, naming the op.

What it receives: float arrays or Tensors ``x`` of shape ``(batch, *spatial, channels)``
and a kernel of shape ``(*kernel_size, in_channels // groups, filters)``
(``(*kernel_size, filters, in_channels)`` for the transposed op), as Keras's layers
hold them. What it hands on: a Tensor recorded on the active tapes.

Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import conv_gradients, parallel, winograd
from .tape import record
from .tensor import convert

# The kernel gradient's chunks of rows: about this many bytes of the output gradient each
# (with their rows of the patches, they stay in a core's 1 MB L2 cache while multiplied).


def conv_padding(length, kernel, stride, dilation, padding):
    """(output length, pad before, pad after) of one spatial axis, as TensorFlow pads it.

    ``VALID`` adds nothing; ``SAME`` gives ``ceil(length / stride)`` outputs and puts
    the odd padded element after; a ``(before, after)`` pair is explicit padding.
    """
    span = (kernel - 1) * dilation + 1
    if isinstance(padding, (tuple, list)):
        before, after = padding
        return (length + before + after - span) // stride + 1, before, after
    if padding == "VALID":
        return (length - span) // stride + 1, 0, 0
    out = -(-length // stride)
    total = max((out - 1) * stride + span - length, 0)
    return out, total // 2, total - total // 2


def plan(spatial, kernel_size, strides, padding, dilations):
    """Output sizes and ``(before, after)`` pads of every spatial axis."""
    if isinstance(padding, str):
        padding = [padding] * len(spatial)
    rows = [conv_padding(n, k, s, d, p)
            for n, k, s, d, p in zip(spatial, kernel_size, strides, dilations, padding)]
    return tuple(r[0] for r in rows), tuple((r[1], r[2]) for r in rows)


def pad_spatial(x, pads, value=0):
    """``x`` with ``pads`` added around its spatial axes (the array itself when none)."""
    if not any(b or a for b, a in pads):
        return x
    return np.pad(x, ((0, 0),) + tuple(pads) + ((0, 0),), constant_values=value)


def crop_spatial(x, pads):
    """The inverse of ``pad_spatial``: the central part of a padded array."""
    if not any(b or a for b, a in pads):
        return x
    return x[(slice(None),) + tuple(slice(b, x.shape[i + 1] - a)
                                    for i, (b, a) in enumerate(pads)) + (slice(None),)]


def patches(xp, kernel_size, out_shape, strides, dilations, out=None):
    """im2col: ``(batch, *out_shape, *kernel_size, channels)``, a C-ordered array (``out``
    when given, else a fresh one).

    ``sliding_window_view`` sees every window of the (padded) input; strides and
    dilations are slices of that view; the one copy puts the channels last, where
    the input already keeps them contiguous.
    """
    rank = len(kernel_size)
    spans = [(k - 1) * d + 1 for k, d in zip(kernel_size, dilations)]
    view = sliding_window_view(xp, spans, axis=tuple(range(1, rank + 1)))
    index = ((slice(None),)
             + tuple(slice(0, (o - 1) * s + 1, s) for o, s in zip(out_shape, strides))
             + (slice(None),)
             + tuple(slice(None, None, d) for d in dilations))
    view = view[index]                          # (batch, *out, channels, *kernel)
    order = (0,) + tuple(range(1, rank + 1)) + tuple(range(rank + 2, 2 * rank + 2)) + (rank + 1,)
    view = view.transpose(order)
    cols = np.empty(view.shape, dtype=xp.dtype) if out is None else out
    if xp.shape[-1] == 1:
        single_channel_patches(view, kernel_size, cols)
    else:
        np.copyto(cols, view)
    return cols


def single_channel_patches(view, kernel_size, cols):
    """The same copy, tap by tap. Speed: with one channel the one copy would move one
    tap row (3 values) at a time; each tap's view is a strided image copied along
    whole rows (3x faster for a 28x28 input and a 3x3 kernel)."""
    lead = (slice(None),) * (len(kernel_size) + 1)
    for tap in np.ndindex(*kernel_size):
        cols[lead + tap] = view[lead + tap]


def convolve(xp, kernel_size, out_shape, strides, dilations, k2, groups, block=1 << 20):
    """im2col and its matrix product, ``(cols, out)``: ``cols`` ``(batch * positions, taps,
    channels)`` (kept for the kernel gradient), ``out`` ``(batch * positions, filters)``.
    Speed: in equal blocks of the batch of at most about ``block`` bytes of patches, each
    multiplied while it is in the cache (the MNIST convnet's second convolution: 8 %
    faster), the blocks shared out among ``parallel``'s threads. The blocks depend on the
    shapes only, never on the split: BLAS can round a product's last bit differently for
    another number of rows (OpenBLAS's Haswell kernels do, for the first convolution's
    ``(rows, 9) @ (9, 32)``), so every thread count makes the same calls."""
    batch, channels = xp.shape[0], xp.shape[-1]
    positions, taps = int(np.prod(out_shape)), int(np.prod(kernel_size))
    cols = np.empty((batch,) + tuple(out_shape) + tuple(kernel_size) + (channels,), xp.dtype)
    out = np.empty((batch * positions, k2.shape[1]), dtype=np.result_type(xp, k2))
    per_sample = positions * taps * channels * xp.itemsize
    count = -(-batch // max(1, block // per_sample))
    step = -(-batch // count)

    def run(part):
        block_cols = patches(xp[part], kernel_size, out_shape, strides, dilations,
                             out=cols[part])
        rows = len(block_cols) * positions
        grouped_matmul(block_cols.reshape(rows, taps, channels), k2, groups,
                       out=out[part.start * positions:part.start * positions + rows])
    parallel.each(run, [slice(lo, min(lo + step, batch)) for lo in range(0, batch, step)],
                  cols.nbytes)
    return cols.reshape(batch * positions, taps, channels), out


def scatter_patches(cols, padded_shape, strides, dilations, out=None):
    """col2im, the adjoint of ``patches``: add each tap's block back where it was read.

    ``cols``: tap-major, ``(*kernel_size, batch, *out_shape, channels)``; returns
    ``padded_shape`` (written into ``out`` when given).
    """
    rank = len(strides)
    kernel_size = cols.shape[:rank]
    out_shape = cols.shape[rank + 1:2 * rank + 1]
    if out is None:
        dx = np.zeros(padded_shape, dtype=cols.dtype)
    else:
        dx = out
        dx.fill(0)
    for tap in np.ndindex(*kernel_size):
        target = ((slice(None),)
                  + tuple(slice(t * d, t * d + (o - 1) * s + 1, s)
                          for t, d, o, s in zip(tap, dilations, out_shape, strides))
                  + (slice(None),))
        dx[target] += cols[tap]
    return dx


def tap_products(rows, kernel):
    """``rows @ kernel[tap].T`` for every tap at once: ``rows`` ``(m, n)``, ``kernel``
    ``(*kernel_size, c, n)``; returns the tap-major blocks ``(taps, m, c)`` that
    ``scatter_patches`` adds back (one batched matmul: one BLAS call per tap)."""
    taps = kernel.reshape(-1, kernel.shape[-2], kernel.shape[-1])
    return np.matmul(rows, taps.transpose(0, 2, 1))


def grouped_matmul(cols, k2, groups, out=None):
    """``cols @ k2`` per group: ``cols`` ``(rows, taps, groups * ca)``, ``k2``
    ``(taps * ca, groups * cb)``; group ``i`` multiplies ``cols``'s channel block ``i``
    with ``k2``'s column block ``i``, and the results sit side by side (in ``out`` when
    given)."""
    rows, _, width = cols.shape
    if groups == 1:
        return np.matmul(cols.reshape(rows, -1), k2, out=out)
    ca, cb = width // groups, k2.shape[1] // groups
    if out is None:
        out = np.empty((rows, k2.shape[1]), dtype=np.result_type(cols, k2))
    for i in range(groups):
        np.matmul(cols[:, :, i * ca:(i + 1) * ca].reshape(rows, -1), k2[:, i * cb:(i + 1) * cb],
                  out=out[:, i * cb:(i + 1) * cb])
    return out


def grouped_input_grad(g2, kernel, groups):
    """``g2 @ kernel.T`` per group and tap, as tap-major blocks ``(taps, rows, channels)``."""
    if groups == 1:
        return tap_products(g2, kernel)
    ca, cb = kernel.shape[-2], kernel.shape[-1] // groups
    taps = int(np.prod(kernel.shape[:-2]))
    dcols = np.empty((taps, g2.shape[0], ca * groups), dtype=g2.dtype)
    for i in range(groups):
        dcols[:, :, i * ca:(i + 1) * ca] = tap_products(g2[:, i * cb:(i + 1) * cb],
                                                         kernel[..., i * cb:(i + 1) * cb])
    return dcols


def grouped_kernel_grad(cols, g, groups):
    """``cols.T @ g`` per group: the kernel gradient as ``(taps * ca, groups * cb)``. With
    one group, ``parallel.rows_product_sum``: the rows in fixed chunks, the same sum
    whatever the split (as Winograd's kernel gradient)."""
    rows, _, width = cols.shape
    if groups == 1:
        return parallel.rows_product_sum(cols.reshape(rows, -1), g)
    ca, cb = width // groups, g.shape[1] // groups
    return np.concatenate([cols[:, :, i * ca:(i + 1) * ca].reshape(rows, -1).T
                           @ g[:, i * cb:(i + 1) * cb] for i in range(groups)], axis=1)


def input_grad(g2, kernel, groups, xp_shape, out_shape, strides, dilations):
    """The gradient with respect to the padded input: ``g2 @ kernel.T`` tap by tap, added
    back by ``scatter_patches``; in equal blocks of the batch fixed by the shapes (up to 16
    of about 1 MB of products each: the same BLAS calls whatever the split), shared out
    among ``parallel``'s threads."""
    rank = kernel.ndim - 2
    kernel_size, batch = kernel.shape[:rank], xp_shape[0]
    positions = int(np.prod(out_shape))
    dxp = np.empty(xp_shape, dtype=g2.dtype)

    def run(part):
        dcols = grouped_input_grad(g2[part.start * positions:part.stop * positions],
                                   kernel, groups)
        dcols = dcols.reshape(kernel_size + (part.stop - part.start,) + tuple(out_shape)
                              + (xp_shape[-1],))
        scatter_patches(dcols, None, strides, dilations, out=dxp[part])
    count = min(batch, 16, max(1, g2.nbytes * int(np.prod(kernel_size)) // (1 << 20)))
    step = -(-batch // count)
    parallel.each(run, [slice(lo, min(lo + step, batch)) for lo in range(0, batch, step)],
                  g2.nbytes * int(np.prod(kernel_size)))
    return dxp


def convolution(x, kernel, strides, padding="VALID", dilations=None, groups=1):
    """``tf.nn.convolution``: ``x`` ``(batch, *spatial, in)``, kernel ``(*k, in // groups, out)``.

    ``padding``: ``"VALID"``, ``"SAME"`` or one ``(before, after)`` pair per spatial axis.
    """
    x, kernel = convert(x), convert(kernel)
    xv, kv = x.value, kernel.value
    rank = kv.ndim - 2
    kernel_size, filters = kv.shape[:rank], kv.shape[-1]
    dilations = tuple(dilations or (1,) * rank)
    out_shape, pads = plan(xv.shape[1:-1], kernel_size, strides, padding, dilations)
    xp = pad_spatial(xv, pads)
    backward_ops = conv_gradients.convolution_backward_ops(x, kernel, strides, padding,
                                                           dilations)
    if winograd.applies(xp, kv, strides, dilations, groups):
        return winograd_convolution(x, kernel, xp, pads, backward_ops)
    if groups > 1 and kv.shape[-2] == 1:
        # one input channel a group (Keras's Conv2D(groups=filters) as a depthwise layer):
        # the same sums as the group by group matmuls, by ``channelwise`` (10x faster)
        depthwise = kv.reshape(kernel_size + (groups, filters // groups))
        out, channel_backward = channelwise(xp, depthwise, out_shape, strides, dilations, pads)

        def backward_channelwise(g, needs):
            dx, dk = channel_backward(g, needs)
            return dx, None if dk is None else dk.reshape(kv.shape)
        return record("tf.nn.convolution", out, (x, kernel), backward_channelwise)
    batch = xv.shape[0]
    k2 = kv.reshape(-1, filters)
    cols, out = convolve(xp, kernel_size, out_shape, strides, dilations, k2, groups)
    out = out.reshape((batch,) + out_shape + (filters,))

    def backward(g, needs):
        g2 = g.reshape(-1, filters)
        dx = dk = None
        if needs[0]:
            dx = crop_spatial(input_grad(g2, kv, groups, xp.shape, out_shape, strides,
                                         dilations), pads)
        if needs[1]:
            dk = grouped_kernel_grad(cols, g2, groups).reshape(kv.shape)
        return dx, dk
    return record("tf.nn.convolution", out, (x, kernel), backward,
                  backward_ops if groups == 1 else None)


def winograd_convolution(x, kernel, xp, pads, backward_ops):
    """``convolution`` by Winograd's minimal filtering (``winograd.py``): 3x3, stride 1."""
    out, state = winograd.forward(xp, kernel.value)

    def backward(g, needs):
        dxp, dk = winograd.backward(state, g, needs[0], needs[1])
        return (crop_spatial(dxp, pads) if needs[0] else None), dk
    return record("tf.nn.convolution", out, (x, kernel), backward, backward_ops)


def conv_transpose(x, kernel, output_shape, strides, padding="VALID", dilations=None):
    """``tf.nn.conv_transpose``: the input gradient of ``convolution``, run forwards.

    ``x``: ``(batch, *spatial, in)``; ``kernel``: ``(*k, out, in)``; ``output_shape``:
    the full ``(batch, *out_spatial, out)``, whose ``convolution`` with the same
    kernel, strides and padding has ``x``'s spatial shape.
    """
    x, kernel = convert(x), convert(kernel)
    xv, kv = x.value, kernel.value
    rank = kv.ndim - 2
    kernel_size, filters = kv.shape[:rank], kv.shape[-2]
    dilations = tuple(dilations or (1,) * rank)
    output_shape = tuple(int(d) for d in output_shape)
    in_shape, pads = plan(output_shape[1:-1], kernel_size, strides, padding, dilations)
    if in_shape != xv.shape[1:-1]:
        raise ValueError(f"conv_transpose: an output of shape {output_shape} convolved with "
                         f"kernel size {kernel_size}, strides {tuple(strides)} and padding "
                         f"{padding} has spatial shape {in_shape}, not the input's "
                         f"{xv.shape[1:-1]}")
    padded = ((output_shape[0],) + tuple(n + b + a for n, (b, a) in
                                        zip(output_shape[1:-1], pads)) + (filters,))
    k2 = kv.reshape(-1, kv.shape[-1])           # (taps * out, in)
    x2 = xv.reshape(-1, xv.shape[-1])
    cols = tap_products(x2, kv).reshape(kernel_size + xv.shape[:-1] + (filters,))
    out = crop_spatial(scatter_patches(cols, padded, strides, dilations), pads)

    def backward(g, needs):
        gcols = patches(pad_spatial(g, pads), kernel_size, in_shape, strides, dilations)
        gcols = gcols.reshape(x2.shape[0], -1)
        return (((gcols @ k2).reshape(xv.shape) if needs[0] else None),
                ((gcols.T @ x2).reshape(kv.shape) if needs[1] else None))
    return record("tf.nn.conv_transpose", np.ascontiguousarray(out), (x, kernel), backward,
                  conv_gradients.conv_transpose_backward_ops(x, kernel, strides, padding,
                                                             dilations))


def depthwise_convolution(x, kernel, strides, padding="VALID", dilations=None):
    """``tf.nn.depthwise_conv2d`` for any number of spatial axes: ``x`` ``(batch, *spatial,
    in)``, kernel ``(*k, in, multiplier)``; output channel ``c * multiplier + m`` is input
    channel ``c`` convolved with filter ``m`` (``channelwise``)."""
    x, kernel = convert(x), convert(kernel)
    xv, kv = x.value, kernel.value
    rank = kv.ndim - 2
    dilations = tuple(dilations or (1,) * rank)
    out_shape, pads = plan(xv.shape[1:-1], kv.shape[:rank], strides, padding, dilations)
    out, backward = channelwise(pad_spatial(xv, pads), kv, out_shape, strides, dilations, pads)
    return record("tf.nn.depthwise_conv2d", out, (x, kernel), backward)


def channelwise(xp, kv, out_shape, strides, dilations, pads):
    """A convolution of each input channel on its own: the padded input ``xp``, a kernel
    ``(*k, in, multiplier)``. A loop over the kernel's taps (25 for 5x5), never over
    channels: each tap is one strided view of ``xp`` (``tap_index``) times that tap's
    weights, added up tap by tap. No im2col: with one channel a group there is no matmul
    to feed, and the patches of ConvMixer's 5x5 blocks would take 25x the input's memory.
    ``(out, backward)``, ``backward(g, needs)`` giving the input and kernel gradients."""
    rank = kv.ndim - 2
    kernel_size, (channels, multiplier) = kv.shape[:rank], kv.shape[-2:]
    batch = xp.shape[0]
    k3 = kv.reshape(-1, channels, multiplier)
    taps = [tap_index(tap, out_shape, strides, dilations) for tap in np.ndindex(*kernel_size)]
    out = np.multiply(xp[taps[0]][..., None], k3[0])
    term = np.empty_like(out)
    for index, weights in zip(taps[1:], k3[1:]):
        np.add(out, np.multiply(xp[index][..., None], weights, out=term), out=out)
    out = out.reshape((batch,) + tuple(out_shape) + (channels * multiplier,))

    def backward(g, needs):
        g4 = g.reshape((batch,) + tuple(out_shape) + (channels, multiplier))
        dx = dk = None
        if needs[0]:
            dxp = np.zeros(xp.shape, dtype=g.dtype)
            term = np.empty(g4.shape[:-1], dtype=g.dtype)
            for index, weights in zip(taps, k3):
                if multiplier == 1:
                    np.multiply(g4[..., 0], weights[:, 0], out=term)
                else:
                    np.einsum("...cm,cm->...c", g4, weights, out=term)
                dxp[index] += term
            dx = crop_spatial(dxp, pads)
        if needs[1]:
            spatial = "defg"[:rank]
            terms = f"a{spatial}c,a{spatial}cm->cm"
            dk = np.stack([np.einsum(terms, xp[index], g4) for index in taps])
            dk = dk.reshape(kv.shape).astype(kv.dtype, copy=False)
        return dx, dk
    return out, backward


def tap_index(tap, out_shape, strides, dilations):
    """The strided slice of the padded input that one kernel tap reads for every output
    position: ``(batch, *out_shape, channels)``."""
    return ((slice(None),)
            + tuple(slice(t * d, t * d + (o - 1) * s + 1, s)
                    for t, o, s, d in zip(tap, out_shape, strides, dilations))
            + (slice(None),))
