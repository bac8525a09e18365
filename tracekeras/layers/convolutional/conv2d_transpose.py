"""Conv2DTranspose: the transposed convolution, which grows an image
(``keras.layers.convolutional.conv2d_transpose``).

What it owns: ``Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding="valid",
output_padding=None, data_format=None, dilation_rate=(1, 1), ...)``, the
``ConvTranspose`` body with rank 2. Alias ``Convolution2DTranspose``.

What it receives / hands on: ``(batch, rows, cols, channels)`` ->
``(batch, new_rows, new_cols, filters)``; with ``padding="same"`` and no output
padding, ``new_rows = rows * strides[0]``.

Trace events: span ``keras.layers.convolutional.conv2d_transpose.Conv2DTranspose.build`` (stage
build, args layer and input_shape) with the ``add_weight`` spans of ``kernel`` then
``bias`` inside it.
"""
from tracekeras import tracing
from tracekeras.layers.convolutional.base_conv import build_args
from tracekeras.layers.convolutional.base_conv_transpose import ConvTranspose


class Conv2DTranspose(ConvTranspose):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", output_padding=None,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=2, filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        super().build(input_shape)


Convolution2DTranspose = Conv2DTranspose
