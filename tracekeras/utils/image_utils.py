"""Images as files, PIL images and arrays (``keras.utils.image_utils``).

What it owns: ``load_img`` (a file or ``io.BytesIO`` -> a PIL image in the colour
mode asked, resized by PIL when ``target_size`` is given, centre-cropped first to the
target's aspect ratio with ``keep_aspect_ratio``), ``img_to_array`` (PIL image ->
float32 ``(h, w, c)``), ``array_to_img`` (array -> PIL image, rescaled to 0-255 by
default), ``save_img``, ``smart_resize`` (the largest centred window of the target's
aspect ratio, then ``tf.image.resize``) and ``get_interpolation`` (the names
``tf.image.resize`` accepts).

Receives paths, PIL images and arrays; hands on PIL images and NumPy arrays. Pillow is
imported on first use (as Keras does, which needs it for these utilities). No trace
events.
"""
import io
import pathlib
import warnings

import numpy as np

from tracekeras.backend import floatx, image_data_format
from tracekeras.utils import image_ops

TF_INTERPOLATION_METHODS = ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5",
                            "gaussian", "mitchellcubic")
PIL_INTERPOLATION_METHODS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")
DATA_FORMATS = ("channels_first", "channels_last")


def pil_image():
    # on first use: Pillow is needed only by the image utilities, as in Keras
    from PIL import Image
    return Image


def get_interpolation(interpolation):
    """The ``tf.image.resize`` method named ``interpolation`` (any case)."""
    interpolation = interpolation.lower()
    if interpolation not in TF_INTERPOLATION_METHODS:
        raise NotImplementedError(f"Value not recognized for `interpolation`: {interpolation}. "
                                  "Supported values are: dict_keys("
                                  f"{list(TF_INTERPOLATION_METHODS)})")
    if interpolation not in image_ops.METHODS:
        raise NotImplementedError(f"tracekeras resizes images with {list(image_ops.METHODS)}; "
                                  f"it does not implement `interpolation={interpolation!r}`")
    return interpolation


def crop_box(height, width, target_height, target_width):
    """(top, left, crop height, crop width) of ``smart_resize``'s centred window."""
    crop_height = min(height, int(np.float32(width * target_height) / np.float32(target_width)))
    crop_width = min(width, int(np.float32(height * target_width) / np.float32(target_height)))
    top = int(np.float32(height - crop_height) / np.float32(2))
    left = int(np.float32(width - crop_width) / np.float32(2))
    return top, left, crop_height, crop_width


def smart_resize(x, size, interpolation="bilinear"):
    """Resize ``x`` to ``size`` without distortion: crop the centre to the target's shape."""
    if len(size) != 2:
        raise ValueError(f"Expected `size` to be a tuple of 2 integers, but got: {size}.")
    img = np.asarray(getattr(x, "value", x))
    if img.ndim < 3 or img.ndim > 4:
        raise ValueError("Expected an image array with shape `(height, width, channels)`, or "
                         "`(batch_size, height, width, channels)`, but got input with incorrect "
                         f"rank, of shape {img.shape}.")
    height, width = img.shape[-3], img.shape[-2]
    top, left, crop_height, crop_width = crop_box(height, width, *size)
    img = img[..., top:top + crop_height, left:left + crop_width, :]
    return image_ops.resize(img, size, get_interpolation(interpolation))


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A PIL image from a ``(h, w, c)`` array (c = 1, 3 or 4), scaled to 0-255 unless told."""
    data_format = data_format or image_data_format()
    x = np.asarray(getattr(x, "value", x), dtype=dtype or floatx())
    if x.ndim != 3:
        raise ValueError("Expected image array to have rank 3 (single image). Got array with "
                         f"shape: {x.shape}")
    if data_format not in DATA_FORMATS:
        raise ValueError(f"Invalid data_format: {data_format}")
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        if np.max(x) != 0:
            x /= np.max(x)
        x *= 255
    image = pil_image()
    if x.shape[2] in (3, 4):
        return image.fromarray(x.astype("uint8"), "RGBA" if x.shape[2] == 4 else "RGB")
    if x.shape[2] == 1:
        if np.max(x) > 255:
            return image.fromarray(x[:, :, 0].astype("int32"), "I")
        return image.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"Unsupported channel number: {x.shape[2]}")


def img_to_array(img, data_format=None, dtype=None):
    """A ``(h, w, c)`` array (``(c, h, w)`` channels first) of ``dtype`` (floatx) from ``img``."""
    data_format = data_format or image_data_format()
    if data_format not in DATA_FORMATS:
        raise ValueError(f"Unknown data_format: {data_format}")
    x = np.asarray(img, dtype=dtype or floatx())
    if x.ndim == 3:
        return x.transpose(2, 0, 1) if data_format == "channels_first" else x
    if x.ndim == 2:
        return x[None] if data_format == "channels_first" else x[:, :, None]
    raise ValueError(f"Unsupported image shape: {x.shape}")


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Write the array ``x`` as an image file (RGBA turned to RGB for JPEG)."""
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and file_format in ("jpg", "jpeg"):
        warnings.warn("The JPG format does not support RGBA images, converting to RGB.",
                      stacklevel=2)
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)


def open_image(path):
    if isinstance(path, io.BytesIO):
        return pil_image().open(path)
    if isinstance(path, (pathlib.Path, bytes, str)):
        if isinstance(path, pathlib.Path):
            path = str(path.resolve())
        with open(path, "rb") as f:
            return pil_image().open(io.BytesIO(f.read()))
    raise TypeError(f"path should be path-like or io.BytesIO, not {type(path)}")


def load_img(path, grayscale=False, color_mode="rgb", target_size=None,
             interpolation="nearest", keep_aspect_ratio=False):
    """A PIL image read from ``path`` in ``color_mode``, resized to ``target_size`` if given."""
    if grayscale:
        warnings.warn('grayscale is deprecated. Please use color_mode = "grayscale"',
                      stacklevel=2)
        color_mode = "grayscale"
    img = open_image(path)
    if color_mode == "grayscale":
        if img.mode not in ("L", "I;16", "I"):
            img = img.convert("L")
    elif color_mode in ("rgba", "rgb"):
        if img.mode != color_mode.upper():
            img = img.convert(color_mode.upper())
    else:
        raise ValueError('color_mode must be "grayscale", "rgb", or "rgba"')
    if target_size is None or img.size == (target_size[1], target_size[0]):
        return img
    if interpolation not in PIL_INTERPOLATION_METHODS:
        raise ValueError(f"Invalid interpolation method {interpolation} specified. Supported "
                         f"methods are {', '.join(PIL_INTERPOLATION_METHODS)}")
    resample = getattr(pil_image().Resampling, interpolation.upper())
    width_height = (target_size[1], target_size[0])
    if not keep_aspect_ratio:
        return img.resize(width_height, resample)
    width, height = img.size
    crop_height = min(height, width * target_size[0] // target_size[1])
    crop_width = min(width, height * target_size[1] // target_size[0])
    top, left = (height - crop_height) // 2, (width - crop_width) // 2
    return img.resize(width_height, resample, box=[left, top, left + crop_width,
                                                   top + crop_height])
