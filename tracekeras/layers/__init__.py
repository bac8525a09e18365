"""tracekeras.layers: the layers a Keras user imports from ``keras.layers``.

``Input``/``InputLayer`` (engine.input_layer), ``Layer`` and ``InputSpec``
(engine), ``Dense``, ``Activation``, ``Dropout``, ``Flatten``, ``Reshape``,
``Concatenate``/``concatenate`` and ``Add``/``add``; the convolution and pooling
layers (``Conv1D``, ``Conv2D``, ``Conv2DTranspose``, ``MaxPooling2D``,
``GlobalAveragePooling2D``, ``UpSampling2D``, ``ZeroPadding2D``, ... and
Keras's aliases such as ``Convolution2D``, ``MaxPool2D``, ``GlobalAvgPool2D``); the
recurrent layers (``SimpleRNN``, ``LSTM``, ``GRU``, their cells, the ``RNN`` wrapper,
``Bidirectional``, ``TimeDistributed``) and ``Masking``.
"""
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_layer import Input, InputLayer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.convolutional import (Conv1D, Conv2D, Conv2DTranspose, Convolution1D,
                                             Convolution2D, Convolution2DTranspose)
from tracekeras.layers.core import Activation, Dropout
from tracekeras.layers.dense import Dense
from tracekeras.layers.masking import Masking
from tracekeras.layers.merging import Add, Concatenate, add, concatenate
from tracekeras.layers.pooling import (AveragePooling1D, AveragePooling2D, AvgPool1D, AvgPool2D,
                                       GlobalAveragePooling1D, GlobalAveragePooling2D,
                                       GlobalAvgPool1D, GlobalAvgPool2D, GlobalMaxPool1D,
                                       GlobalMaxPool2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
                                       MaxPool1D, MaxPool2D, MaxPooling1D, MaxPooling2D)
from tracekeras.layers.reshaping import Flatten, Reshape
from tracekeras.layers.rnn import (GRU, LSTM, RNN, Bidirectional, GRUCell, LSTMCell, SimpleRNN,
                                   SimpleRNNCell, TimeDistributed, Wrapper)
from tracekeras.layers.up_sampling2d import UpSampling2D
from tracekeras.layers.zero_padding2d import ZeroPadding2D

__all__ = ["Activation", "Add", "Concatenate", "Dense", "Dropout", "Flatten", "Input",
           "InputLayer", "InputSpec", "Layer", "Reshape", "add", "concatenate"]

__all__ += [  # convolution and pooling
    "AveragePooling1D", "AveragePooling2D", "AvgPool1D", "AvgPool2D", "Conv1D", "Conv2D",
    "Conv2DTranspose", "Convolution1D", "Convolution2D", "Convolution2DTranspose",
    "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAvgPool1D", "GlobalAvgPool2D",
    "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
    "MaxPool1D", "MaxPool2D", "MaxPooling1D", "MaxPooling2D", "UpSampling2D", "ZeroPadding2D",
]

__all__ += [  # recurrent layers and masking
    "Bidirectional", "GRU", "GRUCell", "LSTM", "LSTMCell", "Masking", "RNN", "SimpleRNN",
    "SimpleRNNCell", "TimeDistributed", "Wrapper",
]
