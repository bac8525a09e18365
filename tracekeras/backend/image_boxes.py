"""``tf.image``'s bounding-box crop and pad and its dtype conversion, forward with backward.

What it owns: ``crop_to_bounding_box`` (a slice of the rows and columns of a 3-D picture
or a 4-D batch: the gradient is the incoming one with zeros around it),
``pad_to_bounding_box`` (zeros around the picture: the gradient is the middle of the
incoming one), each refusing offsets and sizes that do not fit with TensorFlow's
``ValueError`` message, and ``convert_image_dtype`` (a float picture cast to another
float; integers to floats scaled by ``1 / dtype.max``; floats to integers scaled by
``dtype.max + 0.5``, clipped first with ``saturate``; integers to integers shifted by
their difference in bits), as ``tensorflow/python/ops/image_ops_impl.py`` computes them.

What it receives: arrays or Tensors ``(rows, cols, channels)`` or ``(batch, rows, cols,
channels)``, offsets and sizes as ints or scalar Tensors. What it hands on: Tensors
recorded on the tapes. Trace events: a ``backend`` instant per op at level full.
"""
import numpy as np

from . import ops
from .array_ops import numpy_dtype
from .spatial import crop, pad
from .tensor import convert


def rows_and_cols(image):
    """The picture as a Tensor and the axes of its rows and columns (a batch's or not)."""
    image = convert(image)
    if image.value.ndim not in (3, 4):
        raise ValueError("'image' (shape {}) must have either 3 or 4 dimensions.".format(
            image.value.shape))
    first = image.value.ndim - 3
    return image, image.value.shape[first], image.value.shape[first + 1], first


def box_pairs(image, first, rows, cols):
    """One ``(before, after)`` pair per axis: ``rows`` and ``cols`` for the spatial axes."""
    pairs = [(0, 0)] * image.value.ndim
    pairs[first], pairs[first + 1] = rows, cols
    return pairs


def require(condition, message):
    if not condition:
        raise ValueError(message)


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """``tf.image.crop_to_bounding_box``: rows ``offset_height`` to ``offset_height +
    target_height`` and the same for columns."""
    image, height, width, first = rows_and_cols(image)
    oh, ow, th, tw = (int(v) for v in (offset_height, offset_width, target_height,
                                       target_width))
    require(ow >= 0, "offset_width must be >= 0.")
    require(oh >= 0, "offset_height must be >= 0.")
    require(tw > 0, "target_width must be > 0.")
    require(th > 0, "target_height must be > 0.")
    require(width >= tw + ow, "width must be >= target + offset.")
    require(height >= th + oh, "height must be >= target + offset.")
    return crop(image, box_pairs(image, first, (oh, height - oh - th), (ow, width - ow - tw)))


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """``tf.image.pad_to_bounding_box``: the picture placed at ``(offset_height,
    offset_width)`` in zeros of ``target_height`` by ``target_width``."""
    image, height, width, first = rows_and_cols(image)
    oh, ow, th, tw = (int(v) for v in (offset_height, offset_width, target_height,
                                       target_width))
    after_h, after_w = th - oh - height, tw - ow - width
    require(oh >= 0, "offset_height must be >= 0")
    require(ow >= 0, "offset_width must be >= 0")
    require(after_w >= 0, "width must be <= target - offset")
    require(after_h >= 0, "height must be <= target - offset")
    return pad(image, box_pairs(image, first, (oh, after_h), (ow, after_w)))


def saturate_cast(x, dtype, saturate):
    """``tf.cast``, after clipping to ``dtype``'s range when ``saturate``."""
    if saturate:
        info = np.iinfo(dtype)
        x = ops.clip_by_value(x, max(info.min, -2.0 ** 63), min(info.max, 2.0 ** 63))
    return ops.cast(x, dtype)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """``tf.image.convert_image_dtype``: pixel values rescaled to ``dtype``'s range."""
    image = convert(image)
    src, dst = image.value.dtype, numpy_dtype(dtype)
    if dst.kind not in "fiu":
        raise AttributeError("dtype must be either floating point or integer")
    if src.kind not in "fiu":
        raise AttributeError("image dtype must be either floating point or integer")
    if src == dst:
        return image
    if src.kind in "iu" and dst.kind in "iu":
        scale_in, scale_out = int(np.iinfo(src).max), int(np.iinfo(dst).max)
        if scale_in > scale_out:
            scaled = np.floor_divide(image.value, src.type((scale_in + 1) // (scale_out + 1)))
            return saturate_cast(scaled, dst, saturate)
        cast = saturate_cast(image, dst, saturate)
        return ops.multiply(cast, dst.type((scale_out + 1) // (scale_in + 1)))
    if src.kind == "f" and dst.kind == "f":
        return ops.cast(image, dst)
    if src.kind in "iu":
        return ops.multiply(ops.cast(image, dst), dst.type(1.0 / np.iinfo(src).max))
    scaled = ops.multiply(image, src.type(np.iinfo(dst).max + 0.5))
    return saturate_cast(scaled, dst, saturate)
