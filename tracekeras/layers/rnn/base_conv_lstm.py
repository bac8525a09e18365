"""ConvLSTM: the LSTM whose gates are convolutions (``keras.layers.rnn.base_conv_lstm``).

What it owns: ``ConvLSTMCell(rank, filters, kernel_size, strides=1, padding="valid",
data_format=None, dilation_rate=1, activation="tanh", recurrent_activation="hard_sigmoid",
unit_forget_bias=True, ...)``. Its ``build`` makes ``kernel`` ``kernel_size + (channels,
4 * filters)``, ``recurrent_kernel`` ``kernel_size + (filters, 4 * filters)`` and ``bias``
``(4 * filters,)`` (gates in the order input, forget, cell, output; with
``unit_forget_bias`` the forget block of the bias starts at ones). One timestep is the LSTM's
with each matrix product made a convolution:
``z = conv(x, kernel; strides, padding, dilation) + bias + conv(h, recurrent_kernel; "same")``
cut in four, ``i = ra(z_i)``, ``f = ra(z_f)``, ``c' = f * c + i * a(z_c)``, ``o = ra(z_o)``,
``h' = o * a(c')``. Keras convolves each gate on its own with its block of the kernel; the
blocks side by side are one convolution with ``4 * filters`` outputs (the same sums), which
is what runs unless a gate has its own dropout mask. As for the other built-in cells, the
input half (``project_inputs``) runs once over the whole sequence (``batch * time`` images
in one convolution) and ``step`` is the recurrent half. ``dropout`` and
``recurrent_dropout`` draw four masks each (one per gate), the first timestep's shape, kept
for every timestep of the call (``dropout_rnn_cell_mixin``).

With ``data_format="channels_first"`` the cell moves the channels last for its convolutions
and back (TensorFlow's CPU kernels are channels last); inputs, states and outputs keep the
layer's format.

And ``ConvLSTM(rank, filters, kernel_size, ...)``, the ``ConvRNN`` around a cell named
``conv_lstm_cell`` whose settings it reads as attributes (``layer.filters``).

What it receives: one timestep (or the whole sequence, for ``project_inputs``) and the
states ``[h, c]``.

What it hands on: ``(h', [h', c'])``.

Trace events: span ``keras.layers.rnn.base_conv_lstm.ConvLSTMCell.build`` (stage build)
with its ``add_weight`` spans.
"""
import numpy as np

from tracekeras import activations, constraints, initializers, regularizers, tracing
from tracekeras.backend import Tensor, conv_functions, ops, spatial
from tracekeras.backend import rnn as backend_rnn
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.rnn.base_conv_rnn import ConvRNN
from tracekeras.layers.rnn.base_rnn import build_args
from tracekeras.layers.rnn.cell_base import CONSTRAINTS, REGULARIZERS
from tracekeras.layers.rnn.dropout_rnn_cell_mixin import DropoutRNNCellMixin
from tracekeras.utils import conv_utils

CONV_FUNCTIONS = {1: conv_functions.conv1d, 2: conv_functions.conv2d, 3: conv_functions.conv3d}
CONV_SETTINGS = ("filters", "kernel_size", "strides", "padding", "data_format",
                 "dilation_rate", "activation", "recurrent_activation", "use_bias",
                 "kernel_initializer", "recurrent_initializer", "bias_initializer",
                 "unit_forget_bias", "dropout", "recurrent_dropout")


class ConvLSTMCell(DropoutRNNCellMixin, Layer):
    """``ConvLSTMCell(rank, filters, kernel_size, strides=1, padding="valid", ...)``."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, dropout=0.0, recurrent_dropout=0.0, **kwargs):
        weight_regularizers = {name: regularizers.get(kwargs.pop(name, None))
                               for name in REGULARIZERS}
        weight_constraints = {name: constraints.get(kwargs.pop(name, None))
                              for name in CONSTRAINTS}
        super().__init__(**kwargs)
        self.rank = rank
        if self.rank > 3:
            raise ValueError(f"Rank {rank} convolutions are not currently implemented. "
                             f"Received: rank={rank}")
        self.filters = filters
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = conv_utils.normalize_tuple(strides, rank, "strides", allow_zero=True)
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        for name, value in {**weight_regularizers, **weight_constraints}.items():
            setattr(self, name, value)
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.state_size = (self.filters, self.filters)
        self.kernel = self.recurrent_kernel = self.bias = None

    # -- weights -----------------------------------------------------------------------
    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        channel_axis = 1 if self.data_format == "channels_first" else -1
        if input_shape[channel_axis] is None:
            raise ValueError("The channel dimension of the inputs (last axis) should be "
                             f"defined. Found None. Full input shape received: "
                             f"input_shape={input_shape}")
        input_dim = int(input_shape[channel_axis])
        width = self.filters * 4
        self.kernel = self.add_weight(shape=self.kernel_size + (input_dim, width),
                                      initializer=self.kernel_initializer, name="kernel",
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=self.kernel_size + (self.filters, width),
                                                initializer=self.recurrent_initializer,
                                                name="recurrent_kernel",
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(width,), name="bias",
                                        initializer=self.bias_initializer_with_forget(),
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def bias_initializer_with_forget(self):
        if not self.unit_forget_bias:
            return self.bias_initializer

        def bias_initializer(shape, dtype=None, **kwargs):
            # the given initializer everywhere but the forget gate's ones
            filters = self.filters
            return np.concatenate([
                np.asarray(self.bias_initializer((filters,), dtype=dtype)),
                np.asarray(initializers.get("ones")((filters,), dtype=dtype)),
                np.asarray(self.bias_initializer((filters * 2,), dtype=dtype))])
        return bias_initializer

    # -- one timestep ------------------------------------------------------------------
    def last(self, x):
        """``x`` with its channels last (the cell's convolutions' layout)."""
        return spatial.to_channels_last(x) if self.data_format == "channels_first" else x

    def restored(self, x):
        return spatial.to_channels_first(x) if self.data_format == "channels_first" else x

    def input_conv(self, x, kernel, padding):
        return CONV_FUNCTIONS[self.rank](x, kernel, strides=self.strides, padding=padding,
                                         data_format="channels_last",
                                         dilation_rate=self.dilation_rate)

    def recurrent_conv(self, h, kernel):
        return CONV_FUNCTIONS[self.rank](h, kernel, strides=(1,) * self.rank, padding="same",
                                         data_format="channels_last")

    def project_inputs(self, inputs, dp_mask=None):
        """The input convolution of one timestep ``(batch, ...)`` or of a whole sequence
        ``(batch, time, ...)`` at once, plus the bias: channels last, ``4 * filters`` wide."""
        sequence = len(inputs.shape) == self.rank + 3
        shape = tuple(inputs.shape)

        def images(x):
            # a sequence's timesteps side by side as one batch of images
            return ops.reshape(x, (shape[0] * shape[1],) + shape[2:]) if sequence else x

        def masked(mask):
            # a mask is a constant: spread over the time axis, as every timestep uses it
            return ops.multiply(inputs, Tensor(np.expand_dims(mask.value, 1)) if sequence else mask)

        masks = self.masks(dp_mask, self.dropout)
        if masks is None:
            projected = self.input_conv(self.last(images(inputs)), self.kernel, self.padding)
        else:
            kernels = backend_rnn.split(self.kernel, 4)
            projected = ops.concatenate(
                [self.input_conv(self.last(images(masked(mask))), kernel, self.padding)
                 for mask, kernel in zip(masks, kernels)], axis=-1)
        if self.use_bias:
            projected = ops.bias_add(projected, self.bias)
        if sequence:
            projected = ops.reshape(projected, shape[:2] + tuple(projected.shape[1:]))
        return projected

    def masks(self, mask, rate):
        return mask if mask is not None and 0.0 < rate < 1.0 else None

    def step(self, projected, states, rec_dp_mask=None):
        h_tm1, c_tm1 = self.last(states[0]), self.last(states[1])
        masks = self.masks(rec_dp_mask, self.recurrent_dropout)
        if masks is None:
            recurrent = self.recurrent_conv(h_tm1, self.recurrent_kernel)
        else:
            kernels = backend_rnn.split(self.recurrent_kernel, 4)
            recurrent = ops.concatenate(
                [self.recurrent_conv(ops.multiply(h_tm1, self.last(mask)), kernel)
                 for mask, kernel in zip(masks, kernels)], axis=-1)
        z_i, z_f, z_c, z_o = backend_rnn.split(ops.add(projected, recurrent), 4)
        i = self.recurrent_activation(z_i)
        f = self.recurrent_activation(z_f)
        c = ops.add(ops.multiply(f, c_tm1), ops.multiply(i, self.activation(z_c)))
        o = self.recurrent_activation(z_o)
        h = self.restored(ops.multiply(o, self.activation(c)))
        c = self.restored(c)
        return h, [h, c]

    def dropout_masks(self, inputs, h_tm1, training):
        """This call's four input and four recurrent masks (one per gate), cached."""
        return (self.get_dropout_mask_for_cell(inputs, training, count=4),
                self.get_recurrent_dropout_mask_for_cell(h_tm1, training, count=4))

    def call(self, inputs, states, training=None):
        dp_mask, rec_dp_mask = self.dropout_masks(inputs, states[0], training)
        return self.step(self.project_inputs(inputs, dp_mask), states, rec_dp_mask)

    call.projects_inputs = True   # RNN may run project_inputs on the whole sequence

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "unit_forget_bias": self.unit_forget_bias})
        config.update({name: regularizers.serialize(getattr(self, name)) for name in REGULARIZERS})
        config.update({name: constraints.serialize(getattr(self, name)) for name in CONSTRAINTS})
        config.update({"dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout})
        return config


class ConvLSTM(ConvRNN):
    """``ConvLSTM(rank, filters, kernel_size, strides=1, padding="valid", ...)``."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, dropout=0.0,
                 recurrent_dropout=0.0, **kwargs):
        cell = ConvLSTMCell(
            rank=rank, filters=filters, kernel_size=kernel_size, strides=strides,
            padding=padding, data_format=data_format, dilation_rate=dilation_rate,
            activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, name="conv_lstm_cell",
            dtype=kwargs.get("dtype"))
        super().__init__(rank, cell, return_sequences=return_sequences,
                         return_state=return_state, go_backwards=go_backwards,
                         stateful=stateful,
                         activity_regularizer=regularizers.get(activity_regularizer),
                         **kwargs)

    def __getattr__(self, name):
        # ``layer.filters``, ``layer.kernel_size``, ...: the cell's settings, as Keras's
        # properties give them (only reached when the layer has no such attribute)
        cell = self.__dict__.get("cell")
        if (name in CONV_SETTINGS + REGULARIZERS + CONSTRAINTS and cell is not None
                and name in vars(cell)):
            return getattr(cell, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def get_config(self):
        config = super().get_config()
        config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)
