"""Writes the image preprocessing fixtures with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_image_fixtures.py

Outputs, in tests/layers/data/:
- image_preprocessing.npz: ``tf.image.resize`` of a float image and of a uint8 image
  to several sizes with each method (``resize/<method>/<h>x<w>``), ``smart_resize``,
  Keras's ``transform`` (``ImageProjectiveTransformV3``) of a small image under fixed
  rotation, zoom and translation matrices for every fill mode and interpolation
  (``transform/<kind>/<fill_mode>/<interpolation>``, the matrices under
  ``matrix/<kind>``), ``tf.image.adjust_contrast`` with a fixed factor, and the outputs of
  the layers in inference mode (``layer/<case>``).
- image_preprocessing.json: per layer case the arguments, output dtype and shape,
  ``compute_output_shape`` and ``get_config()``; the random parameters of the matrix
  fixtures; and the type and message of the errors bad arguments raise.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras.src.layers.preprocessing import image_preprocessing as ip  # noqa: E402
from tf_keras.src.utils import image_utils  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
RNG = np.random.default_rng(7)
IMAGE = (RNG.random((2, 6, 9, 3)) * 255).astype("float32")
IMAGE_U8 = RNG.integers(0, 256, (2, 5, 7, 1)).astype("uint8")
SMALL = (RNG.random((2, 7, 8, 2)) * 10).astype("float32")
SIZES = [(4, 5), (10, 14), (6, 9), (3, 12), (7, 4), (1, 1)]
METHODS = ["bilinear", "nearest", "bicubic", "area"]
ANGLES = [0.3, -1.1]
ZOOMS = [[0.8, 1.3], [1.2, 0.7]]
TRANSLATIONS = [[2.5, -1.5], [-3.2, 4.0]]

# name: (class, kwargs, input name)
LAYER_CASES = {
    "resizing": ("Resizing", {"height": 5, "width": 7}, "image"),
    "resizing_nearest_u8": ("Resizing", {"height": 8, "width": 3, "interpolation": "nearest"},
                            "image_u8"),
    "resizing_bicubic": ("Resizing", {"height": 4, "width": 11, "interpolation": "bicubic"},
                         "image"),
    "resizing_area": ("Resizing", {"height": 4, "width": 4, "interpolation": "area"}, "image"),
    "resizing_crop": ("Resizing", {"height": 4, "width": 9, "crop_to_aspect_ratio": True},
                      "image"),
    "resizing_crop_tall": ("Resizing", {"height": 5, "width": 3, "crop_to_aspect_ratio": True},
                           "image"),
    "center_crop": ("CenterCrop", {"height": 4, "width": 5}, "small"),
    "center_crop_upsize": ("CenterCrop", {"height": 9, "width": 6}, "small"),
    "center_crop_u8": ("CenterCrop", {"height": 3, "width": 4}, "image_u8"),
    "random_crop_inference": ("RandomCrop", {"height": 4, "width": 5}, "small"),
    "random_flip": ("RandomFlip", {"mode": "horizontal"}, "image_u8"),
    "random_rotation": ("RandomRotation", {"factor": 0.2}, "small"),
    "random_zoom": ("RandomZoom", {"height_factor": 0.1, "width_factor": (-0.2, 0.3)}, "small"),
    "random_translation": ("RandomTranslation", {"height_factor": 0.1, "width_factor": 0.2,
                                                 "fill_mode": "constant"}, "small"),
    "random_contrast": ("RandomContrast", {"factor": 0.3}, "image_u8"),
}

ERROR_CASES = [
    ("RandomFlip", {"mode": "diagonal", "name": "flip"}),
    ("RandomRotation", {"factor": 0.1, "fill_mode": "mirror"}),
    ("RandomRotation", {"factor": 0.1, "interpolation": "bicubic"}),
    ("RandomRotation", {"factor": (0.3, 0.1)}),
    ("RandomZoom", {"height_factor": 1.5}),
    ("RandomZoom", {"height_factor": 0.1, "width_factor": (-1.5, 0.2)}),
    ("RandomTranslation", {"height_factor": (0.3, 0.1), "width_factor": 0.1}),
    ("RandomTranslation", {"height_factor": 1.2, "width_factor": 0.1}),
    ("RandomTranslation", {"height_factor": 0.1, "width_factor": (0.5, 0.2)}),
    ("RandomTranslation", {"height_factor": 0.1, "width_factor": 1.5}),
    ("RandomContrast", {"factor": -0.1}),
    ("RandomContrast", {"factor": 1.5}),
    ("Resizing", {"height": 3, "width": 3, "interpolation": "cubic"}),
]


def inputs_of(name):
    return {"image": IMAGE, "image_u8": IMAGE_U8, "small": SMALL}[name]


def resize_arrays():
    out = {}
    for method in METHODS:
        for h, w in SIZES:
            out[f"resize/{method}/{h}x{w}"] = tf.image.resize(IMAGE, (h, w), method).numpy()
        for h, w in SIZES[:3]:
            result = tf.image.resize(IMAGE_U8, (h, w), method)
            out[f"resize_u8/{method}/{h}x{w}"] = result.numpy()
    out["smart_resize/bilinear"] = image_utils.smart_resize(IMAGE[0], (4, 4))
    out["smart_resize/nearest"] = image_utils.smart_resize(IMAGE, (5, 3), "nearest")
    return out


def matrices():
    h, w = SMALL.shape[1:3]
    return {
        "rotation": ip.get_rotation_matrix(tf.constant(ANGLES), float(h), float(w)).numpy(),
        "zoom": ip.get_zoom_matrix(tf.constant(ZOOMS), float(h), float(w)).numpy(),
        "translation": ip.get_translation_matrix(tf.constant(TRANSLATIONS)).numpy(),
    }


def transform_arrays():
    out = {}
    for kind, matrix in matrices().items():
        out[f"matrix/{kind}"] = matrix
        for fill_mode in ("reflect", "wrap", "constant", "nearest"):
            for interpolation in ("bilinear", "nearest"):
                out[f"transform/{kind}/{fill_mode}/{interpolation}"] = ip.transform(
                    SMALL, matrix, fill_mode=fill_mode, fill_value=7.0,
                    interpolation=interpolation).numpy()
    return out


def layer_cases():
    arrays, facts = {}, {}
    for case, (cls, kwargs, input_name) in LAYER_CASES.items():
        layer = getattr(keras.layers, cls)(**kwargs)
        x = inputs_of(input_name)
        y = layer(x, training=False)
        arrays[f"layer/{case}"] = y.numpy()
        config = layer.get_config()
        facts[case] = {"class": cls, "kwargs": kwargs, "input": input_name,
                       "dtype": y.dtype.name, "shape": list(y.shape),
                       "output_shape": list(tf.TensorShape(layer.compute_output_shape(
                           (None,) + x.shape[1:]))), "config": config}
    return arrays, facts


def error_cases():
    out = []
    for cls, kwargs in ERROR_CASES:
        try:
            getattr(keras.layers, cls)(**kwargs)
        except Exception as e:  # noqa: BLE001 - recording whatever Keras raises
            out.append({"class": cls, "kwargs": kwargs, "type": type(e).__name__,
                        "message": str(e)})
        else:
            raise AssertionError(f"{cls}({kwargs}) raised nothing")
    return out


def main():
    arrays = {"input/image": IMAGE, "input/image_u8": IMAGE_U8, "input/small": SMALL}
    arrays.update(resize_arrays())
    arrays.update(transform_arrays())
    arrays["contrast/1.37"] = tf.image.adjust_contrast(IMAGE, 1.37).numpy()
    layer_arrays, facts = layer_cases()
    arrays.update(layer_arrays)
    np.savez_compressed(os.path.join(HERE, "image_preprocessing.npz"), **arrays)
    report = {"layers": facts, "errors": error_cases(), "angles": ANGLES, "zooms": ZOOMS,
              "translations": TRANSLATIONS,
              "resize_dtypes": {k: str(v.dtype) for k, v in arrays.items()
                                if k.startswith("resize")}}
    with open(os.path.join(HERE, "image_preprocessing.json"), "w") as f:
        json.dump(report, f, indent=1, default=lambda v: list(v) if isinstance(v, tuple) else v)
        f.write("\n")
    print("wrote", len(arrays), "arrays")


if __name__ == "__main__":
    main()
