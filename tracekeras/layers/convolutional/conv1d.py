"""Conv1D: a convolution along one axis, e.g. time (``keras.layers.convolutional.conv1d``).

What it owns: ``Conv1D(filters, kernel_size, strides=1, padding="valid", ...)``,
the ``Conv`` base with rank 1; ``padding="causal"`` pads the start of the sequence
only, so no output looks at a later step. Alias ``Convolution1D``.

What it receives / hands on: ``(batch, steps, channels)`` -> ``(batch, new_steps, filters)``.

Trace events: those of ``Conv`` (``keras.layers.convolutional.base_conv.Conv.build``).
"""
from tracekeras.layers.convolutional.base_conv import Conv


class Conv1D(Conv):
    causal = True

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, groups=1, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=1, filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         groups=groups, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)


Convolution1D = Conv1D
