"""AlphaDropout against tf_keras 2.21 (``make_alpha_dropout_fixtures.py``): the eager
draws after ``set_random_seed`` and the gradients through them, the pass-through cases,
a two-epoch fit whose train function draws the masks (losses and weights), the summary,
the config and the weights (none)."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import alpha_dropout_cases as cases

DATA = os.path.join(os.path.dirname(__file__), "data")
KERAS = dict(np.load(os.path.join(DATA, "alpha_dropout.npz")))
with open(os.path.join(DATA, "alpha_dropout.json")) as f:
    FACTS = json.load(f)


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def test_eager_draws_outputs_and_gradients(tf):
    for name, value in cases.eager(tf).items():
        np.testing.assert_allclose(value, KERAS[f"eager/{name}"], rtol=1e-6, atol=1e-6,
                                   err_msg=name)


def test_dropped_values_and_the_affine_map():
    """Each value is ``a * x + b`` where kept and ``a * alpha_p + b`` where dropped."""
    x, y = cases.inputs(), KERAS["eager/training_0"]
    rate, alpha_p = 0.3, -1.6732632423543772 * 1.0507009873554805
    a = ((1 - rate) * (1 + rate * alpha_p**2)) ** -0.5
    b = -a * alpha_p * rate
    dropped = np.isclose(y, a * alpha_p + b, atol=1e-6)
    assert 0 < dropped.sum() < y.size
    np.testing.assert_allclose(y[~dropped], a * x[~dropped] + b, rtol=1e-6)


def test_a_fit_draws_the_masks_of_tf_keras(tf):
    for name, value in cases.fit(tf).items():
        np.testing.assert_allclose(value, KERAS[f"fit/{name}"], rtol=1e-5, atol=1e-6,
                                   err_msg=name)


def test_summary_config_and_weights(tf):
    assert cases.summary_and_config(tf) == FACTS
    layer = tf.keras.layers.deserialize(tf.keras.layers.serialize(
        tf.keras.layers.AlphaDropout(0.2, seed=5, name="alpha")))
    assert layer.get_config() == FACTS["config"]
