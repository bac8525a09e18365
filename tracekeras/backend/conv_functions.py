"""The convolution functions of ``keras.backend``: ``K.conv1d``, ``K.conv2d``, ``K.conv3d``,
``K.conv2d_transpose``, ``K.depthwise_conv2d``, ``K.separable_conv2d``, ``K.local_conv1d``
and ``K.local_conv2d``, as tf_keras 2.21 writes them.

What it owns: Keras's handling of the arguments around the backend's convolution ops
(:mod:`tracekeras.backend.conv`): ``data_format`` (``None`` reads ``image_data_format()``;
anything but ``"channels_last"``/``"channels_first"`` is refused before any work), Keras's
lowercase ``padding`` made TensorFlow's (``"same"`` -> ``"SAME"``, ``"valid"`` ->
``"VALID"``, anything else refused: ``_preprocess_padding``), ``"causal"`` padding of
``conv1d`` (the input padded on the left by ``dilation_rate * (kernel_size - 1)`` with
``temporal_padding``, then a ``"valid"`` convolution: as in Keras, the padding is applied
before a ``channels_first`` input is transposed), and ``channels_first`` by transposing:
on a CPU TensorFlow has no NCHW convolution, so Keras moves the channels last, convolves,
and moves them back (``spatial.to_channels_last`` / ``to_channels_first``). The kernel
keeps its Keras layout whatever the data format: ``(*kernel_size, in, out)``;
``(h, w, out, in)`` for ``conv2d_transpose``; ``(h, w, in, multiplier)`` for the depthwise
kernel. ``conv2d_transpose`` with a dilation runs TensorFlow's
``atrous_conv2d_transpose``, which takes one rate for both axes and no strides (Keras
passes none); strides above 1 with a dilation above 1 are TensorFlow's ValueError in the
other convolutions. ``local_conv1d``/``local_conv2d`` (un-shared weights) are Keras's
``local_conv``: one slice of the input per output position, flattened, concatenated and
multiplied by the kernel with ``batch_dot``.

What it receives: Tensors, Variables or arrays, and Keras's keyword arguments. What it
hands on: a Tensor recorded on the active tapes by the ops it runs (``tf.nn.convolution``,
``tf.nn.conv_transpose``, ``tf.nn.depthwise_conv2d``, ``tf.transpose`` ...), so gradients
flow. No trace events of its own.
"""
import itertools

import numpy as np

from . import config, conv, nn_ops
from .tensor import convert


def spatial():
    """backend.spatial, imported on first use: it imports the shim's errors, whose package
    imports this one."""
    from . import spatial as module
    return module


def check_data_format(data_format):
    """``data_format``, ``image_data_format()`` when None; Keras's ValueError otherwise."""
    if data_format is None:
        data_format = config.image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    return data_format


def preprocess_padding(padding):
    """Keras's ``_preprocess_padding``: ``"same"``/``"valid"`` as TensorFlow spells them."""
    if padding == "same":
        return "SAME"
    if padding == "valid":
        return "VALID"
    raise ValueError("Invalid padding: " + str(padding))


def channels_last(x, data_format):
    """The input as TensorFlow's CPU kernels take it (Keras's ``_preprocess_conv*_input``)."""
    x = convert(x)
    return spatial().to_channels_last(x) if data_format == "channels_first" else x


def restored(x, data_format):
    """The output moved back to ``data_format``."""
    return spatial().to_channels_first(x) if data_format == "channels_first" else x


def convolution(x, kernel, strides, padding, dilation_rate, rank):
    """``tf.compat.v1.nn.convolution`` of a channels-last ``x``: strides and dilations as
    one int or one per spatial axis; both above 1 at once is TensorFlow's ValueError."""
    strides = nn_ops.per_spatial_axis(strides, rank, "strides")
    dilations = nn_ops.per_spatial_axis(dilation_rate, rank, "dilation_rate")
    if any(s > 1 for s in strides) and any(d > 1 for d in dilations):
        raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > "
                         f"1`. Received: strides={list_text(strides)} and "
                         f"dilation_rate={list_text(dilations)}")
    return conv.convolution(x, kernel, strides, padding, dilations)


def list_text(values):
    """How TensorFlow prints a NumPy vector of ints in that message: ``[2 1]``."""
    return str(np.asarray(values))


def conv1d(x, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """``K.conv1d``: ``x`` ``(batch, steps, in)`` (channels last), kernel ``(k, in, out)``."""
    data_format = check_data_format(data_format)
    kernel = convert(kernel)
    if padding == "causal":
        from .array_functions import temporal_padding
        left_pad = dilation_rate * (kernel.shape[0] - 1)
        x = temporal_padding(x, (left_pad, 0))
        padding = "valid"
    padding = preprocess_padding(padding)
    x = channels_last(x, data_format)
    return restored(convolution(x, kernel, strides, padding, dilation_rate, 1), data_format)


def conv2d(x, kernel, strides=(1, 1), padding="valid", data_format=None,
           dilation_rate=(1, 1)):
    """``K.conv2d``: kernel ``(kh, kw, in, out)``."""
    data_format = check_data_format(data_format)
    x = channels_last(x, data_format)
    padding = preprocess_padding(padding)
    return restored(convolution(x, kernel, strides, padding, dilation_rate, 2), data_format)


def conv3d(x, kernel, strides=(1, 1, 1), padding="valid", data_format=None,
           dilation_rate=(1, 1, 1)):
    """``K.conv3d``: kernel ``(kd, kh, kw, in, out)``."""
    data_format = check_data_format(data_format)
    x = channels_last(x, data_format)
    padding = preprocess_padding(padding)
    return restored(convolution(x, kernel, strides, padding, dilation_rate, 3), data_format)


def conv2d_transpose(x, kernel, output_shape, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    """``K.conv2d_transpose``: kernel ``(kh, kw, out, in)``; ``output_shape`` the full
    output shape in ``data_format`` (a batch of None is the input's)."""
    data_format = check_data_format(data_format)
    x = channels_last(x, data_format)
    output_shape = [None if d is None else int(d) for d in output_shape]
    if data_format == "channels_first":
        output_shape = [output_shape[0], output_shape[2], output_shape[3], output_shape[1]]
    if output_shape[0] is None:
        output_shape[0] = x.shape[0]
    padding = preprocess_padding(padding)
    if tuple(dilation_rate) == (1, 1):
        out = conv.conv_transpose(x, kernel, output_shape, tuple(strides), padding)
    else:
        if dilation_rate[0] != dilation_rate[1]:
            raise ValueError("Expected the 2 dimensions of the `dilation_rate` argument to be "
                             f"equal to each other. Received: dilation_rate={dilation_rate}")
        rate = int(dilation_rate[0])    # tf.nn.atrous_conv2d_transpose: stride 1
        out = conv.conv_transpose(x, kernel, output_shape, (1, 1), padding, (rate, rate))
    return restored(out, data_format)


def depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding="valid", data_format=None,
                     dilation_rate=(1, 1)):
    """``K.depthwise_conv2d``: kernel ``(kh, kw, in, multiplier)``; output channel
    ``c * multiplier + m`` is input channel ``c`` convolved with filter ``m``."""
    data_format = check_data_format(data_format)
    x = channels_last(x, data_format)
    padding = preprocess_padding(padding)
    return restored(depthwise(x, depthwise_kernel, strides, padding, dilation_rate),
                    data_format)


def depthwise(x, kernel, strides, padding, dilation_rate):
    """``tf.nn.depthwise_conv2d`` of a channels-last ``x``."""
    strides = nn_ops.per_spatial_axis(strides, 2, "strides")
    dilations = nn_ops.per_spatial_axis(dilation_rate, 2, "dilations")
    return conv.depthwise_convolution(x, kernel, strides, padding, dilations)


def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    """``K.separable_conv2d``: ``tf.nn.separable_conv2d``, a depthwise convolution (kernel
    ``(kh, kw, in, multiplier)``) then a 1x1 convolution (kernel
    ``(1, 1, in * multiplier, out)``)."""
    data_format = check_data_format(data_format)
    if len(strides) != 2:
        raise ValueError("`strides` must be a tuple of 2 integers.")
    x = channels_last(x, data_format)
    padding = preprocess_padding(padding)
    out = depthwise(x, depthwise_kernel, strides, padding, dilation_rate)
    out = conv.convolution(out, pointwise_kernel, (1, 1), "VALID")
    return restored(out, data_format)


def local_conv(inputs, kernel, kernel_size, strides, output_shape, data_format=None):
    """Keras's ``local_conv``: an N-D convolution whose weights differ at every output
    position. ``kernel``: ``(output_items, prod(kernel_size) * in, out)``."""
    from .array_functions import batch_dot
    from .tensor_functions import concatenate, permute_dimensions, reshape
    data_format = check_data_format(data_format)
    inputs, kernel = convert(inputs), convert(kernel)
    feature_dim, channels_out = kernel.shape[1], kernel.shape[-1]
    ndims = len(output_shape)
    spatial_dimensions = list(range(ndims))
    xs = []
    for position in itertools.product(*[range(axis_max) for axis_max in output_shape]):
        slices = [slice(None)] + ([slice(None)] if data_format == "channels_first" else [])
        slices.extend(slice(position[d] * strides[d], position[d] * strides[d] + kernel_size[d])
                      for d in spatial_dimensions)
        if data_format == "channels_last":
            slices.append(slice(None))
        xs.append(reshape(inputs[tuple(slices)], (1, -1, feature_dim)))
    output = batch_dot(concatenate(xs, axis=0), kernel)
    output = reshape(output, tuple(output_shape) + (-1, channels_out))
    if data_format == "channels_first":
        permutation = [ndims, ndims + 1] + spatial_dimensions
    else:
        permutation = [ndims] + spatial_dimensions + [ndims + 1]
    return permute_dimensions(output, permutation)


def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """``K.local_conv1d``: kernel ``(output_length, kernel_size * in, filters)``."""
    return local_conv(inputs, kernel, kernel_size, strides, (convert(kernel).shape[0],),
                      data_format)


def local_conv2d(inputs, kernel, kernel_size, strides, output_shape, data_format=None):
    """``K.local_conv2d``: kernel ``(rows * cols, kh * kw * in, filters)``."""
    return local_conv(inputs, kernel, kernel_size, strides, output_shape, data_format)
