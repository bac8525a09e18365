"""``tf.image``'s colour conversions: grayscale, saturation and hue.

What it teaches: ``rgb_to_grayscale``, ``grayscale_to_rgb``, ``adjust_saturation`` and
``adjust_hue`` (with their random and stateless forms) of
``tensorflow/python/ops/image_ops_impl.py``, and the ``AdjustSaturation`` and ``AdjustHue``
kernels.

- ``rgb_to_grayscale``: the picture as float32 (``convert_image_dtype``), then the luma
  ``0.2989 r + 0.5870 g + 0.1140 b`` (a ``tensordot`` over the channel axis, so the
  gradient flows), kept as one channel and converted back to the picture's dtype.
  ``grayscale_to_rgb`` repeats a one-channel picture three times.
- ``adjust_saturation(image, factor)``: each pixel to hue, saturation and value, the
  saturation multiplied by ``factor`` and clipped to [0, 1], back to RGB, all in float32 as
  the kernel computes it (its hue offsets 2/6 and 4/6 are doubles, added in double then
  rounded). TensorFlow registers no gradient for the kernel: asking a tape for one raises
  its ``LookupError``. A picture that is neither float16 nor float32 is converted to
  float32 first and back afterwards (not clipped, as in TensorFlow).
- ``adjust_hue(image, delta)``, ``delta`` in [-1, 1] (a fraction of the colour circle): the
  kernel's own representation of a pixel, a hue in [0, 6) with the smallest and largest of
  its three values, the hue turned by ``6 delta`` and brought back into [0, 6), then RGB
  again; no gradient either (``AdjustHue``).
- ``random_saturation(image, lower, upper, seed)``: the factor one ``tf.random.uniform`` draw
  in ``[lower, upper)``, seeded as TensorFlow seeds; ``random_hue(image, max_delta, seed)``:
  ``delta`` one draw in ``[-max_delta, max_delta)``, ``max_delta`` at most 0.5; the
  ``stateless_`` forms draw with ``tf.random.stateless_uniform``.

What it receives: arrays or Tensors ``(..., rows, cols, 3)`` (one channel for
``grayscale_to_rgb``). What it hands on: Tensors recorded on the tapes. Trace events: a
``backend`` instant per op at level full.
"""
import numpy as np

from . import array_ops, random
from .image_adjustments import as_float, check_bounds
from .image_boxes import convert_image_dtype
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

RGB_WEIGHTS = [0.2989, 0.5870, 0.1140]


def rgb_to_grayscale(images, name=None):
    """``tf.image.rgb_to_grayscale``: one luma channel in place of three."""
    images = convert(images)
    orig_dtype = images.value.dtype
    flt_image = convert_image_dtype(images, "float32")
    gray = array_ops.tensordot(flt_image, np.asarray(RGB_WEIGHTS, np.float32), [[-1], [-1]])
    return convert_image_dtype(array_ops.expand_dims(gray, -1), orig_dtype)


def grayscale_to_rgb(images, name=None):
    """``tf.image.grayscale_to_rgb``: the one channel three times."""
    images = convert(images)
    if images.value.ndim < 2 or images.value.shape[-1] != 1:
        raise ValueError("Last dimension of a grayscale image should be size 1.")
    return array_ops.tile(images, [1] * (images.value.ndim - 1) + [3])


def rgb_to_hsv(r, g, b):
    """The kernel's ``rgb_to_hsv`` on float32 arrays: hue in [0, 1), saturation, value."""
    v = np.maximum(r, np.maximum(g, b))
    value_range = v - np.minimum(r, np.minimum(g, b))
    with np.errstate(divide="ignore", invalid="ignore"):   # grays: no hue, set to 0 below
        s = np.where(v > 0, value_range / np.where(v > 0, v, 1), np.float32(0))
        norm = np.float32(1) / (np.float32(6) * value_range)
        second = (norm * (b - r)).astype(np.float64) + 2.0 / 6.0
        third = (norm * (r - g)).astype(np.float64) + 4.0 / 6.0
        h = np.where(r == v, norm * (g - b),
                     np.where(g == v, second.astype(np.float32), third.astype(np.float32)))
    h = np.where(value_range <= 0, np.float32(0), h)
    h = np.where(h < 0, h + np.float32(1), h)
    return h.astype(np.float32), s.astype(np.float32), v


def hsv_to_rgb(h, s, v):
    """The kernel's ``hsv_to_rgb``: six sectors of the hue circle."""
    c = s * v
    m = v - c
    dh = h * np.float32(6)
    category = dh.astype(np.int32)                  # truncation, as static_cast<int>
    fmodu = np.where(dh <= 0, dh + np.float32(2) * np.ceil(-dh / 2 + 1e-12), dh)
    fmodu = np.where(fmodu >= 2, fmodu - np.float32(2) * np.floor(fmodu / 2), fmodu)
    x = c * (np.float32(1) - np.abs(fmodu - np.float32(1)))
    zero = np.zeros_like(c)
    choices = [(c, x, zero), (x, c, zero), (zero, c, x), (zero, x, c), (x, zero, c),
               (c, zero, x)]
    channels = []
    for i in range(3):
        picked = np.select([category == k for k in range(6)],
                           [choice[i] for choice in choices], zero)
        channels.append(picked + m)
    return channels


def no_gradient(g, needs):
    raise LookupError("gradient registry has no entry for: AdjustSaturation")


def float_rgb(image):
    """``(float image, its original dtype, its values)`` of an RGB image, after TensorFlow's
    refusals of one under rank 3 or without 3 channels."""
    flt_image, orig_dtype = as_float(image)
    value = flt_image.value
    if value.ndim < 3:
        raise ValueError(f"Shape must be at least rank 3 but is rank {value.ndim}")
    if value.shape[-1] != 3:
        raise InvalidArgumentError(f"input must have 3 channels but instead has "
                                   f"{value.shape[-1]} channels.")
    return flt_image, orig_dtype, value


def adjust_saturation(image, saturation_factor, name=None):
    """``tf.image.adjust_saturation``: the saturation of each pixel times the factor."""
    flt_image, orig_dtype, value = float_rgb(image)
    factor = np.float32(np.asarray(getattr(saturation_factor, "value", saturation_factor)))
    rgb = value.astype(np.float32)
    h, s, v = rgb_to_hsv(rgb[..., 0], rgb[..., 1], rgb[..., 2])
    s = np.minimum(np.float32(1), np.maximum(np.float32(0), s * factor))
    out = np.stack(hsv_to_rgb(h, s, v), axis=-1).astype(value.dtype)
    adjusted = record("tf.raw_ops.AdjustSaturation", out, (flt_image,), no_gradient)
    return convert_image_dtype(adjusted, orig_dtype)


def random_saturation(image, lower, upper, seed=None):
    """``tf.image.random_saturation``: a random factor in ``[lower, upper)``."""
    check_bounds(lower, upper)
    return adjust_saturation(image, random.uniform([], lower, upper, seed=seed))


def stateless_random_saturation(image, lower, upper, seed=None):
    """``tf.image.stateless_random_saturation``: the same ``seed``, the same factor."""
    check_bounds(lower, upper)
    return adjust_saturation(image, random.stateless_uniform([], seed, minval=lower,
                                                             maxval=upper))


def rgb_to_hv_range(r, g, b):
    """The ``AdjustHue`` kernel's ``rgb_to_hv_range``: a hue in [0, 6) (the sector, by which
    value is largest and which smallest, plus how far the middle one lies between them)
    and the smallest and largest values."""
    conditions = [(r < g) & (b < r), (r < g) & (b > g), r < g,
                  (r >= g) & (b < g), (r >= g) & (b > r)]
    orders = [(g, r, b, 1), (b, g, r, 3), (g, b, r, 2), (r, g, b, 0), (b, r, g, 4)]
    default = (r, b, g, 5)
    v_max, v_mid, v_min = (np.select(conditions, [o[i] for o in orders], default[i])
                           for i in range(3))
    category = np.select(conditions, [o[3] for o in orders], default[3]).astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):   # grays: hue 0, set below
        ratio = (v_mid - v_min) / (v_max - v_min)
    increase = category % 2 == 0
    h = category + np.where(increase, ratio, np.float32(1) - ratio)
    return np.where(v_max == v_min, np.float32(0), h).astype(np.float32), v_min, v_max


def hv_range_to_rgb(h, v_min, v_max):
    """The kernel's ``hv_range_to_rgb``: back from the sector and the two extreme values."""
    category = h.astype(np.int32)
    ratio = h - category.astype(np.float32)
    ratio = np.where(category % 2 == 0, ratio, np.float32(1) - ratio)
    v_mid = v_min + ratio * (v_max - v_min)
    orders = [(v_max, v_mid, v_min), (v_mid, v_max, v_min), (v_min, v_max, v_mid),
              (v_min, v_mid, v_max), (v_mid, v_min, v_max)]
    return [np.select([category == k for k in range(5)], [o[i] for o in orders],
                      (v_max, v_min, v_mid)[i]) for i in range(3)]


def no_hue_gradient(g, needs):
    raise LookupError("gradient registry has no entry for: AdjustHue")


def adjust_hue(image, delta, name=None):
    """``tf.image.adjust_hue``: the hue of each pixel turned by ``delta`` of a circle."""
    delta = np.float32(np.asarray(getattr(delta, "value", delta)))
    if delta < -1 or delta > 1:
        raise ValueError("delta must be in the interval [-1, 1]")
    flt_image, orig_dtype, value = float_rgb(image)
    rgb = value.astype(np.float32)
    h, v_min, v_max = rgb_to_hv_range(rgb[..., 0], rgb[..., 1], rgb[..., 2])
    h = h + delta * np.float32(6)
    h = np.where(h < 0, h + np.float32(6), h)       # delta is at most a circle: once is enough
    h = np.where(h >= 6, h - np.float32(6), h)
    out = np.stack(hv_range_to_rgb(h, v_min, v_max), axis=-1).astype(value.dtype)
    adjusted = record("tf.raw_ops.AdjustHue", out, (flt_image,), no_hue_gradient)
    return convert_image_dtype(adjusted, orig_dtype)


def check_hue_delta(max_delta):
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def random_hue(image, max_delta, seed=None):
    """``tf.image.random_hue``: a random ``delta`` in ``[-max_delta, max_delta)``."""
    check_hue_delta(max_delta)
    return adjust_hue(image, random.uniform([], -max_delta, max_delta, seed=seed))


def stateless_random_hue(image, max_delta, seed):
    """``tf.image.stateless_random_hue``: the same ``seed``, the same ``delta``."""
    check_hue_delta(max_delta)
    return adjust_hue(image, random.stateless_uniform([], seed, minval=-max_delta,
                                                      maxval=max_delta))
