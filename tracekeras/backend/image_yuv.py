"""``tf.image``'s YUV colour space and its PSNR, computed as TensorFlow computes them.

What it owns:

- ``rgb_to_yuv`` and ``yuv_to_rgb``: each pixel's last axis times a 3x3 matrix
  (``tf.tensordot`` with TensorFlow's ``_rgb_to_yuv_kernel`` / ``_yuv_to_rgb_kernel``,
  converted to the picture's dtype: an integer picture is refused with TensorFlow's
  ``TypeError``), so differentiable as ``tensordot`` is;
- ``psnr(a, b, max_val)``: the peak signal-to-noise ratio of two pictures or batches,
  ``20 log10(max_val) - 10 log10(mse)`` with the mean squared error over the last three
  axes, after ``convert_image_dtype`` of both pictures and of ``max_val`` (cast to the
  pictures' dtype first) to float32 (so ``max_val=255`` on uint8 pictures is 1.0 on
  their float32 view); float32 out, one value per picture, ``inf`` for equal pictures.

What it receives: Tensors or arrays with 3 channels last (``rgb_to_yuv``, ``yuv_to_rgb``);
pictures ``(..., height, width, channels)`` of one shape (``psnr``).
What it hands on: Tensors recorded on the active tapes.
Trace events: a ``backend`` instant per op at level ``full`` (``tape.record``).
"""
import numpy as np

from . import array_ops, image_boxes, ops
from .string_ops import InvalidArgumentError
from .tensor import convert

RGB_TO_YUV = [[0.299, -0.14714119, 0.61497538],
              [0.587, -0.28886916, -0.51496512],
              [0.114, 0.43601035, -0.10001026]]
YUV_TO_RGB = [[1, 1, 1], [0, -0.394642334, 2.03206185],
              [1.13988303, -0.58062185, 0]]


def kernel_of(images, kernel):
    """TensorFlow's ``convert_to_tensor(kernel, dtype=images.dtype)``: floats only."""
    dtype = images.value.dtype
    if dtype.kind != "f":
        raise TypeError(f"Cannot convert {kernel} to EagerTensor of dtype {dtype.name}")
    return np.asarray(kernel, dtype=dtype)


def rgb_to_yuv(images):
    """``tf.image.rgb_to_yuv``: ``images`` ``(..., 3)`` of floats in [0, 1]."""
    images = convert(images)
    ndims = images.value.ndim
    return array_ops.tensordot(images, kernel_of(images, RGB_TO_YUV), axes=[[ndims - 1], [0]])


def yuv_to_rgb(images):
    """``tf.image.yuv_to_rgb``: the inverse of ``rgb_to_yuv``."""
    images = convert(images)
    ndims = images.value.ndim
    return array_ops.tensordot(images, kernel_of(images, YUV_TO_RGB), axes=[[ndims - 1], [0]])


def psnr(a, b, max_val, name=None):
    """``tf.image.psnr``: one float32 value per picture of ``a`` and ``b``."""
    a, b = convert(a), convert(b)
    if a.value.shape != b.value.shape:
        raise InvalidArgumentError(
            "{{function_node __wrapped__SquaredDifference_device_/job:localhost/replica:0/"
            f"task:0/device:CPU:0}}}} Incompatible shapes: [{','.join(map(str, a.value.shape))}]"
            f" vs. [{','.join(map(str, b.value.shape))}] [Op:SquaredDifference] name: ")
    max_val = ops.cast(max_val, a.value.dtype)
    max_val = image_boxes.convert_image_dtype(max_val, np.float32)
    a = image_boxes.convert_image_dtype(a, np.float32)
    b = image_boxes.convert_image_dtype(b, np.float32)
    mse = ops.reduce_mean(ops.square(ops.subtract(a, b)), axis=[-3, -2, -1])
    with np.errstate(divide="ignore"):   # equal pictures: log(0), an infinite ratio
        return ops.subtract(
            ops.divide(ops.multiply(20.0, ops.log(max_val)), ops.log(np.float32(10.0))),
            ops.multiply(np.float32(10 / np.log(10)), ops.log(mse)))
