"""The error function and gelu against real tf_keras (data/gelu.npz, make_gelu_fixtures.py).

TensorFlow computes erf, erfc and tanh in float32 by its own approximations, tracekeras
erfc in float64 cast to float32 and tanh by NumPy: the values agree to a few float32 units
in the last place (the tanh form of gelu loses more in ``1 + tanh`` near -1).
"""
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

REF = np.load(os.path.join(os.path.dirname(__file__), "data", "gelu.npz"))
X = REF["x"]


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def gradient(tf, fn):
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(fn(x))
    return np.asarray(tape.gradient(y, x))


def test_erf_and_erfc_are_tensorflow_s_to_float32_precision(tf):
    np.testing.assert_allclose(np.asarray(tf.math.erf(X)), REF["erf"], rtol=1e-6, atol=1e-7)
    erfc = np.asarray(tf.math.erfc(X))
    assert erfc.dtype == np.float32
    # the far tail (erfc(9) ~ 4e-37) too, relative to the value
    np.testing.assert_allclose(erfc, REF["erfc"], rtol=2e-6, atol=1e-37)


def test_gelu_values_and_gradients_are_tensorflow_s(tf):
    np.testing.assert_allclose(np.asarray(tf.nn.gelu(X)), REF["gelu"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(gradient(tf, tf.nn.gelu), REF["gelu_gradient"],
                               rtol=1e-6, atol=1e-7)
    approx = np.asarray(tf.nn.gelu(X, approximate=True))
    np.testing.assert_allclose(approx, REF["gelu_approximate"], rtol=1e-5, atol=1e-6)
    # TensorFlow's float32 tanh reaches -1 (and its gradient 0) sooner than NumPy's, near
    # x = -5, where the gradient is about 1e-6
    np.testing.assert_allclose(gradient(tf, lambda x: tf.nn.gelu(x, approximate=True)),
                               REF["gelu_approximate_gradient"], rtol=1e-5, atol=3e-6)


def test_keras_gelu_by_function_and_by_name(tf):
    keras = tf.keras
    np.testing.assert_allclose(np.asarray(keras.activations.gelu(X)), REF["keras_gelu"],
                               rtol=1e-6, atol=1e-7)
    layer_out = np.asarray(keras.layers.Activation("gelu")(X[None]))[0]
    np.testing.assert_allclose(layer_out, REF["layer"], rtol=1e-6, atol=1e-7)
    assert keras.activations.serialize(keras.activations.gelu) == str(REF["serialized"])


def test_gelu_refuses_integers_as_tensorflow_does(tf):
    with pytest.raises(ValueError, match="`features.dtype` must be a floating point tensor"):
        tf.nn.gelu(np.array([1, 2]))


def test_erf_and_erfc_keep_float32_digits_everywhere():
    """Against Python's math.erf and math.erfc (float64): erfc within 2e-7 of its value from
    -6 to 9 (the tail included, down to 1e-37), erf within 2e-7 near 0 too, where
    1 - erfc would keep only an absolute error."""
    import math

    from tracekeras.backend.error_function import erf_values, erfc_values
    z = np.concatenate([np.linspace(-6, 9, 20001), np.geomspace(1e-30, 0.5, 200)])
    erfc = np.array([math.erfc(v) for v in z])
    assert np.max(np.abs(erfc_values(z) - erfc) / erfc) < 2e-7
    erf = np.array([math.erf(v) for v in z])
    keep = erf != 0
    assert np.max(np.abs(erf_values(z)[keep] - erf[keep]) / np.abs(erf[keep])) < 2e-7
