"""tf.io.read_file and tf.io.decode_png against real TensorFlow (data/tf_image_files.json,
from make_image_files_fixtures.py): the pixels of gray, gray-and-alpha, RGB and RGBA PNG
files for each ``channels`` and ``dtype``, the bytes read, and TensorFlow's errors."""
import base64
import json
import os
import re

import numpy as np
import pytest

from tracekeras.backend import image_files
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

with open(os.path.join(os.path.dirname(__file__), "data", "tf_image_files.json")) as f:
    FIXTURES = json.load(f)
FILES = {name: base64.b64decode(data) for name, data in FIXTURES["files"].items()}
COLOUR_TO_GRAY = ("channels3_to_1", "channels4_to_1")   # libpng's weighting: not implemented


def decode(name):
    picture, _, how = name.partition("_")
    if how == "uint16":
        return image_files.decode_png(FILES[picture], dtype="uint16")
    return image_files.decode_png(FILES[picture], channels=int(how.split("_")[-1]))


@pytest.mark.parametrize("name", sorted(set(FIXTURES["decoded"]) - set(COLOUR_TO_GRAY)))
def test_decode_png_gives_tensorflow_s_pixels(name):
    expected = FIXTURES["decoded"][name]
    pixels = decode(name).numpy()
    assert pixels.dtype.name == expected["dtype"]
    np.testing.assert_array_equal(pixels, np.array(expected["values"]))


@pytest.mark.parametrize("name", COLOUR_TO_GRAY)
def test_colour_to_gray_ends_in_the_one_line_message(name):
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="tracekeras does not implement tf.io.decode_png with channels=1 "
                             "of a colour picture"):
        decode(name)


ERRORS = {
    "decode_channels_2": lambda: image_files.decode_png(FILES["channels1"], channels=2),
    "decode_float32": lambda: image_files.decode_png(FILES["channels1"], dtype="float32"),
    "decode_not_a_picture": lambda: image_files.decode_png(b"hello"),
    "decode_a_batch": lambda: image_files.decode_png([FILES["channels1"]]),
    "decode_a_number": lambda: image_files.decode_png(3),
}


@pytest.mark.parametrize("name", sorted(FIXTURES["errors"]))
def test_decode_png_refuses_as_tensorflow_does(name):
    expected = FIXTURES["errors"][name]
    with pytest.raises(Exception) as raised:
        ERRORS[name]()
    assert type(raised.value).__name__ == expected["error"]
    assert str(raised.value) == expected["message"].splitlines()[0]


READS = {"read_a_file": "x.bin", "read_missing": "nope.png", "read_a_folder": ".",
         "read_a_list": ["x.bin"]}


@pytest.mark.parametrize("name", sorted(FIXTURES["reads"]))
def test_read_file_is_tensorflow_s(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.bin").write_bytes(FILES["channels1"])
    expected = FIXTURES["reads"][name]
    if "error" in expected:
        with pytest.raises(Exception) as raised:
            image_files.read_file(READS[name])
        # the fixture keeps TensorFlow's message less its "[Op:ReadFile]" (make_image_files_
        # fixtures.py); tracekeras's, as TensorFlow's, ends with it
        message = re.sub(r"\s*\[Op:\w+\]$", "", str(raised.value))
        assert (type(raised.value).__name__, message) == (expected["error"],
                                                          expected["message"])
    else:
        contents = image_files.read_file(READS[name]).numpy()
        assert contents == base64.b64decode(expected["bytes"])   # bytes, as TensorFlow's


def test_a_jpeg_file_ends_in_the_one_line_message():
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="tracekeras does not implement tf.io.decode_png of a JPEG file"):
        image_files.decode_png(b"\xff\xd8\xff\xe0rest")
