"""tf.image's flips, quarter turns, crops, brightness and contrast (fixed, random and
stateless) and tf.random.experimental.stateless_split against real TensorFlow
(data/tf_image_augmentation.*, from make_image_augmentation_fixtures.py): values bit for bit
where TensorFlow's are exact (seeded draws included), dtypes, gradients, and the messages of
what is refused; the gradients also against central differences."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import image_augmentation_scenarios

DATA = os.path.join(os.path.dirname(__file__), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_image_augmentation.npz"))
with open(os.path.join(DATA, "tf_image_augmentation.json")) as f:
    ERRORS = json.load(f)["errors"]
# computed in a different order than TensorFlow's kernels (a mean, a dot product): float
# rounding apart
ROUNDED = ("contrast", "contrast_batch", "random_contrast_seed_6", "global_contrast_seed_2",
           "grayscale", "mapped_epoch_1", "mapped_epoch_2")


@pytest.fixture(scope="module")
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


@pytest.fixture(scope="module")
def ours(tf):
    return image_augmentation_scenarios.arrays(tf)


@pytest.mark.parametrize("name", sorted(ARRAYS.files))
def test_values_and_dtypes_are_tensorflow_s(ours, name):
    assert ours[name].dtype == ARRAYS[name].dtype, name
    assert ours[name].shape == ARRAYS[name].shape, name
    if name in ROUNDED or name.startswith("contrast_"):
        np.testing.assert_allclose(ours[name], ARRAYS[name], rtol=1e-6, atol=1e-6)
    else:
        np.testing.assert_array_equal(ours[name], ARRAYS[name])


def test_seeded_flips_differ_between_seeds_and_calls():
    """The fixture can tell a wrong seed from a right one."""
    flips = [ARRAYS[f"flip_lr_batch_{s}"] for s in ("1_2", "0_0", "123_0", "5_9")]
    assert any(not np.array_equal(flips[0], other) for other in flips[1:])
    assert not all(np.array_equal(ARRAYS[f"global_flip_lr_batch_{i}"],
                                  ARRAYS["global_flip_lr_batch_0"]) for i in (1, 2))


def test_refusals_are_tensorflow_s(tf):
    assert image_augmentation_scenarios.errors(tf) == ERRORS


@pytest.mark.parametrize("op", ["flip", "rot90", "crop_or_pad", "central_crop", "brightness"])
def test_gradients_match_central_differences(tf, op):
    image = tf.image
    fn = {"flip": image.flip_up_down, "rot90": lambda x: image.rot90(x, 3),
          "crop_or_pad": lambda x: image.resize_with_crop_or_pad(x, 3, 7),
          "central_crop": lambda x: image.central_crop(x, 0.6),
          "brightness": lambda x: image.adjust_brightness(x, 0.25)}[op]
    picture = image_augmentation_scenarios.PICTURE.astype("float64")
    weights = np.random.default_rng(0).normal(size=np.asarray(fn(picture)).shape)

    def total(x):
        return float(np.sum(np.asarray(fn(x)) * weights))
    x = tf.constant(picture)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(fn(x) * weights)
    analytic = np.asarray(tape.gradient(y, x))
    numeric = np.zeros_like(picture)
    eps = 1e-2    # the ops are linear, so a wide step loses nothing (brightness runs in float32)
    for i in np.ndindex(picture.shape):
        step = np.zeros_like(picture)
        step[i] = eps
        numeric[i] = (total(picture + step) - total(picture - step)) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, atol=1e-4)
