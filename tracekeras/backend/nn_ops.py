"""``tf.nn.conv2d``, ``tf.nn.max_pool`` and ``tf.nn.avg_pool`` as a script calls them
(TensorFlow's ``nn_ops``).

What it owns: the TensorFlow signatures over this backend's ``conv.convolution``,
``pooling.max_pool`` and ``pooling.avg_pool``: ``strides``, ``ksize`` and ``dilations``
given as one int, one per spatial axis, or one per axis of the input (``[1, 2, 2, 1]``,
batch and channels 1); ``padding`` ``"SAME"`` or ``"VALID"``; channels last (``"NHWC"``)
only. A NumPy filter takes the input's dtype (``images / 255`` is float64: TensorFlow
converts the float32 filter array to it). ``max_pool`` also pools along the channels, the
book's depthwise max pooling (``ksize=(1, 1, 1, 3)``): each run of ``ksize[-1]`` channels
gives its maximum, as TensorFlow's CPU kernel does, which requires the window to equal the
stride and to divide the depth, and no spatial pooling at the same time; TensorFlow has no
gradient for it, and asking for one raises its ``UnimplementedError``. ``avg_pool`` (and
``avg_pool2d``, for 4-D inputs) averages each window over the places inside the input;
TensorFlow's kernel refuses a window or stride along the batch axis and a window along the
channels (``UnimplementedError``), a padding other than its two and an input of another
rank than ``avg_pool2d``'s (``InvalidArgumentError``), with its messages.

What it receives: Tensors or arrays, channels last. What it hands on: a Tensor recorded on
the tape by the op it runs (``tf.nn.convolution``, ``tf.nn.max_pool``), so gradients
flow. No trace events of its own.
"""
import numpy as np

from . import conv, pooling
from .op_errors import InvalidArgumentError
from .ops import UnimplementedError  # TensorFlow lacks the gradient of a channel pooling
from .tape import record
from .tensor import Tensor, convert


def per_spatial_axis(value, rank, name):
    """One int per spatial axis from TensorFlow's forms: an int, ``rank`` ints, or
    ``rank + 2`` ints whose first and last (batch and channels) are 1."""
    values = [int(value)] * rank if np.ndim(value) == 0 else [int(v) for v in value]
    if len(values) == 1:
        values = values * rank
    if len(values) == rank + 2:
        if values[0] != 1 or values[-1] != 1:
            raise ValueError(f"{name} in the batch and depth dimensions must be 1. "
                             f"Received: {name}={value}")
        values = values[1:-1]
    if len(values) != rank:
        raise ValueError(f"{name} should be of length 1, {rank} or {rank + 2}. Received: "
                         f"{name}={value} of length {len(values)}")
    return tuple(values)


def check_format(data_format, padding):
    if data_format not in (None, "NHWC", "NWC", "NDHWC"):
        raise ValueError(f"tracekeras's tf.nn ops take channels last only. Received: "
                         f"data_format={data_format!r}")
    if str(padding).upper() not in ("SAME", "VALID"):
        raise ValueError(f'`padding` must be "SAME" or "VALID". Received: padding={padding!r}')
    return str(padding).upper()


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):
    """``tf.nn.conv2d``: ``input`` (batch, height, width, in), ``filters`` (kh, kw, in, out)."""
    padding = check_format(data_format, padding)
    x = convert(input)
    if not isinstance(filters, Tensor):
        filters = np.asarray(filters, dtype=x.value.dtype)
    return conv.convolution(x, filters, per_spatial_axis(strides, 2, "strides"), padding,
                            per_spatial_axis(1 if dilations is None else dilations, 2,
                                             "dilations"))


def max_pool(input, ksize, strides, padding, data_format=None, name=None):
    """``tf.nn.max_pool``: windows over the spatial axes, or (``ksize`` of ``rank + 2``
    ints with a last one above 1) over the channels."""
    padding = check_format(data_format, padding)
    x = convert(input)
    rank = x.value.ndim - 2
    if np.ndim(ksize) and len(ksize) == rank + 2 and int(ksize[-1]) != 1:
        return depth_max_pool(x, ksize, strides, padding)
    return pooling.max_pool(x, per_spatial_axis(ksize, rank, "ksize"),
                            per_spatial_axis(strides, rank, "strides"), padding)


def depth_max_pool(x, ksize, strides, padding):
    """The maximum of each run of ``ksize[-1]`` channels: the channels become the one
    spatial axis of a 1-D max pooling, one row per pixel."""
    depth_window = int(ksize[-1])
    depth_stride = int(strides[-1]) if np.ndim(strides) else int(strides)
    spatial = [int(k) for k in ksize[:-1]]
    depth = x.value.shape[-1]
    if any(k != 1 for k in spatial) or depth_stride != depth_window:
        raise ValueError("Depthwise max pooling is currently only implemented for "
                         "ksize == stride, with no pooling across the other dimensions. "
                         f"Received: ksize={ksize}, strides={strides}")
    if depth % depth_window:
        raise ValueError("Depthwise max pooling requires the depth window to evenly divide "
                         f"the input depth. Received: depth window {depth_window}, input "
                         f"depth {depth}")
    rows = x.value.reshape(-1, depth, 1)
    pooled = pooling.max_pool(rows, (depth_window,), (depth_window,), padding).value

    def backward(g, needs):
        raise UnimplementedError("MaxPoolingGrad is not yet supported on the depth dimension.")
    return record("tf.nn.max_pool", pooled.reshape(x.value.shape[:-1] + (depth // depth_window,)),
                  (x,), backward)




def avg_pool(input, ksize, strides, padding, data_format=None, name=None):
    """``tf.nn.avg_pool``: the mean of each window over the spatial axes (the places inside
    the input only, for ``"SAME"``)."""
    if str(padding).upper() not in ("SAME", "VALID"):
        raise InvalidArgumentError(f"Value for attr 'padding' of \"{padding}\" is not in the "
                                   f'list of allowed values: "SAME", "VALID"')
    padding = check_format(data_format, padding)
    x = convert(input)
    rank = x.value.ndim - 2
    for given in (ksize, strides):
        if np.ndim(given) and len(given) == rank + 2 and int(given[0]) != 1:
            raise UnimplementedError("Pooling is not yet supported on the batch dimension. "
                                     "[Op:AvgPool] name: ")
    if np.ndim(ksize) and len(ksize) == rank + 2 and int(ksize[-1]) != 1:
        raise UnimplementedError("Non-spatial pooling is not yet supported. Volunteers? :) "
                                 "[Op:AvgPool] name: ")
    return pooling.avg_pool(x, per_spatial_axis(ksize, rank, "ksize"),
                            per_spatial_axis(strides, rank, "strides"), padding)


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """``tf.nn.avg_pool2d``: ``avg_pool`` of a 4-D input (batch, height, width, channels)."""
    x = convert(input)
    if x.value.ndim != 4:
        raise InvalidArgumentError(f"tensor_in_shape must have 2 spatial dimensions. "
                                   f"{x.value.ndim} 0 [Op:AvgPool] name: ")
    return avg_pool(x, ksize, strides, padding, data_format=data_format, name=name)
