"""Recurrent layers (``keras.layers.rnn``): the ``RNN`` loop, its cells and its wrappers."""
from tracekeras.layers.rnn.base_rnn import RNN
from tracekeras.layers.rnn.base_wrapper import Wrapper
from tracekeras.layers.rnn.bidirectional import Bidirectional
from tracekeras.layers.rnn.conv_lstm import ConvLSTM1D, ConvLSTM2D, ConvLSTM3D
from tracekeras.layers.rnn.gru import GRU, GRUCell
from tracekeras.layers.rnn.lstm import LSTM, LSTMCell
from tracekeras.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from tracekeras.layers.rnn.stacked_rnn_cells import StackedRNNCells
from tracekeras.layers.rnn.time_distributed import TimeDistributed

__all__ = ["GRU", "LSTM", "RNN", "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D",
           "GRUCell", "LSTMCell", "SimpleRNN", "SimpleRNNCell", "StackedRNNCells",
           "TimeDistributed", "Wrapper"]
