"""``GaussianDropout`` and a seeded ``Dropout`` (and ``AlphaDropout``) against tf_keras 2.21
(``make_gaussian_dropout_fixtures.py``): their noise is TensorFlow's ``tf.random.normal``
(``tf.random.uniform``) through Keras's legacy ``RandomGenerator``, as ``GaussianNoise``'s,
so a seeded layer's draws (the seed, then one more per eager call; a second layer of the
same seed meets the eager kernel the first moved on), an unseeded layer's under
``set_random_seed`` and a two-epoch fit through a traced train function give tf_keras's
numbers."""
import json
import os

import numpy as np

import tracekeras as keras
from tracekeras import layers

from . import short_fit
from .layer_helpers import arrays_of

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "gaussian_dropout.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "gaussian_dropout.npz"))


def test_a_seeded_layer_draws_tf_keras_s_noise():
    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    x = ARRAYS["x"]
    seeded = layers.GaussianDropout(0.4, seed=11)
    for i in range(3):
        np.testing.assert_allclose(np.asarray(seeded(x, training=True)), ARRAYS[f"seeded{i}"],
                                   rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(np.asarray(seeded(x, training=False)),
                                  ARRAYS["not_training"])
    assert seeded.get_config() == KERAS["config"]
    for rate in (0, 1):
        np.testing.assert_array_equal(
            np.asarray(layers.GaussianDropout(float(rate), seed=1)(x, training=True)),
            ARRAYS[f"rate{rate}"])


def test_an_unseeded_layer_under_set_random_seed():
    keras.utils.set_random_seed(3)
    unseeded = layers.GaussianDropout(0.5)
    for i in range(2):
        np.testing.assert_allclose(np.asarray(unseeded(ARRAYS["x"], training=True)),
                                   ARRAYS[f"unseeded{i}"], rtol=1e-6, atol=1e-7)


def fitted(middle, prefix, history):
    keras.backend.clear_session()
    keras.utils.set_random_seed(7)
    m = keras.Sequential([layers.Dense(6, activation="sigmoid", input_shape=(4,)), middle,
                          layers.Dense(2)])
    m.set_weights(arrays_of(f"{prefix}initial", ARRAYS))
    x, y = ARRAYS["fit_x"], ARRAYS["fit_y"]
    np.testing.assert_allclose(m.predict(x, verbose=0), ARRAYS[f"{prefix}predicted"],
                               rtol=1e-5, atol=1e-6)
    short_fit.assert_matches(m, x, y, history, arrays_of(f"{prefix}fitted", ARRAYS),
                             optimizer="sgd", loss="mse")
    return m


def test_a_fit_through_the_noise():
    m = fitted(layers.GaussianDropout(0.3, seed=5), "", KERAS["history"])
    assert m.layers[1].get_config() == KERAS["fit_config"]


def test_a_seeded_dropout_draws_tf_keras_s_masks():
    keras.backend.clear_session()
    keras.utils.set_random_seed(2)
    ones = np.ones((4, 10), "float32")
    first, second = layers.Dropout(0.5, seed=3), layers.Dropout(0.5, seed=3)
    for name, layer in (("first0", first), ("first1", first), ("second0", second)):
        np.testing.assert_array_equal(np.asarray(layer(ones, training=True)),
                                      ARRAYS[f"dropout_{name}"])
    alpha = layers.AlphaDropout(0.3, seed=9)
    for name in ("first0", "first1"):
        np.testing.assert_allclose(np.asarray(alpha(ones, training=True)),
                                   ARRAYS[f"alpha_{name}"], rtol=1e-6)
    fitted(layers.Dropout(0.3, seed=5), "dropout_", KERAS["dropout_history"])
