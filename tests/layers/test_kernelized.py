"""RandomFourierFeatures against tf_keras 2.21 (``data/kernelized.json``, made by
``make_kernelized_fixtures.py`` running the same ``scenarios`` on real Keras): weights and
their trainability, default scale, config, output for given weights, the "laplacian"
kernel's draws from NumPy's global generator, the errors, a trainable scale under its
non-negativity constraint; and the quasi-SVM trains."""
import json
import os

import numpy as np
import pytest

import tracekeras as keras
from tests.layers.make_kernelized_fixtures import scenarios
from tracekeras.layers.experimental import RandomFourierFeatures

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                       "kernelized.json"), encoding="utf-8") as f:
    EXPECTED = json.load(f)

OURS = scenarios(keras)


@pytest.mark.parametrize("part", ["gaussian", "laplacian", "errors"])
def test_random_fourier_features_is_keras_s(part):
    assert OURS[part] == EXPECTED[part]


def test_random_fourier_features_output_for_given_weights():
    np.testing.assert_allclose(OURS["call"]["y"], EXPECTED["call"]["y"], rtol=1e-5, atol=1e-6)


def test_a_trainable_scale_learns_under_keras_s_non_negativity_constraint():
    expected, ours = EXPECTED["trainable"], OURS["trainable"]
    assert {k: ours[k] for k in ("trainable", "constraint", "config_trainable")} == {
        k: expected[k] for k in ("trainable", "constraint", "config_trainable")}
    np.testing.assert_allclose(ours["loss"], expected["loss"], atol=2e-5)
    np.testing.assert_allclose(ours["kernel_scale"], expected["kernel_scale"], atol=2e-5)


def test_a_negative_scale_is_set_to_zero_after_the_step():
    layer = RandomFourierFeatures(output_dim=2, scale=0.1, trainable=True)
    layer.build((None, 2))
    optimizer = keras.optimizers.SGD(learning_rate=1.0)
    optimizer.apply_gradients([(np.array([5.0], "float32"), layer.kernel_scale)])
    np.testing.assert_array_equal(layer.kernel_scale.numpy(), [0.0])


def test_a_linear_model_on_random_features_learns_and_the_features_stay_fixed():
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((128, 6)).astype("float32")
    y = keras.utils.to_categorical((x[:, 0] > 0).astype(int))
    rff = RandomFourierFeatures(output_dim=64, scale=2.0)
    model = keras.Sequential([keras.Input(shape=(6,)), rff, keras.layers.Dense(2)])
    model.compile(optimizer="adam", loss=keras.losses.hinge)
    before = [w.copy() for w in rff.get_weights()]
    losses = model.fit(x, y, epochs=5, batch_size=32, verbose=0).history["loss"]
    assert losses[-1] < losses[0]
    for old, new in zip(before, rff.get_weights()):
        np.testing.assert_array_equal(old, new)
