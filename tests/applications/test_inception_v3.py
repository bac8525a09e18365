"""``keras.applications.inception_v3`` against tf_keras 2.21 (data/inception_v3.json, made
by make_inception_v3_fixtures.py): ``preprocess_input`` of arrays, channels-first pixels,
an eager tensor and a KerasTensor, ``decode_predictions``'s error; the network itself is
not implemented and says so."""
import numpy as np
import pytest

import tracekeras
from tracekeras.backend.tensor import convert

from . import fixture_data

KERAS = fixture_data.keras_facts("inception_v3")
MODULE = tracekeras.applications.inception_v3


def images():
    return np.random.RandomState(0).randint(0, 256, size=(2, 4, 5, 3)).astype("uint8")


def test_arrays_are_scaled_to_minus_one_one_as_tf_keras_scales_them():
    out = MODULE.preprocess_input(images())
    assert str(out.dtype) == KERAS["uint8_dtype"]
    np.testing.assert_allclose(out, KERAS["uint8"], rtol=1e-6)
    np.testing.assert_allclose(MODULE.preprocess_input(images().astype("float64")),
                               KERAS["float64"], rtol=1e-12)
    first = np.moveaxis(images(), -1, 1).astype("float32")
    np.testing.assert_allclose(MODULE.preprocess_input(first, data_format="channels_first"),
                               KERAS["channels_first"], rtol=1e-6)


def test_tensors_are_scaled_and_a_keras_tensor_adds_two_op_layers():
    eager = MODULE.preprocess_input(convert(images().astype("float32")))
    np.testing.assert_allclose(np.asarray(eager), KERAS["eager"], rtol=1e-6)
    tracekeras.backend.clear_session()
    inputs = tracekeras.Input((4, 5, 3))
    model = tracekeras.Model(inputs, MODULE.preprocess_input(inputs))
    assert [layer.name for layer in model.layers] == KERAS["keras_tensor_layers"]
    np.testing.assert_allclose(np.asarray(model(images().astype("float32"))),
                               KERAS["keras_tensor_output"], rtol=1e-6)


def test_decode_predictions_wants_a_thousand_classes():
    kind, message = KERAS["bad_decode"]
    with pytest.raises(Exception) as caught:
        MODULE.decode_predictions(np.zeros((2, 10)))
    assert type(caught.value).__name__ == kind and str(caught.value) == message


def test_the_network_itself_is_not_implemented():
    assert not hasattr(MODULE, "InceptionV3")
    assert not hasattr(tracekeras.applications, "InceptionV3")
