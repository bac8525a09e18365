"""``tf.image``'s brightness and contrast: fixed, random and stateless.

What it teaches: ``adjust_brightness``, ``adjust_contrast`` and their random forms in
``tensorflow/python/ops/image_ops_impl.py``, and the ``AdjustContrastv2`` kernel.

- Both work on float pictures: a float16 or float32 picture as it is, any other dtype
  converted to float32 first (``convert_image_dtype``: uint8 255 becomes 1.0) and converted
  back afterwards, clipped to its range (``saturate=True``).
- ``adjust_brightness(image, delta)`` adds ``delta``; its gradient is the incoming one.
- ``adjust_contrast(images, contrast_factor)`` moves each channel of each picture away from
  its mean: ``mean + (x - mean) * factor``, the mean a float32 sum over rows and columns
  divided by their number. TensorFlow registers no gradient for the kernel, so asking a
  tape for one raises its ``LookupError``.
- ``random_brightness(image, max_delta, seed)``: ``delta`` one ``tf.random.uniform`` draw in
  ``[-max_delta, max_delta)``; ``random_contrast(image, lower, upper, seed)``: the factor one
  draw in ``[lower, upper)``, seeded as TensorFlow seeds (``backend.random``); the
  ``stateless_`` forms draw with ``tf.random.stateless_uniform``, a pure function of the
  two-int seed. Their checks raise TensorFlow's messages before anything is drawn.

What it receives: arrays or Tensors ``(..., rows, cols, channels)``. What it hands on:
Tensors recorded on the tapes. Trace events: a ``backend`` instant per op at level full.
"""
import numpy as np

from . import ops, random
from .image_boxes import convert_image_dtype
from .tape import record
from .tensor import convert


def as_float(image):
    """The picture in a float dtype TensorFlow's kernels take, and its own dtype."""
    image = convert(image)
    dtype = image.value.dtype
    if dtype in (np.float16, np.float32):
        return image, dtype
    return convert_image_dtype(image, "float32"), dtype


def adjust_brightness(image, delta):
    """``tf.image.adjust_brightness``: ``delta`` added to every value."""
    flt_image, orig_dtype = as_float(image)
    delta = np.asarray(getattr(delta, "value", delta)).astype(flt_image.value.dtype)
    adjusted = ops.add(flt_image, delta)
    return convert_image_dtype(adjusted, orig_dtype, saturate=True)


def no_gradient(g, needs):
    raise LookupError("gradient registry has no entry for: AdjustContrastv2")


def adjust_contrast(images, contrast_factor):
    """``tf.image.adjust_contrast``: each channel pushed away from (or towards) its mean."""
    flt_images, orig_dtype = as_float(images)
    value = flt_images.value
    if value.ndim < 3:
        raise ValueError(f"Shape must be at least rank 3 but is rank {value.ndim}")
    factor = np.float32(np.asarray(getattr(contrast_factor, "value", contrast_factor)))
    as_32 = value.astype(np.float32)
    rows_and_cols = float(value.shape[-3] * value.shape[-2])
    mean = (as_32.sum(axis=(-3, -2), keepdims=True, dtype=np.float32)
            / np.float32(rows_and_cols)).astype(value.dtype)
    adjusted = ((value - mean).astype(np.float32) * factor).astype(value.dtype)
    out = record("tf.raw_ops.AdjustContrastv2", mean + adjusted, (flt_images,), no_gradient)
    return convert_image_dtype(out, orig_dtype, saturate=True)


def check_delta(max_delta):
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def check_bounds(lower, upper):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")


def random_brightness(image, max_delta, seed=None):
    """``tf.image.random_brightness``: a random ``delta`` in ``[-max_delta, max_delta)``."""
    check_delta(max_delta)
    return adjust_brightness(image, random.uniform([], -max_delta, max_delta, seed=seed))


def stateless_random_brightness(image, max_delta, seed):
    """``tf.image.stateless_random_brightness``: the same ``seed``, the same ``delta``."""
    check_delta(max_delta)
    return adjust_brightness(image, random.stateless_uniform(
        [], seed, minval=-max_delta, maxval=max_delta))


def random_contrast(image, lower, upper, seed=None):
    """``tf.image.random_contrast``: a random factor in ``[lower, upper)``."""
    check_bounds(lower, upper)
    return adjust_contrast(image, random.uniform([], lower, upper, seed=seed))


def stateless_random_contrast(image, lower, upper, seed):
    """``tf.image.stateless_random_contrast``: the same ``seed``, the same factor."""
    check_bounds(lower, upper)
    return adjust_contrast(image, random.stateless_uniform([], seed, minval=lower,
                                                           maxval=upper))
