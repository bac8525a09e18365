"""tf.image's bounding-box crop and pad and convert_image_dtype against real TensorFlow
(data/tf_image_boxes.*, from make_image_boxes_fixtures.py): values, dtypes, gradients and
the messages for boxes that do not fit."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import image_boxes_scenarios

DATA = os.path.join(os.path.dirname(__file__), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_image_boxes.npz"))
with open(os.path.join(DATA, "tf_image_boxes.json")) as f:
    ERRORS = json.load(f)["errors"]


@pytest.fixture(scope="module")
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


@pytest.fixture(scope="module")
def ours(tf):
    return image_boxes_scenarios.arrays(tf)


@pytest.mark.parametrize("name", sorted(ARRAYS.files))
def test_values_and_dtypes_are_tensorflow_s(ours, name):
    assert ours[name].dtype == ARRAYS[name].dtype, name
    assert ours[name].shape == ARRAYS[name].shape, name
    np.testing.assert_allclose(ours[name], ARRAYS[name], rtol=1e-6)


def test_boxes_that_do_not_fit_are_refused_with_tensorflow_s_messages(tf):
    assert image_boxes_scenarios.errors(tf) == ERRORS
