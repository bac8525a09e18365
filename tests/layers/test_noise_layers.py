"""``GaussianNoise`` and ``ActivityRegularization`` against tf_keras 2.21
(``make_noise_fixtures.py``): summary and configs, outputs with and without training,
the activity penalty, and a two-epoch fit from tf_keras's initial weights (the noise of
a seeded GaussianNoise is TensorFlow's, one op seed per eager call and per trace of the
train function, so the fit's numbers agree)."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, utils
from tracekeras.backend import clear_session
from tracekeras.models import Sequential

from . import short_fit
from .layer_helpers import arrays_of, summary_lines

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "noise_layers.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "noise_layers.npz"))


def model():
    clear_session()
    utils.set_random_seed(7)
    m = Sequential([
        layers.Dense(6, activation="sigmoid", input_shape=(4,)),
        layers.ActivityRegularization(l1=1e-3, l2=1e-2),
        layers.GaussianNoise(0.3, seed=5),
        layers.Dense(2),
    ])
    m.set_weights(arrays_of("initial", ARRAYS))
    return m


def test_summary_and_configs_match_tf_keras():
    m = model()
    assert summary_lines(m, line_length=90) == KERAS["summary"]
    assert [m.layers[1].get_config(), m.layers[2].get_config()] == KERAS["configs"]
    assert m.layers[1].weights == [] and m.layers[2].weights == []


def test_outputs_and_the_activity_penalty_match_tf_keras():
    m = model()
    x = ARRAYS["x"]
    np.testing.assert_allclose(m.predict(x, verbose=0), ARRAYS["predicted"], rtol=1e-5,
                               atol=1e-6)
    hidden = m.layers[0](x)
    np.testing.assert_allclose(np.asarray(m.layers[1](hidden)), ARRAYS["regularized"],
                               rtol=1e-6)
    np.testing.assert_allclose([float(np.asarray(loss)) for loss in m.layers[1].losses],
                               ARRAYS["regularizer_loss"], rtol=1e-5)
    np.testing.assert_array_equal(np.asarray(m.layers[2](hidden, training=False)),
                                  np.asarray(hidden))
    np.testing.assert_allclose(np.asarray(m.layers[2](hidden, training=False)),
                               ARRAYS["not_training"], rtol=1e-6)
    np.testing.assert_allclose(np.asarray(m.layers[2](hidden, training=True)), ARRAYS["noisy"],
                               rtol=1e-5, atol=1e-6)


def test_noise_while_training_has_the_stddev():
    layer = layers.GaussianNoise(0.3)
    x = np.zeros((200, 50), dtype="float32")
    noisy = np.asarray(layer(x, training=True))
    assert noisy.shape == x.shape and noisy.dtype == np.float32
    assert abs(noisy.std() - 0.3) < 0.01
    np.testing.assert_array_equal(np.asarray(layer(x)), x)


def test_a_short_fit_matches_tf_keras():
    m = model()
    m.layers[2](m.layers[0](ARRAYS["x"]), training=True)   # as the fixture: seed 5 drawn
    short_fit.assert_matches(m, ARRAYS["x"], ARRAYS["y"], KERAS["history"],
                             arrays_of("fitted", ARRAYS), optimizer="sgd", loss="mse")


@pytest.mark.parametrize("layer", [layers.GaussianNoise(0.2, seed=1),
                                   layers.ActivityRegularization(l1=0.5)])
def test_from_config_round_trip(layer):
    again = type(layer).from_config(layer.get_config())
    assert again.get_config() == layer.get_config()
