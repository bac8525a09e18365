"""``tf.io.decode_image`` of JPEG and PNG bytes: the cases ``make_decode_image_fixtures.py``
runs on TensorFlow 2.21 (writing ``data/tf_decode_image.npz`` and ``.json``) and
``test_decode_image.py`` on tracekeras. The files are TensorFlow's own encodings of
``PICTURE`` (its RGBA, RGB and gray parts), kept in the ``.npz``. Plain NumPy: no
TensorFlow here."""
import re

import numpy as np

PICTURE = (np.arange(6 * 7 * 4).reshape(6, 7, 4) * 37 % 256).astype(np.uint8)
# name: (file, decode_image's keyword arguments)
DECODES = {
    "png_rgba": ("png_rgba", {}),
    "png_rgba_as_rgb": ("png_rgba", {"channels": 3}),
    "png_rgb_as_rgba": ("png_rgb", {"channels": 4}),
    "png_gray": ("png_gray", {}),
    "png_float32": ("png_rgba", {"dtype": "float32"}),
    "png_uint16": ("png_rgb", {"dtype": "uint16"}),
    "png_int32": ("png_gray", {"dtype": "int32"}),
    "png_not_expanded": ("png_rgb", {"expand_animations": False}),
    "jpeg_rgb": ("jpeg_rgb", {}),
    "jpeg_as_gray": ("jpeg_rgb", {"channels": 1}),
    "jpeg_float32": ("jpeg_rgb", {"dtype": "float32"}),
    "jpeg_uint16": ("jpeg_rgb", {"dtype": "uint16"}),
}
ERRORS = {
    "not_a_picture": (b"hello world", {}),
    "two_channels": (b"hello world", {"channels": 2}),
}


def clean(exc):
    """TensorFlow's message without the function node it names first."""
    return re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(exc))
