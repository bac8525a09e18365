"""The complex Fourier transforms of tf.signal, tf.complex, tf.math.real/imag/conj, tf.cast
between complex and real dtypes and tf.linalg.matrix_transpose against real TensorFlow 2.21
(data/tf_complex.*, from make_complex_fixtures.py): values, dtypes, gradients of real losses
(FNet's cast(fft2d(cast(x, complex64)), float32) among them), error messages, the layers a
KerasTensor makes; the transforms' gradients against central differences."""
import json
import logging
import os

import numpy as np
import pytest

from tracekeras.backend import complex_ops, ops

from . import complex_scenarios

DATA = os.path.join(os.path.dirname(__file__), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_complex.npz"))
with open(os.path.join(DATA, "tf_complex.json")) as f:
    FACTS = json.load(f)


@pytest.fixture(scope="module")
def ours(tf):
    return complex_scenarios.arrays(tf)


@pytest.mark.parametrize("name", sorted(ARRAYS.files))
def test_values_gradients_and_dtypes_are_tensorflow_s(ours, name):
    assert sorted(ours) == sorted(ARRAYS.files)
    assert ours[name].dtype == ARRAYS[name].dtype, name
    assert ours[name].shape == ARRAYS[name].shape, name
    scale = max(1.0, float(np.abs(ARRAYS[name]).max(initial=0)))
    tolerance = 1e-12 if ARRAYS[name].dtype == np.float64 else 2e-6
    np.testing.assert_allclose(ours[name], ARRAYS[name], rtol=1e-5, atol=tolerance * scale * 10)


def test_bad_arguments_are_refused_with_tensorflow_s_messages(tf):
    assert complex_scenarios.errors(tf) == FACTS["errors"]


def test_keras_tensors_make_tensorflow_s_op_layers(tf):
    from tracekeras.backend import clear_session
    clear_session()
    keras = tf.keras
    facts = complex_scenarios.keras_tensor_facts(tf, keras)
    facts["stack"] = json.loads(json.dumps(facts["stack"]))   # tuples as the fixture's lists
    assert facts == FACTS["keras_tensors"]


def test_casting_away_the_imaginary_part_warns_as_tensorflow_does(caplog):
    z = complex_ops.complex(np.float32([1.5]), np.float32([2.0]))
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        out = ops.cast(z, "float32")
    assert out.value.tolist() == [1.5]
    assert caplog.messages == [
        "You are casting an input of type complex64 to an incompatible dtype float32.  This "
        "will discard the imaginary part and may not be what you intended."]


@pytest.mark.parametrize("name", ["fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d"])
def test_transform_gradients_match_central_differences(name):
    """d/d(re) of sum(real(T(re + i im)) * w) by central differences in float64."""
    fn = getattr(complex_ops, name)
    rng = np.random.default_rng(3)
    re, im = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 3, 4))
    w = rng.standard_normal((2, 3, 4))

    def loss(re_value):
        y = fn(complex_ops.complex(re_value, im))
        return float(np.sum(complex_ops.real(y).value * w))

    from tracekeras.backend import GradientTape, Tensor
    x = Tensor(re)
    with GradientTape() as tape:
        tape.watch(x)
        total = ops.reduce_sum(complex_ops.real(fn(complex_ops.complex(x, im))) * w)
    grad = np.asarray(tape.gradient(total, x))
    numeric = np.zeros_like(re)
    eps = 1e-6
    for index in np.ndindex(re.shape):
        up, down = re.copy(), re.copy()
        up[index] += eps
        down[index] -= eps
        numeric[index] = (loss(up) - loss(down)) / (2 * eps)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-7)
