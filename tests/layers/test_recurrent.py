"""SimpleRNN, LSTM, GRU and the RNN(cell) wrapper against tf_keras 2.21 (fixtures from
make_rnn_fixtures.py): outputs and gradients for the same weights (with return_sequences,
return_state, go_backwards, initial_state and masks), weight names, output shapes, configs,
model.summary(), two short fits and Keras's errors."""
import os

import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential

from .conv_helpers import error_of, summary_lines
from .rnn_helpers import DATA, KERAS, check_case

CASES = sorted(name for name, case in KERAS["cases"].items()
               if case["layer"][0] in ("SimpleRNN", "LSTM", "GRU", "RNN"))


@pytest.mark.parametrize("name", CASES)
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name)


def guide_lstm():
    """The RNN guide's first model, with Input(shape=(None, 64)) for its Embedding."""
    return Sequential([layers.Input(shape=(None, 64)), layers.LSTM(128), layers.Dense(10)])


def guide_gru_simple_rnn():
    return Sequential([layers.Input(shape=(None, 64)), layers.GRU(256, return_sequences=True),
                       layers.SimpleRNN(128), layers.Dense(10)])


def imdb_bidirectional():
    """keras.io's bidirectional LSTM on IMDB, with Input(shape=(None, 128)) for its Embedding."""
    inputs = layers.Input(shape=(None, 128))
    x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(inputs)
    x = layers.Bidirectional(layers.LSTM(64))(x)
    return Model(inputs, layers.Dense(1, activation="sigmoid")(x))


def encoder_decoder():
    """The RNN guide's encoder-decoder: return_state, then initial_state in the functional API."""
    encoder_input = layers.Input(shape=(None, 16))
    output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(encoder_input)
    decoder_input = layers.Input(shape=(None, 8))
    decoder_output = layers.LSTM(64, name="decoder")(decoder_input,
                                                     initial_state=[state_h, state_c])
    return Model([encoder_input, decoder_input], layers.Dense(10)(decoder_output))


def masked_time_distributed():
    return Sequential([layers.Input(shape=(5, 4)), layers.Masking(),
                       layers.LSTM(3, return_sequences=True),
                       layers.TimeDistributed(layers.Dense(2))])


def rnn_cell_wrapper():
    inputs = layers.Input(shape=(None, 5))
    x = layers.RNN(layers.LSTMCell(4), return_sequences=True)(inputs)
    return Model(inputs, layers.RNN(layers.GRUCell(3))(x))


SUMMARIES = {"guide_lstm": guide_lstm, "guide_gru_simple_rnn": guide_gru_simple_rnn,
             "imdb_bidirectional": imdb_bidirectional, "encoder_decoder": encoder_decoder,
             "masked_time_distributed": masked_time_distributed,
             "rnn_cell_wrapper": rnn_cell_wrapper}


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_summary_is_tf_keras_s(name):
    clear_session()
    assert summary_lines(SUMMARIES[name]()) == KERAS["summaries"][name]


def test_encoder_decoder_states_are_graph_edges_and_feed_the_decoder():
    """initial_state= in the functional API: the decoder's node has the encoder's states as
    inputs, and running the model uses them (another state gives another output)."""
    clear_session()
    model = encoder_decoder()
    decoder = model.get_layer("decoder")
    assert [layer.name for layer in decoder._inbound_nodes[0].inbound_layers] == [
        "input_2", "encoder", "encoder"]
    rng = np.random.default_rng(0)
    a = rng.standard_normal((2, 3, 16)).astype(np.float32)
    b = rng.standard_normal((2, 4, 8)).astype(np.float32)
    out = model([a, b])
    assert out.shape == (2, 10)
    assert not np.allclose(out.value, model([a * 2, b]).value)


def lstm_model():
    return Sequential([layers.Input(shape=(6, 3)), layers.LSTM(4),
                       layers.Dense(3, activation="softmax")])


def bidirectional_gru_model():
    return Sequential([layers.Input(shape=(6, 3)), layers.Masking(),
                       layers.Bidirectional(layers.GRU(3, return_sequences=True)),
                       layers.SimpleRNN(2), layers.Dense(1, activation="sigmoid")])


FITS = {"lstm": lstm_model, "bidirectional_gru": bidirectional_gru_model}


@pytest.mark.parametrize("name", sorted(FITS))
def test_two_epochs_of_fit_follow_tf_keras(name):
    """Same initial weights and batches: the losses, accuracies and final weights agree."""
    clear_session()
    data = np.load(os.path.join(DATA, "rnn_fit.npz"))
    expected = KERAS["fits"][name]
    model = FITS[name]()
    count = len(model.get_weights())
    model.set_weights([data[f"{name}/initial{i}"] for i in range(count)])
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01), loss=expected["loss"],
                  metrics=["accuracy"])
    history = model.fit(data[f"{name}/x"], data[f"{name}/y"], batch_size=16, epochs=2,
                        shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], expected["history"]["loss"],
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(history.history["accuracy"], expected["history"]["accuracy"],
                               atol=1e-6)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, data[f"{name}/final{i}"], rtol=1e-4, atol=1e-5)


ERRORS = {
    "lstm_on_2d_input": lambda: layers.LSTM(2)(layers.Input((5,))),
    "gru_on_4d_input": lambda: layers.GRU(2)(layers.Input((5, 4, 3))),
    "lstm_units_zero": lambda: layers.LSTM(0),
    "simple_rnn_units_negative": lambda: layers.SimpleRNN(-1),
    "bidirectional_not_a_layer": lambda: layers.Bidirectional(3),
    "bidirectional_bad_merge_mode": lambda: layers.Bidirectional(layers.LSTM(2),
                                                                 merge_mode="max"),
    "bidirectional_same_direction": lambda: layers.Bidirectional(
        layers.LSTM(2), backward_layer=layers.LSTM(2)),
    "time_distributed_not_a_layer": lambda: layers.TimeDistributed(3),
    "time_distributed_on_2d_input": lambda: layers.TimeDistributed(layers.Dense(2))(
        layers.Input((5,))),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_are_tf_keras_s(name):
    clear_session()
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_rnn_refuses_a_cell_without_call():
    error = error_of(lambda: layers.RNN(object()))
    assert error[0] == "ValueError"
    assert error[1].startswith("Argument `cell` should have a `call` method. The RNN was "
                               "passed: cell=<object object at")
    assert KERAS["errors"]["rnn_cell_without_call"][1].startswith(error[1][:70])


def test_time_major_is_not_there_yet_and_says_so():
    with pytest.raises(NotImplementedError) as info:
        layers.LSTM(2, time_major=True)
    assert str(info.value) == "tracekeras's RNN layers have no `time_major=True` yet."


class MinimalRNNCell(layers.Layer):
    """The RNN guide's custom cell: ``h = x @ kernel + h_prev @ recurrent_kernel``."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        prev_output = states[0]
        output = inputs @ self.kernel + prev_output @ self.recurrent_kernel
        return output, [output]


def test_a_custom_cell_runs_in_rnn_like_the_built_in_one():
    """RNN(cell) calls a user's cell step by step; with the same weights it gives what the
    built-in SimpleRNN (no bias, linear) gives, masks and go_backwards included."""
    clear_session()
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 5, 4)).astype(np.float32)
    mask = np.array(KERAS["mask"])
    custom = layers.RNN(MinimalRNNCell(3), return_sequences=True, go_backwards=True)
    built_in = layers.SimpleRNN(3, activation=None, use_bias=False, return_sequences=True,
                                go_backwards=True)
    custom.build(x.shape)
    built_in.build(x.shape)
    assert [w.name for w in custom.weights] == ["minimal_rnn_cell/kernel:0",
                                                "minimal_rnn_cell/recurrent_kernel:0"]
    built_in.set_weights(custom.get_weights())
    np.testing.assert_allclose(custom(x, mask=mask).value, built_in(x, mask=mask).value,
                               rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("build", [encoder_decoder, imdb_bidirectional, rnn_cell_wrapper])
def test_a_recurrent_model_rebuilt_from_its_config_computes_the_same(build):
    clear_session()
    model = build()
    clone = Model.from_config(model.get_config())
    assert [layer.get_config() for layer in clone.layers] == \
        [layer.get_config() for layer in model.layers]
    clone.set_weights(model.get_weights())
    rng = np.random.default_rng(0)
    inputs = [rng.standard_normal((2, 3) + tuple(t.shape[2:])).astype(np.float32)
              for t in model.inputs]
    inputs = inputs if len(inputs) > 1 else inputs[0]
    np.testing.assert_array_equal(clone(inputs).value, model(inputs).value)


def test_weights_are_named_by_layer_then_cell_as_in_tf_keras():
    """Names printed by tf_keras 2.21 for the same models."""
    clear_session()
    assert [w.name for w in guide_gru_simple_rnn().weights] == [
        "gru/gru_cell/kernel:0", "gru/gru_cell/recurrent_kernel:0", "gru/gru_cell/bias:0",
        "simple_rnn/simple_rnn_cell/kernel:0", "simple_rnn/simple_rnn_cell/recurrent_kernel:0",
        "simple_rnn/simple_rnn_cell/bias:0", "dense/kernel:0", "dense/bias:0"]
    clear_session()
    inputs = layers.Input(shape=(None, 5))
    model = Model(inputs, layers.RNN(layers.LSTMCell(4))(inputs))
    assert [w.name for w in model.weights] == [
        "rnn/lstm_cell/kernel:0", "rnn/lstm_cell/recurrent_kernel:0", "rnn/lstm_cell/bias:0"]
