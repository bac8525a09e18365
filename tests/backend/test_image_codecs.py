"""``tf.io.read_file``, ``decode_jpeg``, ``encode_jpeg`` and ``gfile.glob`` against
TensorFlow 2.21 (``data/tf_image_codecs.npz`` and ``.json``, ``make_image_codec_fixtures.py``).

``encode_jpeg`` makes TensorFlow's bytes exactly (RGB and gray, quality, chroma
subsampling, densities). ``decode_jpeg`` of those files gives TensorFlow's shapes and
dtypes and pixels within a few levels (TensorFlow's libjpeg runs its fast integer IDCT,
which Pillow does not offer: a known difference, at most 6 levels here). Errors are
TensorFlow's. ``glob`` finds the same paths, spelled the same way (the order is the file
system's, as TensorFlow's).
"""
import json
import os

import numpy as np
import pytest

from . import image_codec_cases as cases

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_image_codecs.npz"))
with open(os.path.join(DATA, "tf_image_codecs.json")) as f:
    FACTS = json.load(f)



@pytest.mark.parametrize("name", sorted(cases.ENCODINGS))
def test_encode_jpeg_makes_tensorflow_s_bytes(tf, name):
    image, options = cases.ENCODINGS[name]
    ours = tf.io.encode_jpeg(cases.IMAGES[image], **options)
    assert ours.dtype == tf.string and tuple(ours.shape) == ()
    assert np.asarray(ours).item() == ARRAYS[f"jpeg_{name}"].tobytes()


@pytest.mark.parametrize("name", sorted(cases.DECODES))
def test_decode_jpeg_gives_tensorflow_s_pixels_within_a_few_levels(tf, name):
    image, channels = cases.DECODES[name]
    want = ARRAYS[f"decoded_{name}"]
    ours = np.asarray(tf.io.decode_jpeg(ARRAYS["jpeg_" + image].tobytes(), channels=channels))
    assert ours.dtype == np.uint8 and ours.shape == want.shape
    # fast against accurate integer IDCT on a noisy picture: a few levels, one or two on
    # average (TensorFlow's pixels are the further from the picture encoded)
    difference = np.abs(ours.astype(int) - want)
    assert difference.max() <= 6 and difference.mean() < 2.0, (difference.max(),
                                                                difference.mean())


@pytest.mark.parametrize("name", sorted(FACTS["errors"]))
def test_errors_are_tensorflow_s(tf, name):
    with pytest.raises(Exception) as info:
        cases.encode_errors(tf)[name]()
    assert [type(info.value).__name__, str(info.value)] == FACTS["errors"][name]


def test_read_file_and_glob(tf, tmp_path):
    (tmp_path / "file.bin").write_bytes(bytes(range(256)))
    read = tf.io.read_file(str(tmp_path / "file.bin"))
    assert read.dtype == tf.string and list(read.shape) == FACTS["read_file"]["shape"]
    assert np.asarray(read).item().hex() == FACTS["read_file"]["hex"]
    found = cases.globbed(tf, str(tmp_path / "glob"))
    assert {k: sorted(v) for k, v in found.items()} == {
        k: sorted(v) for k, v in FACTS["glob"].items()}
