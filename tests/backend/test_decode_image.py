"""``tf.io.decode_image`` against TensorFlow 2.21 (``data/tf_decode_image.npz`` and
``.json``, ``make_decode_image_fixtures.py``): TensorFlow's PNG files decode to its exact
pixels in each ``channels`` and ``dtype`` (16-bit when another dtype is asked, then
converted), its JPEG file to its shapes and dtypes with pixels within a few levels
(libjpeg's fast integer IDCT, as ``test_image_codecs.py`` says); its errors, with its
messages; what is not implemented says so in one line."""
import json
import os

import numpy as np
import pytest

from tracekeras.shim.errors import OperationNotImplementedByTracekeras

from . import decode_image_cases as cases

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_decode_image.npz"))
with open(os.path.join(DATA, "tf_decode_image.json")) as f:
    FACTS = json.load(f)


def file_bytes(name):
    return ARRAYS[f"file_{name}"].tobytes()


@pytest.mark.parametrize("name", sorted(cases.DECODES))
def test_decodes_as_tensorflow(tf, name):
    file, options = cases.DECODES[name]
    ours = tf.io.decode_image(file_bytes(file), **options)
    want = ARRAYS[f"decoded_{name}"]
    assert ours.dtype.name == FACTS["decodes"][name]["dtype"]
    assert list(ours.shape) == FACTS["decodes"][name]["shape"]
    if file.startswith("png"):
        np.testing.assert_array_equal(np.asarray(ours), want)
    else:   # a few levels of 255, in the dtype asked for
        scale = {"uint8": 1, "uint16": 256, "float32": 1 / 255}[want.dtype.name]
        assert np.abs(np.asarray(ours).astype(float) - want).max() <= 6 * scale


def test_tf_image_decode_image_is_the_same_function(tf):
    assert tf.image.decode_image is tf.io.decode_image


@pytest.mark.parametrize("name", sorted(cases.ERRORS))
def test_errors_are_tensorflow_s(tf, name):
    data, options = cases.ERRORS[name]
    with pytest.raises(Exception) as info:
        tf.io.decode_image(data, **options)
    assert [type(info.value).__name__, str(info.value)] == FACTS["errors"][name]


@pytest.mark.parametrize("data, options", [
    (b"GIF89a" + b"\x00" * 20, {}), (b"BM" + b"\x00" * 20, {}),
    (None, {"channels": 4})])
def test_other_formats_are_not_implemented(tf, data, options):
    with pytest.raises(OperationNotImplementedByTracekeras, match="does not implement"):
        tf.io.decode_image(data or file_bytes("jpeg_rgb"), **options)
