"""``tf.io.decode_jpeg`` and ``tf.io.encode_jpeg``: JPEG bytes as tensors, through Pillow
(``tf.io.read_file`` is :mod:`tracekeras.backend.image_files`'s, ``tf.io.gfile.glob``
:mod:`tracekeras.backend.gfile`'s).

What it owns: ``decode_jpeg(contents, channels=0)`` (uint8, height x
width x channels: 0 as stored, 1 the luma plane libjpeg gives, 3 RGB; a file that is no
image is TensorFlow's ``InvalidArgumentError``), ``encode_jpeg(image, quality=95,
chroma_downsampling=True, x_density=300, y_density=300)`` (TensorFlow's JFIF: the same
bytes as its encoder, dots per inch in the header, 4:2:0 chroma unless asked otherwise;
an image not of rank 3 or not of 1 or 3 channels is refused with its messages). Options
whose bytes or pixels Pillow cannot make as libjpeg does (``ratio``, ``dct_method``,
progressive or optimized files, densities in centimetres, XMP metadata) end in
tracekeras's "does not implement". TensorFlow decodes with libjpeg's fast integer IDCT,
which Pillow does not offer: decoded pixels differ by a few levels of 255
(``docs/differences.md``, as for ``image_dataset_from_directory``).

What it hands on: Tensors (uint8 images, string scalars). No gradients. Trace events:
none of their own.
"""
import io

import numpy as np

from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.backend.tensor import Tensor, convert
from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller


def refuse(what, **options):
    for option, (value, default) in options.items():
        if value != default:
            raise OperationNotImplementedByTracekeras(
                f"tracekeras does not implement {what} with {option}={value!r} (used by "
                f"{caller()})")


def as_bytes(contents):
    value = contents.value if isinstance(contents, Tensor) else contents
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)




def decode_jpeg(contents, channels=0, ratio=1, fancy_upscaling=True,
                try_recover_truncated=False, acceptable_fraction=1, dct_method="", name=None):
    """``tf.io.decode_jpeg``: uint8 pixels, (height, width, channels)."""
    from PIL import Image, UnidentifiedImageError
    refuse("tf.io.decode_jpeg", ratio=(ratio, 1), dct_method=(dct_method, ""),
           fancy_upscaling=(fancy_upscaling, True))
    if channels not in (0, 1, 3):
        raise InvalidArgumentError(f"channels must be 0, 1, or 3, got {channels}")
    try:
        img = Image.open(io.BytesIO(as_bytes(contents)))
        if channels == 1 and img.format == "JPEG" and img.mode != "L":
            img.draft("L", img.size)     # the decoder's luma plane, as libjpeg's gray output
        img.load()
    except (UnidentifiedImageError, OSError):
        raise InvalidArgumentError("Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, "
                                   "BMP, WebP required. [Op:DecodeJpeg]") from None
    if channels == 0:
        channels = 1 if img.mode in ("L", "1") else 3
    img = img.convert("L" if channels == 1 else "RGB") if img.mode != (
        "L" if channels == 1 else "RGB") else img
    pixels = np.asarray(img, dtype=np.uint8)
    return Tensor(pixels.reshape(pixels.shape[0], pixels.shape[1], channels))


def encode_jpeg(image, format="", quality=95, progressive=False, optimize_size=False,
                chroma_downsampling=True, density_unit="in", x_density=300, y_density=300,
                xmp_metadata="", name=None):
    """``tf.io.encode_jpeg``: the JPEG file of a uint8 image, as a string scalar."""
    from PIL import Image
    refuse("tf.io.encode_jpeg", format=(format, ""), progressive=(progressive, False),
           optimize_size=(optimize_size, False), density_unit=(density_unit, "in"),
           xmp_metadata=(xmp_metadata, ""))
    pixels = np.asarray(convert(image).value)
    if pixels.ndim != 3:
        shape = ",".join(map(str, pixels.shape))
        raise InvalidArgumentError(f"image must be 3-dimensional[{shape}] [Op:EncodeJpeg]")
    if pixels.shape[-1] not in (1, 3):
        raise InvalidArgumentError(f"image must have 1 or 3 channels, got "
                                   f"[{','.join(map(str, pixels.shape))}] [Op:EncodeJpeg]")
    pixels = pixels.astype(np.uint8)
    img = Image.fromarray(pixels[..., 0] if pixels.shape[-1] == 1 else pixels)
    out = io.BytesIO()
    chroma = {"subsampling": 2 if chroma_downsampling else 0} if pixels.shape[-1] == 3 else {}
    img.save(out, format="JPEG", quality=int(quality), dpi=(int(x_density), int(y_density)),
             **chroma)   # a gray image has no chroma to subsample (libjpeg's 1x1 factor)
    return Tensor(np.array(out.getvalue(), dtype=object))




__all__ = ["decode_jpeg", "encode_jpeg"]
