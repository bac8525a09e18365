"""SimpleRNN: ``h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)``
(``keras.layers.rnn.simple_rnn``).

What it owns: ``SimpleRNNCell(units, activation="tanh", ...)`` (one step: ``build`` makes
``kernel`` ``(input_dim, units)``, ``recurrent_kernel`` ``(units, units)`` and ``bias``
``(units,)``; ``call(inputs, states, training)`` returns the new output, which is also the
new state; with ``dropout`` the inputs, with ``recurrent_dropout`` the previous output are
multiplied by this call's mask before their matmul)
and ``SimpleRNN(units, ...)``, the ``RNN`` layer around a cell named ``simple_rnn_cell``.

What it receives: one timestep ``(batch, features)`` and the previous state, from the loop
of ``base_rnn.RNN.call``.

What it hands on: ``(output, [output])``.

Trace events: span ``keras.layers.rnn.simple_rnn.SimpleRNNCell.build`` (stage build) with
its three ``add_weight`` spans; the layer's spans are ``base_rnn.RNN``'s.
"""
from tracekeras import activations, tracing
from tracekeras.backend import ops
from tracekeras.engine.base_layer import shape_list
from tracekeras.layers.rnn.base_rnn import RNN
from tracekeras.layers.rnn.cell_base import CellLayer, RecurrentCell


def build_args(self, input_shape):
    return {"layer": self.name, "input_shape": shape_list(tuple(input_shape))}


class SimpleRNNCell(RecurrentCell):
    """``SimpleRNNCell(units, activation="tanh", use_bias=True, ...)``."""

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        self.add_kernels(input_shape, (self.units,), self.bias_initializer)

    def step(self, projected, states, rec_dp_mask=None):
        prev_output = states[0] if isinstance(states, (list, tuple)) else states
        if rec_dp_mask is not None:
            prev_output = ops.multiply(prev_output, rec_dp_mask)
        output = ops.add(projected, ops.matmul(prev_output, self.recurrent_kernel))
        if self.activation is not None and self.activation is not activations.linear:
            output = self.activation(output)
        return output, [output] if isinstance(states, (list, tuple)) else output


class SimpleRNN(CellLayer):
    """``SimpleRNN(units, activation="tanh", return_sequences=False, ...)``."""

    CELL = SimpleRNNCell
    UNROLL_UNKNOWN_TIME = RNN.UNROLL_UNKNOWN_TIME
    CELL_NAME = "simple_rnn_cell"

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, **kwargs):
        cell_kwargs = dict(
            activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
            dropout=dropout, recurrent_dropout=recurrent_dropout)
        super().__init__(units, cell_kwargs=cell_kwargs, **kwargs)
