"""Recurrent models with stacked cells, dropout, go_backwards, unroll and stateful layers
survive get_config/from_config and ``.keras`` files, in tracekeras and in real tf_keras 2.21
(files from ``make_rnn_saving_files.py``, verdict in ``tf_keras_rnn_check.json`` from
``check_rnn_saving_with_tf_keras.py``)."""
import json
import os
import zipfile

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential, load_model
from tracekeras.utils.nest import flatten

from . import rnn_saving_models
from .rnn_helpers import DATA

with open(os.path.join(DATA, "tf_keras_rnn_check.json")) as f:
    VERDICT = json.load(f)


def member(path, name):
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


@pytest.mark.parametrize("name", sorted(rnn_saving_models.MODELS))
def test_tf_keras_read_our_files(name, tmp_path):
    """tf_keras loaded what tracekeras wrote (same weights, same predictions, the options read
    back), names the weights as tracekeras does, and tracekeras still writes that config."""
    entry = VERDICT[f"tk_rnn_{name}.keras"]
    assert entry["loaded"] and entry["weights_equal"]
    assert entry["prediction_max_abs_diff"] < 1e-6
    clear_session()
    model, _ = rnn_saving_models.trained(name)
    model.save(tmp_path / f"{name}.keras")
    assert member(tmp_path / f"{name}.keras", "config.json") == member(
        os.path.join(DATA, f"tk_rnn_{name}.keras"), "config.json")
    recurrent = [layer for layer in model.layers if hasattr(layer, "cell")]
    described = [layer for layer in entry["layers"] if "cell" in layer.get("class", "")
                 or "cells" in layer]
    assert [[w.name for w in layer.weights] for layer in recurrent] == \
        [layer["weights"] for layer in described]
    for layer, seen in zip(recurrent, described):
        cells = getattr(layer.cell, "cells", [layer.cell])
        assert seen["cells"] == [[type(c).__name__, c.dropout, c.recurrent_dropout]
                                 for c in cells]
        assert [seen["stateful"], seen["go_backwards"], seen["unroll"]] == \
            [layer.stateful, layer.go_backwards, layer.unroll]
    assert entry["input_shape"] == list(model.input_shape)


@pytest.mark.parametrize("name", sorted(rnn_saving_models.MODELS))
def test_a_saved_recurrent_model_loads_with_its_options(name, tmp_path):
    clear_session()
    model, x = rnn_saving_models.trained(name)
    model.save(tmp_path / "model.keras")
    loaded = load_model(tmp_path / "model.keras")
    assert [layer.get_config() for layer in loaded.layers] == \
        [layer.get_config() for layer in model.layers]
    np.testing.assert_array_equal(loaded.predict(x, batch_size=4, verbose=0),
                                  model.predict(x, batch_size=4, verbose=0))


def test_a_loaded_stateful_model_starts_from_zeros_and_keeps_its_states(tmp_path):
    """States are not weights: the file has none, the loaded model starts from zeros, then
    carries its states from call to call and reset_states() clears them."""
    clear_session()
    model, x = rnn_saving_models.trained("stateful")
    first = model.predict(x, batch_size=4, verbose=0)
    second = model.predict(x, batch_size=4, verbose=0)
    assert not np.allclose(first, second)
    model.save(tmp_path / "model.keras")
    loaded = load_model(tmp_path / "model.keras")
    assert len(loaded.weights) == len(model.weights)
    np.testing.assert_array_equal(loaded.predict(x, batch_size=4, verbose=0), first)
    np.testing.assert_array_equal(loaded.predict(x, batch_size=4, verbose=0), second)
    loaded.reset_states()
    np.testing.assert_array_equal(loaded.predict(x, batch_size=4, verbose=0), first)


class MinimalRNNCell(layers.Layer):
    """The RNN guide's custom cell, with a config so that it can be rebuilt."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        output = inputs @ self.kernel + states[0] @ self.recurrent_kernel
        return output, [output]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@pytest.mark.parametrize("layer", [
    lambda: layers.RNN([layers.LSTMCell(3, dropout=0.1), MinimalRNNCell(2)],
                       return_state=True, go_backwards=True),
    lambda: layers.RNN(layers.StackedRNNCells([layers.GRUCell(3, recurrent_dropout=0.2),
                                               layers.SimpleRNNCell(2)]), unroll=True),
    lambda: layers.SimpleRNN(2, dropout=0.3, recurrent_dropout=0.3, stateful=True,
                             batch_input_shape=(2, 5, 4)),
    lambda: layers.Bidirectional(layers.RNN([layers.LSTMCell(2), layers.LSTMCell(2)],
                                            return_sequences=True)),
], ids=["stack_with_custom_cell", "stacked_rnn_cells_unroll", "stateful_dropout",
        "bidirectional_stack"])
def test_config_round_trip_keeps_the_options_and_the_numbers(layer):
    clear_session()
    original = layer()
    x = np.random.default_rng(0).standard_normal((2, 5, 4)).astype(np.float32)
    original.build(x.shape)
    config = original.get_config()
    rebuilt = type(original).from_config(config,
                                         custom_objects={"MinimalRNNCell": MinimalRNNCell})
    assert rebuilt.get_config() == config
    rebuilt.build(x.shape)
    rebuilt.set_weights(original.get_weights())
    for ours, theirs in zip(flatten(original(x)), flatten(rebuilt(x))):
        np.testing.assert_array_equal(ours.value, theirs.value)


def test_a_model_with_stacked_cells_rebuilt_from_its_config_computes_the_same():
    clear_session()
    model = rnn_saving_models.stacked_model()
    clone = Model.from_config(model.get_config())
    clone.set_weights(model.get_weights())
    x = np.random.default_rng(1).standard_normal((3, 6, 3)).astype(np.float32)
    np.testing.assert_array_equal(clone(x).value, model(x).value)
    clear_session()
    model = rnn_saving_models.stateful_model()
    clone = Sequential.from_config(model.get_config())
    assert clone.input_shape == (4, 6, 3) and clone.layers[0].stateful
