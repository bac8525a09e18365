"""``tf.nn.l2_normalize`` and ``tf.math.l2_normalize`` on a model's symbolic tensor (keras.io's
metric learning example normalises its embeddings so), against tf_keras 2.21
(``make_l2_normalize_dispatch_fixtures.py``): a TFOpLambda layer named
``tf.math.l2_normalize`` whose node keeps the arguments given by name, the model's
predictions from tf_keras's initial weights, and the eager results."""
import json
import os

import numpy as np
import pytest

from tracekeras import Input, layers, shim
from tracekeras.backend import clear_session
from tracekeras.models import Model

from .layer_helpers import arrays_of, summary_lines

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "l2_normalize_dispatch.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "l2_normalize_dispatch.npz"))


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def model(tf):
    """The model of make_l2_normalize_dispatch_fixtures.py, written the same way."""
    clear_session()
    inputs = Input(shape=(4,))
    x = layers.Dense(3)(inputs)
    unit = tf.nn.l2_normalize(x, axis=-1)
    columns = tf.math.l2_normalize(x, axis=0, epsilon=0.5)
    m = Model(inputs, [unit, columns])
    m.set_weights(arrays_of("initial", ARRAYS))
    return m


def op_layers(config):
    return [{k: v for k, v in layer.items() if k not in ("module", "build_config")}
            for layer in config["layers"] if layer["class_name"] == "TFOpLambda"]


def test_l2_normalize_of_a_model_tensor_is_an_op_layer_as_in_tf_keras(tf):
    m = model(tf)
    assert summary_lines(m, line_length=100) == KERAS["summary"]
    assert op_layers(m.get_config()) == op_layers({"layers": KERAS["op_layers"]})


def test_the_model_normalises_as_tf_keras_does(tf):
    unit, columns = model(tf).predict(ARRAYS["x"], verbose=0)
    np.testing.assert_allclose(unit, ARRAYS["unit"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(columns, ARRAYS["columns"], rtol=1e-5, atol=1e-6)


def test_eager_l2_normalize_as_in_tensorflow(tf):
    x = ARRAYS["eager"]
    np.testing.assert_allclose(np.asarray(tf.nn.l2_normalize(x)), ARRAYS["eager_all"], rtol=1e-6)
    np.testing.assert_allclose(np.asarray(tf.math.l2_normalize(x, axis=1)),
                               ARRAYS["eager_rows"], rtol=1e-6)
    np.testing.assert_allclose(np.asarray(tf.math.l2_normalize(x, axis=(0, 1), epsilon=100.0)),
                               ARRAYS["eager_tuple"], rtol=1e-6)


def test_keras_backend_and_linalg_l2_normalize_of_a_model_tensor_are_op_layers_too(tf):
    from tracekeras import backend
    clear_session()
    inputs = Input(shape=(4,))
    x = layers.Dense(3)(inputs)
    m = Model(inputs, [backend.l2_normalize(x, axis=1), tf.linalg.l2_normalize(x, axis=-1)])
    assert summary_lines(m, line_length=100) == KERAS["backend_summary"]
    assert op_layers(m.get_config()) == op_layers({"layers": KERAS["backend_op_layers"]})
