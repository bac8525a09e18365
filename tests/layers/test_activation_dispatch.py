"""Keras activation functions on a model's symbolic tensors (``keras.activations.relu(z)``,
as the book's WaveNet writes it), against tf_keras 2.21
(``make_activation_dispatch_fixtures.py``): each becomes a TFOpLambda layer named after
the TensorFlow op it runs (``tf.nn.relu``, ``tf.math.sigmoid``, ``tf.math.tanh``), with
tf_keras's node config; the model's predictions and a short fit from tf_keras's initial
weights; a save and load that keeps the layers."""
import json
import os

import numpy as np

from tracekeras import Input, activations, layers
from tracekeras import backend as K
from tracekeras.backend import clear_session, nn
from tracekeras.engine.keras_tensor import KerasTensor
from tracekeras.models import Model, load_model

from . import short_fit
from .layer_helpers import arrays_of, summary_lines

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "activation_dispatch.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "activation_dispatch.npz"))


def model():
    """The model of make_activation_dispatch_fixtures.py, written the same way."""
    clear_session()
    inputs = Input(shape=(None, 2))
    z = layers.Conv1D(4, kernel_size=2, padding="causal")(inputs)
    relu = activations.relu(z)
    sigmoid = activations.sigmoid(z)
    tanh = activations.tanh(z)
    z = layers.Add()([relu, sigmoid, tanh])
    outputs = layers.Conv1D(3, kernel_size=1)(z)
    m = Model(inputs, outputs)
    m.set_weights(arrays_of("initial", ARRAYS))
    return m


def backend_model():
    """make_activation_dispatch_fixtures.backend_model, written the same way."""
    clear_session()
    inputs = Input(shape=(4,))
    z = layers.Dense(3)(inputs)
    latent = -0.5 * K.sum(1 + z - K.exp(z) - K.square(z), axis=-1)
    m = Model(inputs, [latent, K.mean(latent) / 784.0])
    m.set_weights(arrays_of("backend_initial", ARRAYS))
    return m


def test_keras_backend_functions_on_a_model_tensor_are_op_layers_as_in_tf_keras():
    m = backend_model()
    assert summary_lines(m, line_length=100) == KERAS["backend_summary"]
    assert op_layers(m.get_config()) == op_layers({"layers": KERAS["backend_op_layers"]})
    latent, mean = m.predict(ARRAYS["x"][:, 0, :2].repeat(2, axis=1), verbose=0)
    np.testing.assert_allclose(latent, ARRAYS["backend_latent"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(mean, ARRAYS["backend_mean"], rtol=1e-5, atol=1e-7)


def op_layers(config):
    return [{k: v for k, v in layer.items() if k not in ("module", "build_config")}
            for layer in config["layers"] if layer["class_name"] == "TFOpLambda"]


def test_each_activation_is_a_layer_named_after_its_op_as_in_tf_keras():
    m = model()
    assert summary_lines(m, line_length=100) == KERAS["summary"]
    assert op_layers(m.get_config()) == op_layers({"layers": KERAS["op_layers"]})


def test_the_activations_still_compute_on_arrays():
    x = np.array([[-1.0, 0.5]], dtype="float32")
    assert not isinstance(activations.relu(x), KerasTensor)
    np.testing.assert_allclose(np.asarray(activations.relu(x)), [[0.0, 0.5]])
    np.testing.assert_allclose(np.asarray(nn.tanh(x)), np.tanh(x), rtol=1e-6)


def test_predictions_and_a_short_fit_match_tf_keras():
    m = model()
    x, y = ARRAYS["x"], ARRAYS["y"]
    np.testing.assert_allclose(m.predict(x, verbose=0), ARRAYS["predicted"], rtol=1e-5,
                               atol=1e-6)
    short_fit.assert_matches(m, x, y, KERAS["history"], arrays_of("fitted", ARRAYS),
                             optimizer="adam", loss="mse")


def test_save_and_load_keep_the_op_layers(tmp_path):
    m = model()
    m.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras")
    assert [layer.name for layer in loaded.layers if type(layer).__name__ == "TFOpLambda"] == [
        "tf.nn.relu", "tf.math.sigmoid", "tf.math.tanh"]
    np.testing.assert_allclose(loaded.predict(ARRAYS["x"], verbose=0),
                               m.predict(ARRAYS["x"], verbose=0), rtol=1e-6)

