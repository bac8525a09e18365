"""Recurrent models with stacked cells, dropout, unroll and stateful layers whose ``.keras``
files real tf_keras must load (``make_rnn_saving_files.py``, ``check_rnn_saving_with_tf_keras.py``).

Every name is given, so ``config.json`` is the same bytes on every run.
"""
import numpy as np

from tracekeras import layers
from tracekeras.models import Model, Sequential


def stacked_model():
    """RNN over a list of cells, a StackedRNNCells, dropout, go_backwards and unroll."""
    inputs = layers.Input((6, 3), name="tk_in")
    h = layers.RNN([layers.LSTMCell(4, name="tk_lstm_cell"),
                    layers.GRUCell(3, reset_after=False, name="tk_gru_cell")],
                   return_sequences=True, name="tk_stack")(inputs)
    h = layers.RNN(layers.StackedRNNCells(
        [layers.SimpleRNNCell(3, dropout=0.2, name="tk_simple_cell"),
         layers.LSTMCell(2, recurrent_dropout=0.1, name="tk_lstm_cell_1")],
        name="tk_cells"), go_backwards=True, return_sequences=True, name="tk_rnn")(h)
    h = layers.GRU(3, dropout=0.2, recurrent_dropout=0.2, unroll=True, name="tk_gru")(h)
    model = Model(inputs, layers.Dense(1, name="tk_dense")(h), name="tk_stacked")
    model.compile(optimizer="adam", loss="mse")
    return model


def stateful_model():
    model = Sequential([layers.Input(batch_shape=(4, 6, 3), name="tk_in"),
                        layers.LSTM(3, stateful=True, return_sequences=True, dropout=0.1,
                                    name="tk_lstm"),
                        layers.GRU(2, stateful=True, recurrent_dropout=0.2, name="tk_gru"),
                        layers.Dense(1, name="tk_dense")], name="tk_stateful")
    model.compile(optimizer="adam", loss="mse")
    return model


MODELS = {"stacked": stacked_model, "stateful": stateful_model}


def trained(name):
    """The model trained one epoch of one batch (Adam's slots exist), states reset, and x."""
    rng = np.random.default_rng(0)
    model = MODELS[name]()
    x = rng.standard_normal((4, 6, 3)).astype(np.float32)
    y = rng.standard_normal((4, 1)).astype(np.float32)
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    model.reset_states()
    return model, x
