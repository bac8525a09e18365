"""``tf.io.read_file`` and ``tf.io.decode_png``: a picture file's bytes, then its pixels.

What it owns: ``read_file(filename)``, the whole file as a scalar string Tensor (bytes);
``decode_png(contents, channels=0, dtype=uint8)``, the pixels of PNG bytes as a
``(height, width, channels)`` Tensor, decoded by Pillow (lossless: the same numbers as
TensorFlow's libpng). ``channels`` 0 keeps the file's own (1 gray, 2 gray and alpha, 3
RGB, 4 RGBA; a palette is expanded to RGB or RGBA); 1 drops the alpha of a gray
picture; 3 and 4 repeat a gray value over red, green and blue, drop an alpha or add one
of 255, as libpng does. ``dtype=uint16`` scales 8-bit values by 257 (255 -> 65535).
Turning colour into gray (libpng's gamma-aware weighting) and 16-bit files are not
implemented: they end in the one-line "tracekeras does not implement" error.

Errors are TensorFlow's with its messages: a missing file (``NotFoundError``), a folder
(``FailedPreconditionError``), a file name or contents that is not one string
(``InvalidArgumentError``), ``channels`` other than 0, 1, 3 or 4, bytes that are no
picture.

What it receives: string Tensors or Python strings (a ``Dataset.map`` function's
elements). What it hands on: Tensors with no gradient; a ``backend`` instant per op at
trace level full (``tape.record``).
"""
import io
import os

import numpy as np

from .op_errors import FailedPreconditionError, NotFoundError
from .ops import TF_TYPE_NAMES
from .string_ops import InvalidArgumentError, strings
from .tape import record

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OTHER_FORMATS = ((b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
                 (b"RIFF", "WebP"))


def scalar_string(value, what, op):
    array = strings(value, op)
    if array.ndim:
        raise InvalidArgumentError(f"{what} must be scalar, but had shape: "
                                   f"[{','.join(map(str, array.shape))}]")
    return array.item()


def read_file(filename, name=None):
    """``tf.io.read_file``: the bytes of one file."""
    path = scalar_string(filename, "Input filename tensor", "ReadFile").decode("utf-8")
    if os.path.isdir(path):
        raise FailedPreconditionError(f"{path}; Is a directory")
    try:
        with open(path, "rb") as f:
            contents = f.read()
    except FileNotFoundError:
        raise NotFoundError(f"{path}; No such file or directory [Op:ReadFile]") from None
    return record("tf.io.read_file", np.array(contents, dtype=object), (), None)


def decode_png(contents, channels=0, dtype="uint8", name=None):
    """``tf.io.decode_png``: ``(height, width, channels)`` pixels of PNG bytes."""
    if channels not in (0, 1, 3, 4):
        raise InvalidArgumentError(f"`channels` must be 0, 1, 3 or 4 but got {channels}")
    dtype = np.dtype(getattr(dtype, "name", dtype))
    if dtype not in (np.uint8, np.uint16):
        shown = TF_TYPE_NAMES.get(dtype.name, dtype.name)
        raise InvalidArgumentError(f"Value for attr 'dtype' of {shown} is not in the list of "
                                   "allowed values: uint8, uint16")
    data = scalar_contents(contents)
    pixels = png_pixels(data)
    pixels = with_channels(pixels, channels)
    if dtype == np.uint16:
        pixels = pixels.astype(np.uint16) * np.uint16(257)
    return record("tf.io.decode_png", pixels, (), None)


def scalar_contents(contents):
    if isinstance(contents, (int, float)):   # TensorFlow converts it before the op runs
        raise TypeError(f"Cannot convert {contents!r} to EagerTensor of dtype string")
    array = strings(contents, "DecodePng")
    if array.ndim:
        raise InvalidArgumentError("`contents` must be scalar but got shape"
                                   f"[{','.join(map(str, array.shape))}]")
    return array.item()


def png_pixels(data):
    """(height, width, channels) uint8 of the PNG file's own channels."""
    if not data.startswith(PNG_SIGNATURE):
        for signature, kind in OTHER_FORMATS:
            if data.startswith(signature):
                not_implemented(f"tf.io.decode_png of a {kind} file")
        raise InvalidArgumentError("Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, "
                                   "BMP, WebP required.")
    from PIL import Image  # Pillow reads the file; imported when a picture is decoded
    image = Image.open(io.BytesIO(data))
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode == "1":
        image = image.convert("L")
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        not_implemented(f"tf.io.decode_png of a PNG file of mode {image.mode}")
    pixels = np.asarray(image, dtype=np.uint8)
    return pixels[..., None] if pixels.ndim == 2 else pixels


def with_channels(pixels, channels):
    """libpng's conversions to ``channels`` (0: as stored)."""
    have = pixels.shape[-1]
    if channels in (0, have):
        return pixels
    color = pixels[..., :3] if have >= 3 else np.repeat(pixels[..., :1], 3, axis=-1)
    if channels == 1:
        if have >= 3:
            not_implemented("tf.io.decode_png with channels=1 of a colour picture")
        return pixels[..., :1]
    if channels == 3:
        return np.ascontiguousarray(color)
    alpha = pixels[..., -1:] if have in (2, 4) else np.full(pixels.shape[:-1] + (1,), 255,
                                                             np.uint8)
    return np.concatenate([color, alpha], axis=-1)


def not_implemented(what):
    # imported here: the shim imports this package
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    raise OperationNotImplementedByTracekeras(
        f"tracekeras does not implement {what} (used by {caller(PACKAGE)})")
