"""The gradients of convolutions as differentiable ops (for second derivatives).

What it owns: ``conv_backprop_filter`` (TensorFlow's ``Conv2DBackpropFilter``, the
kernel gradient of a convolution run as an op of its own) and the ``backward_ops``
rules of ``conv.convolution`` and ``conv.conv_transpose``, so that a gradient taken
while a tape records (a gradient penalty: the critic's gradient with respect to its
input, differentiated again with respect to its weights) is recorded in turn.

The three ops share one bilinear form. For a convolution ``C(x, k)`` (fixed strides,
padding and dilations), its transpose ``T(y, k)`` (``tf.nn.conv_transpose`` back to
``x``'s shape, the input gradient of ``C``) and ``F(x, y)`` (the kernel gradient)::

    sum(y * C(x, k)) == sum(x * T(y, k)) == sum(k * F(x, y))

so each one's gradients are the other two: ``C``'s are ``T(g, k)`` and ``F(x, g)``;
``T``'s are ``C(g, k)`` and ``F(g, y)``; ``F``'s are ``T(y, g)`` and ``C(x, g)``. Gradients
of any order are then these three ops again. Grouped convolutions (``groups > 1``) have
no such rule here: differentiating their gradient is refused by the tape, naming the op.

What it receives: Tensors ``x`` ``(batch, *spatial, in)``, ``y`` ``(batch, *out_spatial,
filters)``, kernels ``(*kernel_size, in, filters)``, and the strides, padding
(``"VALID"``, ``"SAME"`` or one ``(before, after)`` pair per spatial axis) and dilations
of the convolution. What it hands on: Tensors recorded on the active tapes.

Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from . import conv
from .tape import record
from .tensor import convert


def convolution_backward_ops(x, kernel, strides, padding, dilations):
    """``backward_ops`` of ``conv.convolution(x, kernel, ...)`` (one group)."""
    def backward_ops(g, needs, out):
        dx = dk = None
        if needs[0]:
            dx = conv.conv_transpose(g, kernel, x.value.shape, strides, padding, dilations)
        if needs[1]:
            dk = conv_backprop_filter(x, g, kernel.value.shape, strides, padding, dilations)
        return dx, dk
    return backward_ops


def conv_transpose_backward_ops(y, kernel, strides, padding, dilations):
    """``backward_ops`` of ``conv.conv_transpose(y, kernel, ...)``: ``g`` has the shape of
    the convolution's input that the transpose goes back to."""
    def backward_ops(g, needs, out):
        dy = dk = None
        if needs[0]:
            dy = conv.convolution(g, kernel, strides, padding, dilations)
        if needs[1]:
            dk = conv_backprop_filter(g, y, kernel.value.shape, strides, padding, dilations)
        return dy, dk
    return backward_ops


def conv_backprop_filter(x, y, kernel_shape, strides, padding="VALID", dilations=None):
    """The gradient of ``sum(y * convolution(x, kernel))`` with respect to ``kernel``:
    ``F[tap, c, f] = sum over batch and positions of x_padded[.., o * s + tap * d, c]
    * y[.., o, f]`` (``tf.compat.v1.nn.conv2d_backprop_filter``, for any number of
    spatial axes)."""
    x, y = convert(x), convert(y)
    xv, yv = x.value, y.value
    kernel_shape = tuple(int(d) for d in kernel_shape)
    rank = len(kernel_shape) - 2
    kernel_size, filters = kernel_shape[:rank], kernel_shape[-1]
    strides = tuple(strides)
    dilations = tuple(dilations or (1,) * rank)
    out_shape, pads = conv.plan(xv.shape[1:-1], kernel_size, strides, padding, dilations)
    if tuple(yv.shape) != (xv.shape[0],) + out_shape + (filters,):
        raise ValueError(f"conv_backprop_filter: the gradient must have the convolution "
                         f"output's shape {(xv.shape[0],) + out_shape + (filters,)}, "
                         f"received {tuple(yv.shape)}")
    xp = conv.pad_spatial(xv, pads)
    cols = conv.patches(xp, kernel_size, out_shape, strides, dilations)
    cols = cols.reshape(-1, int(np.prod(kernel_size)), xv.shape[-1])
    y2 = yv.reshape(-1, filters)
    value = conv.grouped_kernel_grad(cols, y2, 1).reshape(kernel_shape)

    def backward(g, needs):
        dx = dy = None
        if needs[0]:
            dx = conv.crop_spatial(conv.input_grad(y2, g, 1, xp.shape, out_shape, strides,
                                                   dilations), pads)
        if needs[1]:
            dy = (cols.reshape(len(y2), -1) @ g.reshape(-1, filters)).reshape(yv.shape)
        return dx, dy

    def backward_ops(g, needs, out):
        dx = dy = None
        if needs[0]:
            dx = conv.conv_transpose(y, g, xv.shape, strides, padding, dilations)
        if needs[1]:
            dy = conv.convolution(x, g, strides, padding, dilations)
        return dx, dy
    return record("tf.compat.v1.nn.conv2d_backprop_filter", value.astype(xv.dtype, copy=False),
                  (x, y), backward, backward_ops)
