"""ConvLSTM1D, ConvLSTM2D and ConvLSTM3D (``keras.layers.rnn.conv_lstm1d``, ``conv_lstm2d``,
``conv_lstm3d``): ``base_conv_lstm.ConvLSTM`` with one, two or three spatial axes.

What it owns: the three public classes, each fixing ``rank`` and otherwise taking
``ConvLSTM``'s arguments by name, with Keras's defaults (``activation="tanh"``,
``recurrent_activation="hard_sigmoid"``, ``padding="valid"``, ``unit_forget_bias=True``).
``ConvLSTM2D`` takes ``(batch, time, rows, cols, channels)`` and gives
``(batch, rows', cols', filters)``, or the whole sequence with ``return_sequences``.

What it receives: constructor arguments; 4-D, 5-D or 6-D inputs.

What it hands on: see ``base_conv_rnn.ConvRNN``.

Trace events: those of ``ConvRNN`` and of the cell's build.
"""
from tracekeras.layers.rnn.base_conv_lstm import ConvLSTM


class ConvLSTM1D(ConvLSTM):
    """``ConvLSTM1D(filters, kernel_size, ...)``: inputs ``(batch, time, steps, channels)``."""

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(1, filters, kernel_size, **kwargs)


class ConvLSTM2D(ConvLSTM):
    """``ConvLSTM2D(filters, kernel_size, ...)``: inputs ``(batch, time, rows, cols,
    channels)``."""

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(2, filters, kernel_size, **kwargs)


class ConvLSTM3D(ConvLSTM):
    """``ConvLSTM3D(filters, kernel_size, ...)``: inputs ``(batch, time, *3 spatial axes,
    channels)``."""

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(3, filters, kernel_size, **kwargs)
