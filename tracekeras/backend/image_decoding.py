"""``tf.io.decode_image`` (also ``tf.image.decode_image``): the pixels of picture bytes
whatever their format, as TensorFlow's ``DecodeImage`` op tells JPEG from PNG by their
first bytes.

What it owns: ``decode_image(contents, channels=None, dtype=uint8, expand_animations=True)``.
A JPEG file decodes as ``image_codecs.decode_jpeg`` (uint8), a PNG file as
``image_files.decode_png`` (uint8, or 16-bit when another ``dtype`` is asked, as
TensorFlow's op reads it); the pixels are then turned into ``dtype`` by
``image_boxes.convert_image_dtype`` (so a PNG asked in float32 is its 16-bit values over
65535 and a JPEG its 8-bit ones over 255: the same numbers; in int32 they differ, as
TensorFlow's do). ``channels`` other than 0, 1, 3 or 4 and bytes of no picture format are
TensorFlow's ``InvalidArgumentError`` with its messages, in that order. GIF, BMP, WebP and
JPEG XL files, and a JPEG asked with 4 channels, end in the one-line "tracekeras does not
implement" error.

What it receives: a string scalar (Tensor, bytes). What it hands on: a Tensor with no
gradient. Trace events: none of its own.
"""
import numpy as np

from . import image_boxes, image_codecs, image_files
from .array_ops import numpy_dtype
from .op_errors import InvalidArgumentError

# first bytes of the formats TensorFlow's DecodeImage reads beside JPEG and PNG
OTHER_FORMATS = ((b"GIF8", "GIF"), (b"BM", "BMP"), (b"RIFF", "WebP"),
                 (b"\xff\x0a", "JPEG XL"), (b"\x00\x00\x00\x0cJXL ", "JPEG XL"))
JPEG_SIGNATURE = b"\xff\xd8\xff"


def decode_image(contents, channels=None, dtype="uint8", name=None, expand_animations=True):
    """``tf.io.decode_image``: (height, width, channels) pixels of JPEG or PNG bytes."""
    channels = 0 if channels is None else int(channels)
    if channels not in (0, 1, 3, 4):
        raise InvalidArgumentError(f"`channels` must be 0, 1, 3 or 4 but got {channels} "
                                   "[Op:DecodeImage]")
    dtype = numpy_dtype(dtype)
    data = image_files.scalar_contents(contents)
    if data.startswith(JPEG_SIGNATURE):
        if channels == 4:
            image_files.not_implemented("tf.io.decode_image of a JPEG file with channels=4")
        image = image_codecs.decode_jpeg(data, channels=channels)
    elif data.startswith(image_files.PNG_SIGNATURE):
        image = image_files.decode_png(data, channels=channels,
                                       dtype="uint8" if dtype == np.uint8 else "uint16")
    else:
        for signature, kind in OTHER_FORMATS:
            if data.startswith(signature):
                image_files.not_implemented(f"tf.io.decode_image of a {kind} file")
        raise InvalidArgumentError("Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, "
                                   "BMP, WebP required. [Op:DecodeImage]")
    if image.value.dtype != dtype:
        image = image_boxes.convert_image_dtype(image, dtype)
    return image


__all__ = ["decode_image"]
