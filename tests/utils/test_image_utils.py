"""``load_img``, ``img_to_array``, ``array_to_img``, ``save_img`` and ``smart_resize`` as tf_keras
2.21 gives them (``make_image_fixtures.py`` in ``tests/utils`` and ``tests/layers``)."""
import io
import json
import os
import pathlib

import numpy as np
import pytest

from tracekeras import utils
from tracekeras.preprocessing import image as preprocessing_image
from tracekeras.utils import image_utils

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, "data", "images")
with open(os.path.join(HERE, "data", "images_expected.json")) as f:
    EXPECTED = json.load(f)["load_img"]
ARRAYS = np.load(os.path.join(HERE, "data", "images_expected.npz"))
LAYER_ARRAYS = np.load(os.path.join(HERE, "..", "layers", "data", "image_preprocessing.npz"))
LOAD_CASES = {
    "plain": ("tulips/t1.png", {}),
    "grayscale": ("roses/r4.JPG", {"color_mode": "grayscale"}),
    "rgba": ("roses/r2.png", {"color_mode": "rgba"}),
    "target_nearest": ("roses/r5.jpg", {"target_size": (5, 7)}),
    "target_bilinear": ("roses/r5.jpg", {"target_size": (5, 7), "interpolation": "bilinear"}),
    "keep_aspect": ("roses/r4.JPG", {"target_size": (6, 6), "keep_aspect_ratio": True}),
    "gif": ("roses/nested/r3.gif", {}),
}


@pytest.mark.parametrize("case", sorted(LOAD_CASES))
def test_load_img_and_img_to_array_give_keras_pixels(case):
    name, kwargs = LOAD_CASES[case]
    image = utils.load_img(os.path.join(IMAGES, name), **kwargs)
    array = utils.img_to_array(image)
    facts = EXPECTED[case]
    assert (image.mode, list(image.size), list(array.shape), array.dtype.name) == (
        facts["mode"], facts["size"], facts["shape"], facts["dtype"])
    np.testing.assert_array_equal(array, ARRAYS[f"load_img/{case}"])


def test_load_img_reads_paths_and_bytes_and_refuses_other_things():
    path = os.path.join(IMAGES, "tulips", "t1.png")
    with open(path, "rb") as f:
        from_bytes = utils.img_to_array(utils.load_img(io.BytesIO(f.read())))
    from_path = utils.img_to_array(preprocessing_image.load_img(pathlib.Path(path)))
    np.testing.assert_array_equal(from_bytes, from_path)
    with pytest.raises(TypeError, match="path should be path-like or io.BytesIO, not <class"):
        utils.load_img(3)
    with pytest.raises(ValueError, match='color_mode must be "grayscale", "rgb", or "rgba"'):
        utils.load_img(path, color_mode="cmyk")
    with pytest.raises(ValueError, match="Invalid interpolation method area specified"):
        utils.load_img(path, target_size=(3, 3), interpolation="area")


def test_img_to_array_channels_first_and_grayscale():
    image = utils.load_img(os.path.join(IMAGES, "tulips", "T3.PNG"), color_mode="grayscale")
    assert utils.img_to_array(image).shape == (8, 8, 1)
    assert utils.img_to_array(image, data_format="channels_first").shape == (1, 8, 8)
    assert utils.img_to_array(image, dtype="uint8").dtype == np.uint8
    with pytest.raises(ValueError, match="Unknown data_format: nchw"):
        utils.img_to_array(image, data_format="nchw")


def test_array_to_img_scales_to_the_full_range_unless_told(tmp_path):
    x = np.arange(24, dtype="float32").reshape(2, 4, 3) / 10
    image = utils.array_to_img(x)
    assert (image.mode, image.size) == ("RGB", (4, 2))
    pixels = np.asarray(image)
    assert (pixels.min(), pixels.max()) == (0, 255)
    assert utils.array_to_img(x * 100, scale=False).getpixel((1, 0)) == (30, 40, 50)
    assert utils.array_to_img(np.full((2, 2, 1), 300.0), scale=False).mode == "I"
    assert utils.array_to_img(np.zeros((2, 2, 4))).mode == "RGBA"
    with pytest.raises(ValueError, match="Expected image array to have rank 3"):
        utils.array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="Unsupported channel number: 2"):
        utils.array_to_img(np.zeros((2, 2, 2)))
    path = tmp_path / "saved.png"
    utils.save_img(path, x * 100, scale=False)
    np.testing.assert_array_equal(utils.img_to_array(utils.load_img(path)),
                                  (x * 100).astype("uint8").astype("float32"))
    with pytest.warns(UserWarning, match="The JPG format does not support RGBA images"):
        utils.save_img(tmp_path / "saved.jpg", np.zeros((2, 2, 4)), file_format="jpeg")


def test_smart_resize_is_keras_smart_resize():
    image = LAYER_ARRAYS["input/image"]
    np.testing.assert_array_equal(preprocessing_image.smart_resize(image[0], (4, 4)),
                                  LAYER_ARRAYS["smart_resize/bilinear"])
    np.testing.assert_array_equal(image_utils.smart_resize(image, (5, 3), "nearest"),
                                  LAYER_ARRAYS["smart_resize/nearest"])
    with pytest.raises(ValueError, match="Expected `size` to be a tuple of 2 integers"):
        image_utils.smart_resize(image, (4,))
    with pytest.raises(NotImplementedError, match="Value not recognized for `interpolation`"):
        image_utils.smart_resize(image, (4, 4), "cubic")
