"""LSTM: the long short-term memory layer (``keras.layers.rnn.lstm``), TF2's defaults.

What it owns: ``LSTMCell(units, activation="tanh", recurrent_activation="sigmoid",
unit_forget_bias=True, ...)``: ``build`` makes ``kernel`` ``(input_dim, 4 * units)``,
``recurrent_kernel`` ``(units, 4 * units)`` and ``bias`` ``(4 * units,)`` (gates in the
order input, forget, cell, output; with ``unit_forget_bias`` the forget block of the bias
starts at ones); ``call(inputs, [h, c])`` is Keras's fused step (implementation 2):
``z = x @ kernel + h @ recurrent_kernel + bias`` cut in four, ``c' = f * c + i * tanh(z_c)``,
``h' = o * tanh(c')``; with ``recurrent_dropout`` (implementation 1) each gate's block of
``h @ recurrent_kernel`` uses its own mask of ``h``. And ``LSTM(units, ...)``, the ``RNN``
around a cell named ``lstm_cell``, which with Keras's defaults (tanh, sigmoid, a bias, no
recurrent dropout: Keras's cuDNN-compatible road) draws its input dropout mask over the
whole ``(batch, time, features)`` sequence instead (``CellLayer.sequence_dropout``).

What it receives: one timestep and the states ``[h, c]`` from ``base_rnn.RNN.call``.

What it hands on: ``(h', [h', c'])``.

Trace events: span ``keras.layers.rnn.lstm.LSTMCell.build`` (stage build) and its
``add_weight`` spans.
"""
import numpy as np

from tracekeras import activations, initializers, tracing
from tracekeras.backend import lstm_ops, ops
from tracekeras.backend import rnn as backend_rnn
from tracekeras.layers.rnn.cell_base import CellLayer, RecurrentCell
from tracekeras.layers.rnn.simple_rnn import build_args


class LSTMCell(RecurrentCell):
    """``LSTMCell(units, activation="tanh", recurrent_activation="sigmoid", ...)``."""

    GATES = 4
    OWN_CONFIG = ("recurrent_activation", "unit_forget_bias", "implementation")

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid",
                 unit_forget_bias=True, **kwargs):
        implementation = kwargs.pop("implementation", 2)
        super().__init__(units, activation=activation, **kwargs)
        # Keras's fused step has no place for per-gate recurrent masks: they need 1
        self.implementation = 1 if self.recurrent_dropout != 0 else implementation
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.state_size = [self.units, self.units]

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        bias_initializer = self.bias_initializer
        if self.use_bias and self.unit_forget_bias:
            def bias_initializer(shape, dtype=None, **kwargs):
                # zeros (or the given initializer) everywhere but the forget gate's ones
                units = self.units
                return np.concatenate([
                    np.asarray(self.bias_initializer((units,), dtype=dtype)),
                    np.asarray(initializers.get("ones")((units,), dtype=dtype)),
                    np.asarray(self.bias_initializer((units * 2,), dtype=dtype))])
        self.add_kernels(input_shape, (self.units * 4,), bias_initializer)

    def sequence_kernel(self):
        """The recurrent kernel when every step is ``lstm_step`` (Keras's default
        activations, no recurrent dropout masks, ``step`` as written here): ``backend.rnn``
        may then run all the steps as one op. None otherwise."""
        if (type(self).step is LSTMCell.step and self.implementation == 2
                and self.activation is activations.tanh
                and self.recurrent_activation is activations.sigmoid):
            return self.recurrent_kernel
        return None

    def step(self, projected, states, rec_dp_mask=None):
        h_tm1, c_tm1 = states[0], states[1]
        rec_masks = self.recurrent_masks(rec_dp_mask)
        if rec_masks is not None:
            # implementation 1: each gate sees the previous output through its own mask
            recurrent = self.masked_recurrent_matmul(h_tm1, rec_masks)
        elif (self.activation is activations.tanh
              and self.recurrent_activation is activations.sigmoid):
            # Keras's default activations: the ops below fused into one (the same numbers)
            hc = lstm_ops.lstm_step(projected, h_tm1, c_tm1, self.recurrent_kernel)
            h, c = backend_rnn.split(hc, 2)
            return h, [h, c]
        else:
            recurrent = ops.matmul(h_tm1, self.recurrent_kernel)
        z = ops.add(projected, recurrent)
        z0, z1, z2, z3 = backend_rnn.split(z, 4)
        i = self.recurrent_activation(z0)
        f = self.recurrent_activation(z1)
        c = ops.add(ops.multiply(f, c_tm1), ops.multiply(i, self.activation(z2)))
        o = self.recurrent_activation(z3)
        h = ops.multiply(o, self.activation(c))
        return h, [h, c]


class LSTM(CellLayer):
    """``LSTM(units, activation="tanh", recurrent_activation="sigmoid", ...)``."""

    CELL = LSTMCell
    FUSED_ROAD = True
    CELL_NAME = "lstm_cell"

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, **kwargs):
        cell_kwargs = dict(
            activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, implementation=kwargs.pop("implementation", 2))
        super().__init__(units, cell_kwargs=cell_kwargs, **kwargs)
