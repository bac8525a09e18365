"""tf.nn.depth_to_space and space_to_depth, tf.image.rgb_to_yuv, yuv_to_rgb and psnr against
real TensorFlow 2.21 (data/tf_sub_pixel.*, from make_sub_pixel_fixtures.py): values, dtypes,
gradients, error messages and the TFOpLambda layer of a functional model; the gradients of
the rearrangements against central differences, to the second order."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session, depth_space, ops
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

from . import sub_pixel_scenarios
from .helpers import check_gradients, check_second_gradients

DATA = os.path.join(os.path.dirname(__file__), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_sub_pixel.npz"))
with open(os.path.join(DATA, "tf_sub_pixel.json")) as f:
    FACTS = json.load(f)


@pytest.fixture(scope="module")
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


@pytest.fixture(scope="module")
def ours(tf):
    return sub_pixel_scenarios.arrays(tf)


@pytest.mark.parametrize("name", sorted(ARRAYS.files))
def test_values_and_dtypes_are_tensorflow_s(ours, name):
    assert ours[name].dtype == ARRAYS[name].dtype, name
    assert ours[name].shape == ARRAYS[name].shape, name
    np.testing.assert_allclose(ours[name], ARRAYS[name], rtol=2e-6, atol=1e-6)


def test_bad_arguments_are_refused_with_tensorflow_s_messages(tf):
    assert sub_pixel_scenarios.errors(tf) == FACTS["errors"]


def test_depth_to_space_on_keras_tensors_makes_keras_s_tfoplambda(tf):
    clear_session()
    assert sub_pixel_scenarios.model_facts(tf) == FACTS["model"]


@pytest.mark.parametrize("block", [2, 3])
def test_the_rearrangements_differentiate_to_the_second_order(block):
    rng = np.random.default_rng(block)
    depth = rng.uniform(-1, 1, (2, 2, 3, block * block * 2))
    check_gradients(lambda x: depth_space.depth_to_space(x, block), depth)
    check_second_gradients(lambda x: ops.multiply(ops.square(depth_space.depth_to_space(
        x, block)), depth_space.depth_to_space(x, block)), depth)
    space = rng.uniform(-1, 1, (1, 2 * block, 3 * block, 2))
    check_gradients(lambda x: depth_space.space_to_depth(x, block), space)
    check_second_gradients(lambda x: ops.multiply(ops.square(depth_space.space_to_depth(
        x, block)), depth_space.space_to_depth(x, block)), space)


def test_a_channels_first_layout_is_not_implemented():
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="tracekeras does not implement tf.nn.depth_to_space with "
                             "data_format='NCHW'"):
        depth_space.depth_to_space(np.zeros((1, 8, 2, 2), "float32"), 2, data_format="NCHW")
