"""Stacked cells, stateful layers, dropout and unroll against tf_keras 2.21 (fixtures from
make_rnn_more_fixtures.py): outputs and gradients for the same weights, weight names, configs,
summaries, states carried from batch to batch, short fits and Keras's errors."""
import pytest

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential

from .conv_helpers import summary_lines
from .rnn_helpers import MORE, check_case


@pytest.mark.parametrize("name", sorted(MORE["cases"]))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name, "more")


def stacked():
    inputs = layers.Input(shape=(None, 5))
    x = layers.RNN([layers.LSTMCell(4), layers.LSTMCell(3)], return_sequences=True)(inputs)
    x = layers.RNN(layers.StackedRNNCells([layers.GRUCell(3), layers.SimpleRNNCell(2)]))(x)
    return Model(inputs, layers.Dense(1)(x))


def dropout_and_unroll():
    return Sequential([layers.Input(shape=(6, 4)),
                       layers.LSTM(8, dropout=0.2, recurrent_dropout=0.2, return_sequences=True),
                       layers.GRU(4, dropout=0.1, unroll=True), layers.Dense(2)])


def stateful_sequential():
    return Sequential([layers.LSTM(4, stateful=True, return_sequences=True,
                                   batch_input_shape=(2, 7, 3)),
                       layers.SimpleRNN(3, stateful=True), layers.Dense(1)])


def stacked_state():
    inputs = layers.Input(shape=(5, 4))
    outputs = layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)], return_state=True)(inputs)
    return Model(inputs, outputs)


def stateful_model():
    return Sequential([layers.Input(batch_shape=(3, 5, 4)),
                       layers.LSTM(3, stateful=True, return_sequences=True),
                       layers.GRU(2, stateful=True)])


SUMMARIES = {"stacked": stacked, "dropout_and_unroll": dropout_and_unroll,
             "stateful_sequential": stateful_sequential, "stacked_state": stacked_state,
             "stateful": stateful_model}


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_summary_is_tf_keras_s(name):
    clear_session()
    assert summary_lines(SUMMARIES[name]()) == MORE["summaries"][name]
