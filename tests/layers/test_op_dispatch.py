"""``tf.one_hot`` on a model's symbolic input and a Constant matrix in a frozen Embedding,
against tf_keras 2.21 (``make_op_dispatch_fixtures.py``): the TFOpLambda layer op
dispatch makes (its name, output shape, node config), the model's predictions and a
short fit from tf_keras's initial weights, tf_keras's saved file read back, and a
tracekeras save and load that keeps the op's arguments and the matrix."""
import json
import os

import numpy as np
import pytest

from tracekeras import Input, initializers, layers
from tracekeras.backend import array_ops, clear_session, dispatch
from tracekeras.models import Model, load_model

from .layer_helpers import arrays_of

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "op_dispatch.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "op_dispatch.npz"))
DEPTH = 7


def model():
    """The model of make_op_dispatch_fixtures.py, written the same way."""
    clear_session()
    inputs = Input(shape=(None,), dtype="int64")
    hot = array_ops.one_hot(inputs, depth=DEPTH)
    x = layers.LSTM(4)(hot)
    embedded = layers.Embedding(DEPTH, 3, embeddings_initializer=initializers.Constant(
        ARRAYS["matrix"]), trainable=False, mask_zero=True)(inputs)
    y = layers.GlobalAveragePooling1D()(embedded)
    outputs = layers.Dense(1, activation="sigmoid")(layers.concatenate([x, y * 2.0]))
    m = Model(inputs, outputs)
    m.set_weights(arrays_of("initial", ARRAYS))
    return m


def summary_lines(m):
    lines = []
    m.summary(print_fn=lines.append, line_length=100)
    return lines


def test_summary_and_op_layer_configs_match_tf_keras():
    m = model()
    assert summary_lines(m) == KERAS["summary"]
    ops = [layer for layer in m.get_config()["layers"] if layer["class_name"] == "TFOpLambda"]
    assert [{k: v for k, v in layer.items() if k not in ("module", "build_config")}
            for layer in ops] == [
        {k: v for k, v in layer.items() if k not in ("module", "build_config")}
        for layer in KERAS["op_layers"]]


def test_predictions_and_a_short_fit_match_tf_keras():
    m = model()
    x, y = ARRAYS["x"], ARRAYS["y"]
    np.testing.assert_allclose(m.predict(x, verbose=0), ARRAYS["predicted"], rtol=1e-5,
                               atol=1e-6)
    m.compile(optimizer="rmsprop", loss="binary_crossentropy")
    history = m.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history
    np.testing.assert_allclose(history["loss"], KERAS["history"]["loss"], rtol=1e-5)
    for ours, theirs in zip(m.get_weights(), arrays_of("fitted", ARRAYS)):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)


def test_tf_keras_file_with_op_layers_and_a_constant_matrix_loads():
    m = load_model(os.path.join(HERE, "data", "op_dispatch.keras"))
    assert [layer.name for layer in m.layers if type(layer).__name__ == "TFOpLambda"] == [
        "tf.one_hot", "tf.math.multiply"]
    np.testing.assert_allclose(m.predict(ARRAYS["x"], verbose=0), ARRAYS["fitted_predicted"],
                               rtol=1e-5, atol=1e-6)
    embedding = next(layer for layer in m.layers if isinstance(layer, layers.Embedding))
    np.testing.assert_array_equal(embedding.embeddings_initializer.value, ARRAYS["matrix"])


def test_save_and_load_keep_the_op_arguments_and_the_matrix(tmp_path):
    m = model()
    m.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras")
    np.testing.assert_array_equal(loaded.predict(ARRAYS["x"], verbose=0),
                                  m.predict(ARRAYS["x"], verbose=0))
    assert loaded.get_config()["layers"] == m.get_config()["layers"]
    embedding = next(layer for layer in m.get_config()["layers"]
                     if layer["class_name"] == "Embedding")
    assert embedding["config"]["embeddings_initializer"] == KERAS["embedding_initializer"]


def test_eager_one_hot_matches_tf():
    indices = [[0, 2], [5, 1]]
    np.testing.assert_array_equal(array_ops.one_hot(indices, 3).numpy(), ARRAYS["eager_plain"])
    np.testing.assert_array_equal(
        array_ops.one_hot(indices, 3, on_value=5.0, off_value=-1.0, axis=0).numpy(),
        ARRAYS["eager_values"])


def test_positional_arguments_are_named_in_the_node():
    clear_session()
    inputs = Input(shape=(None,), dtype="int64")
    hot = array_ops.one_hot(inputs, 3, 2.0, -1.0)
    assert hot.shape == (None, None, 3)
    config = Model(inputs, hot).get_config()["layers"][1]
    assert config["inbound_nodes"] == [["input_1", 0, 0,
                                        {"depth": 3, "on_value": 2.0, "off_value": -1.0}]]


def test_a_dispatcher_that_declines_leaves_the_op_alone():
    calls = []

    def declining(op_name, op, args, kwargs):
        calls.append(op_name)
        return NotImplemented
    dispatch.add_dispatcher(declining)
    try:
        out = array_ops.one_hot([1], 2)
    finally:
        dispatch.DISPATCHERS.remove(declining)
    assert calls == ["one_hot"]
    assert out.numpy().tolist() == [[0.0, 1.0]]


@pytest.mark.parametrize("axis, shape", [(-1, (None, 5, 3)), (1, (None, 3, 5)),
                                         (2, (None, 5, 3))])
def test_one_hot_output_shape_follows_the_axis(axis, shape):
    clear_session()
    inputs = Input(shape=(5,), dtype="int32")
    assert array_ops.one_hot(inputs, 3, axis=axis).shape == shape
