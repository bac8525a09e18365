"""GRU: the gated recurrent unit layer (``keras.layers.rnn.gru``), TF2's defaults.

What it owns: ``GRUCell(units, activation="tanh", recurrent_activation="sigmoid",
reset_after=True, ...)``: ``build`` makes ``kernel`` ``(input_dim, 3 * units)``,
``recurrent_kernel`` ``(units, 3 * units)`` and ``bias``, of shape ``(2, 3 * units)`` with
``reset_after`` (one row for the input projection, one for the recurrent one) or
``(3 * units,)``; ``call(inputs, states)`` computes the update gate ``z``, the reset gate
``r`` and the candidate ``hh`` (the reset gate multiplies the recurrent projection after
the matmul with ``reset_after``, the previous state before it otherwise) and returns
``h = z * h_prev + (1 - z) * hh``; with ``recurrent_dropout`` (implementation 1) each gate
multiplies ``h_prev`` by its own mask before its matmul. And ``GRU(units, ...)``, the
``RNN`` around a cell named ``gru_cell`` (with Keras's defaults and no recurrent dropout
its input dropout mask covers the whole sequence, as ``LSTM``'s).

What it receives: one timestep and the previous state from ``base_rnn.RNN.call``.

What it hands on: ``(h, [h])``.

Trace events: span ``keras.layers.rnn.gru.GRUCell.build`` (stage build) and its
``add_weight`` spans.
"""
from tracekeras import activations, tracing
from tracekeras.backend import ops
from tracekeras.backend import rnn as backend_rnn
from tracekeras.layers.rnn.cell_base import CellLayer, RecurrentCell
from tracekeras.layers.rnn.simple_rnn import build_args


class GRUCell(RecurrentCell):
    """``GRUCell(units, activation="tanh", recurrent_activation="sigmoid", reset_after=True)``."""

    GATES = 3
    OWN_CONFIG = ("recurrent_activation",)

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid",
                 reset_after=True, **kwargs):
        implementation = kwargs.pop("implementation", 2)
        super().__init__(units, activation=activation, **kwargs)
        # Keras's fused step has no place for per-gate recurrent masks: they need 1
        self.implementation = 1 if self.recurrent_dropout != 0 else implementation
        self.recurrent_activation = activations.get(recurrent_activation)
        self.reset_after = reset_after

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        bias_shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
        self.add_kernels(input_shape, bias_shape, self.bias_initializer)

    def input_bias(self):
        if not self.use_bias:
            return None
        return self.bias[0] if self.reset_after else self.bias

    def step(self, projected, states, rec_dp_mask=None):
        nested = isinstance(states, (list, tuple))
        h_tm1 = states[0] if nested else states
        u = self.units
        recurrent_bias = self.bias[1] if self.use_bias and self.reset_after else None
        rec_masks = self.recurrent_masks(rec_dp_mask)
        if (rec_masks is None and self.reset_after and self.activation is activations.tanh
                and self.recurrent_activation is activations.sigmoid):
            # Keras's default GRU: the ops below fused into one (the same numbers)
            h = backend_rnn.gru_step(projected, h_tm1, self.recurrent_kernel, recurrent_bias)
            return h, [h] if nested else h
        # the previous output as the candidate sees it (its own mask, the third)
        h_h = ops.multiply(h_tm1, rec_masks[2]) if rec_masks else h_tm1
        x_z, x_r, x_h = backend_rnn.split(projected, 3)
        if self.reset_after:
            matrix_inner = (ops.matmul(h_tm1, self.recurrent_kernel) if rec_masks is None
                            else self.masked_recurrent_matmul(h_tm1, rec_masks))
            if recurrent_bias is not None:
                matrix_inner = ops.bias_add(matrix_inner, recurrent_bias)
            recurrent_z, recurrent_r, recurrent_h = backend_rnn.split(matrix_inner, 3)
        elif rec_masks is None:
            matrix_inner = ops.matmul(h_tm1, self.recurrent_kernel[:, :2 * u])
            recurrent_z, recurrent_r = backend_rnn.split(matrix_inner, 2)
        else:
            recurrent_z, recurrent_r = backend_rnn.split(self.masked_recurrent_matmul(
                h_tm1, rec_masks[:2], self.recurrent_kernel[:, :2 * u]), 2)
        z = self.recurrent_activation(ops.add(x_z, recurrent_z))
        r = self.recurrent_activation(ops.add(x_r, recurrent_r))
        if self.reset_after:
            recurrent_h = ops.multiply(r, recurrent_h)
        else:
            recurrent_h = ops.matmul(ops.multiply(r, h_h), self.recurrent_kernel[:, 2 * u:])
        hh = self.activation(ops.add(x_h, recurrent_h))
        h = ops.add(ops.multiply(z, h_tm1), ops.multiply(ops.subtract(1.0, z), hh))
        return h, [h] if nested else h

    def get_config(self):
        config = super().get_config()
        config.update({"implementation": self.implementation, "reset_after": self.reset_after})
        return config


class GRU(CellLayer):
    """``GRU(units, activation="tanh", recurrent_activation="sigmoid", reset_after=True)``."""

    CELL = GRUCell
    FUSED_ROAD = True
    CELL_NAME = "gru_cell"

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, reset_after=True,
                 **kwargs):
        cell_kwargs = dict(
            activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
            dropout=dropout, recurrent_dropout=recurrent_dropout, reset_after=reset_after,
            implementation=kwargs.pop("implementation", 2))
        super().__init__(units, cell_kwargs=cell_kwargs, **kwargs)
