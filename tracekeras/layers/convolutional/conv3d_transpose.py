"""Conv3DTranspose: the transposed convolution over volumes, which grows a volume
(``keras.layers.convolutional.conv3d_transpose``).

What it owns: ``Conv3DTranspose(filters, kernel_size, strides=(1, 1, 1),
padding="valid", output_padding=None, data_format=None, dilation_rate=(1, 1, 1),
...)``, the ``ConvTranspose`` body with rank 3; its config has no ``dilation_rate``
(Keras's leaves it out: TensorFlow's 3-D transposed convolution takes none). Alias
``Convolution3DTranspose``.

What it receives / hands on: ``(batch, d1, d2, d3, channels)`` -> ``(batch, new_d1,
new_d2, new_d3, filters)``; with ``padding="same"`` and no output padding each new
length is the old one times its stride.

Trace events: span ``keras.layers.convolutional.conv3d_transpose.Conv3DTranspose.build``
(stage build, args layer and input_shape) with the ``add_weight`` spans of ``kernel``
then ``bias`` inside it.
"""
from tracekeras import tracing
from tracekeras.layers.convolutional.base_conv import build_args
from tracekeras.layers.convolutional.base_conv_transpose import ConvTranspose


class Conv3DTranspose(ConvTranspose):
    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 output_padding=None, data_format=None, dilation_rate=(1, 1, 1), activation=None,
                 use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=3, filters=filters, kernel_size=kernel_size, strides=strides,
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

    def get_config(self):
        config = super().get_config()
        del config["dilation_rate"]      # Keras's config of this layer leaves it out
        return config


Convolution3DTranspose = Conv3DTranspose
