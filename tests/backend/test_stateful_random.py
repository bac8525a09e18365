"""tf.random.Generator (Philox) against real TensorFlow (data/tf_stateful_random.npz, from
make_stateful_random_fixtures.py): the state after each draw and the numbers drawn, uniform
and int draws bit for bit, normal draws to the last bit of float32 (see
backend.random_distributions)."""
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

from . import stateful_random_scenarios

ARRAYS = np.load(os.path.join(os.path.dirname(__file__), "data", "tf_stateful_random.npz"))


@pytest.fixture(scope="module")
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


@pytest.fixture(scope="module")
def ours(tf):
    return stateful_random_scenarios.arrays(tf)


@pytest.mark.parametrize("name", sorted(ARRAYS.files))
def test_states_and_draws_are_tensorflow_s(ours, name):
    assert ours[name].dtype == ARRAYS[name].dtype, name
    assert ours[name].shape == ARRAYS[name].shape, name
    if "normal" in name:
        np.testing.assert_allclose(ours[name], ARRAYS[name], rtol=1e-6)
    else:
        np.testing.assert_array_equal(ours[name], ARRAYS[name])


def test_each_draw_moves_the_state_and_seeds_differ():
    seeds = [ARRAYS[f"make_seeds_{i}"] for i in range(3)]
    assert len({tuple(s) for s in seeds}) == 3
    assert ARRAYS["state_after_seeds_0"][0] == ARRAYS["state_0"][0] + 2 * 256


def test_threefry_is_not_implemented(tf):
    with pytest.raises(OperationNotImplementedByTracekeras, match="alg='threefry'"):
        tf.random.Generator.from_seed(1, alg="threefry")
