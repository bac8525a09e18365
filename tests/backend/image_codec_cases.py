"""``tf.io.read_file``, ``decode_jpeg``, ``encode_jpeg`` and ``gfile.glob``: the cases
``make_image_codec_fixtures.py`` runs on TensorFlow 2.21 (writing ``data/tf_image_codecs.npz``
and ``.json``) and ``test_image_codecs.py`` on tracekeras. Plain NumPy: no TensorFlow here.
"""
import os
import re

import numpy as np


def picture(height=40, width=56, seed=0):
    """A smooth ramp with noise: uint8, (height, width, 3)."""
    rng = np.random.default_rng(seed)
    ramp = np.linspace(0, 255, height * width * 3).reshape(height, width, 3)
    return np.clip(ramp + rng.uniform(0, 40, (height, width, 3)), 0, 255).astype(np.uint8)


IMAGES = {"rgb": picture(), "gray": picture(24, 31, 1)[..., :1], "odd": picture(17, 9, 2)}
ENCODINGS = {
    "rgb": ("rgb", {}),
    "rgb_q80_444": ("rgb", {"quality": 80, "chroma_downsampling": False}),
    "rgb_72dpi": ("rgb", {"x_density": 72, "y_density": 72}),
    "gray": ("gray", {}),
    "odd": ("odd", {"quality": 60}),
}
# each decodes the file of an encoding above
DECODES = {"rgb": ("rgb", 0), "rgb_as_gray": ("rgb", 1), "gray": ("gray", 0),
           "gray_as_rgb": ("gray", 3), "odd": ("odd", 3)}


def encode_errors(tf):
    return {"two_channels": lambda: tf.io.encode_jpeg(IMAGES["rgb"][..., :2]),
            "rank_two": lambda: tf.io.encode_jpeg(IMAGES["rgb"][0]),
            "not_an_image": lambda: tf.io.decode_jpeg(b"notajpeg"),
            "missing_file": lambda: tf.io.read_file("no such file.jpg")}


def globbed(tf, folder):
    """``gfile.glob`` of relative and folder patterns, from inside ``folder``."""
    for name in ("b.jpg", "a.jpg", "c.png", os.path.join("sub", "z.tfrec"),
                 os.path.join("sub", "y.tfrec")):
        os.makedirs(os.path.join(folder, os.path.dirname(name)), exist_ok=True)
        open(os.path.join(folder, name), "wb").close()
    here = os.getcwd()
    os.chdir(folder)
    try:
        return {pattern: tf.io.gfile.glob(pattern)
                for pattern in ("*.jpg", "sub/*.tfrec", "*", "none*")}
    finally:
        os.chdir(here)


def clean(exc):
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(exc).split("\n")[0])
    return re.sub(r" name: $", "", message)
