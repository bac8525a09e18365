"""The recurrent layers in the trace: the build stage (RNN.build, then the cell's build in
its name scope with kernel, recurrent_kernel and bias; Bidirectional building both copies),
the ``keras.backend.rnn`` loop at each call, and a fit that tracing leaves bit-identical."""
import os

import numpy as np

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Sequential

from .rnn_helpers import DATA
from .test_recurrent import bidirectional_gru_model

ADD_WEIGHT = "keras.engine.base_layer.Layer.add_weight"
BUILDS = ("keras.layers.rnn.base_rnn.RNN.build", "keras.layers.rnn.lstm.LSTMCell.build")


def build_records(t):
    return [r for r in t.records if r["ph"] == "B"
            and (r["name"].endswith(".build") or r["name"] == ADD_WEIGHT)]


def test_lstm_build_is_rnn_build_then_the_cell_s_three_weights():
    clear_session()
    with tracekeras.trace(level="full") as t:
        Sequential([layers.Input(shape=(None, 8)), layers.LSTM(4)])
    spans = {r["id"]: r for r in t.records if r["ph"] == "B"}
    parent = {r["id"]: spans.get(r["parent"], {}).get("name") for r in spans.values()}
    rows = [(r["name"], r["args"].get("weight"), r["args"].get("input_shape"),
             parent[r["id"]] if parent[r["id"]] in BUILDS else None)
            for r in build_records(t)]
    assert rows == [
        ("keras.layers.rnn.base_rnn.RNN.build", None, [None, None, 8], None),
        ("keras.layers.rnn.lstm.LSTMCell.build", None, [None, 8],
         "keras.layers.rnn.base_rnn.RNN.build"),
        (ADD_WEIGHT, "kernel", None, "keras.layers.rnn.lstm.LSTMCell.build"),
        (ADD_WEIGHT, "recurrent_kernel", None, "keras.layers.rnn.lstm.LSTMCell.build"),
        (ADD_WEIGHT, "bias", None, "keras.layers.rnn.lstm.LSTMCell.build"),
    ]


def test_bidirectional_builds_the_forward_then_the_backward_copy():
    clear_session()
    with tracekeras.trace(level="full") as t:
        Sequential([layers.Input(shape=(5, 3)), layers.Bidirectional(layers.GRU(2))])
    names = [(r["name"].rsplit(".", 2)[-2], r["args"].get("layer"),
              r["args"].get("weight")) for r in build_records(t)]
    assert names == [
        ("Bidirectional", "bidirectional", None),
        ("RNN", "forward_gru", None), ("GRUCell", "gru_cell", None),
        ("Layer", "gru_cell", "kernel"), ("Layer", "gru_cell", "recurrent_kernel"),
        ("Layer", "gru_cell", "bias"),
        ("RNN", "backward_gru", None), ("GRUCell", "gru_cell", None),
        ("Layer", "gru_cell", "kernel"), ("Layer", "gru_cell", "recurrent_kernel"),
        ("Layer", "gru_cell", "bias")]


def test_each_call_runs_the_backend_loop_over_the_timesteps():
    clear_session()
    layer = layers.SimpleRNN(2, go_backwards=True)
    x = np.ones((3, 7, 2), np.float32)
    with tracekeras.trace(level="full") as t:
        layer(x, mask=np.ones((3, 7), bool))
    loops = [r for r in t.records if r["ph"] == "B" and r["name"] == "keras.backend.rnn"]
    assert [r["args"] for r in loops] == [
        {"timesteps": 7, "batch": 3, "go_backwards": True, "masked": True}]


def test_tracing_leaves_a_recurrent_fit_bit_identical():
    data = np.load(os.path.join(DATA, "rnn_fit.npz"))
    name = "bidirectional_gru"

    def fit():
        clear_session()
        model = bidirectional_gru_model()
        model.set_weights([data[f"{name}/initial{i}"]
                           for i in range(len(model.get_weights()))])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        history = model.fit(data[f"{name}/x"], data[f"{name}/y"], batch_size=16, epochs=2,
                            shuffle=False, verbose=0)
        return history.history["loss"], model.get_weights()
    plain_loss, plain_weights = fit()
    with tracekeras.trace(level="full"):
        traced_loss, traced_weights = fit()
    assert plain_loss == traced_loss
    for plain, traced in zip(plain_weights, traced_weights):
        np.testing.assert_array_equal(plain, traced)


def test_a_stack_of_cells_builds_each_cell_on_the_output_of_the_one_below():
    clear_session()
    with tracekeras.trace(level="full") as t:
        Sequential([layers.Input(shape=(None, 5)),
                    layers.RNN([layers.LSTMCell(4), layers.GRUCell(3)])])
    rows = [(r["name"].rsplit(".", 2)[-2], r["args"].get("layer"),
             r["args"].get("weight") or r["args"].get("input_shape")) for r in build_records(t)]
    assert rows == [
        ("RNN", "rnn", [None, None, 5]), ("StackedRNNCells", "stacked_rnn_cells", [None, 5]),
        ("LSTMCell", "lstm_cell", [None, 5]), ("Layer", "lstm_cell", "kernel"),
        ("Layer", "lstm_cell", "recurrent_kernel"), ("Layer", "lstm_cell", "bias"),
        ("GRUCell", "gru_cell", [None, 4]), ("Layer", "gru_cell", "kernel"),
        ("Layer", "gru_cell", "recurrent_kernel"), ("Layer", "gru_cell", "bias")]


def test_tracing_leaves_a_fit_with_dropout_and_states_bit_identical():
    """Dropout masks come from the seeded generator and stateful states carry over batches:
    the traced run draws the same masks and keeps the same states."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 5, 3)).astype(np.float32)
    y = rng.standard_normal((16, 1)).astype(np.float32)

    def fit():
        clear_session()
        tracekeras.utils.set_random_seed(9)
        model = Sequential([
            layers.Input(batch_shape=(4, 5, 3)),
            layers.LSTM(3, dropout=0.2, recurrent_dropout=0.2, stateful=True,
                        return_sequences=True),
            layers.RNN([layers.GRUCell(2, dropout=0.3), layers.SimpleRNNCell(2)]),
            layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
        return history.history["loss"], model.get_weights(), model.layers[0].states
    plain_loss, plain_weights, plain_states = fit()
    with tracekeras.trace(level="full"):
        traced_loss, traced_weights, traced_states = fit()
    assert plain_loss == traced_loss
    for plain, traced in zip(plain_weights + plain_states, traced_weights + traced_states):
        np.testing.assert_array_equal(np.asarray(getattr(plain, "value", plain)),
                                      np.asarray(getattr(traced, "value", traced)))
