"""Conv2DTranspose: the transposed convolution, which grows an image
(``keras.layers.convolutional.conv2d_transpose``).

What it owns: ``Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding="valid",
output_padding=None, ...)``: the arguments of ``Conv2D`` (no ``groups``) plus
``output_padding`` (each below its stride), its ``build`` (a ``kernel`` of shape
``kernel_size + (filters, in_channels)``, filters before input channels, then a
``bias``; input spec ``ndim=4`` with the channel axis pinned), its ``call``
(``backend.conv.conv_transpose`` to the size ``conv_utils.deconv_output_length``
gives, ``ops.bias_add``, the activation), ``compute_output_shape`` and
``get_config``. Alias ``Convolution2DTranspose``.

What it receives / hands on: ``(batch, rows, cols, channels)`` ->
``(batch, new_rows, new_cols, filters)``; with ``padding="same"`` and no output
padding, ``new_rows = rows * strides[0]``.

Trace events: span ``keras.layers.convolutional.conv2d_transpose.Conv2DTranspose.build``
(stage build, args layer and input_shape) with the ``add_weight`` spans of ``kernel``
then ``bias`` inside it.
"""
from tracekeras import activations, tracing
from tracekeras.backend import conv, ops
from tracekeras.engine.base_layer import shape_list
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.convolutional.conv2d import Conv2D
from tracekeras.utils import conv_utils


class Conv2DTranspose(Conv2D):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", output_padding=None,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)
        if output_padding is not None:
            output_padding = conv_utils.normalize_tuple(output_padding, 2, "output_padding",
                                                        allow_zero=True)
            for stride, out_pad in zip(self.strides, output_padding):
                if out_pad >= stride:
                    raise ValueError("Strides must be greater than output padding. Received "
                                     f"strides={self.strides}, "
                                     f"output_padding={output_padding}.")
        self.output_padding = output_padding

    @tracing.traced("build",
                    args=lambda self, input_shape: {"layer": self.name,
                                                    "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != 4:
            raise ValueError(f"Inputs should have rank 4. Received input_shape={input_shape}.")
        if input_shape[-1] is None:
            raise ValueError("The channel dimension of the inputs to `Conv2DTranspose` should "
                             f"be defined. The input_shape received is {input_shape}, where "
                             "axis -1 (0-based) is the channel dimension, which found to be "
                             "`None`.")
        channels = int(input_shape[-1])
        self.input_spec = InputSpec(ndim=4, axes={-1: channels})
        self.kernel = self.add_weight(
            "kernel", shape=self.kernel_size + (self.filters, channels),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        self.built = True

    def spatial_output_shape(self, spatial_input_shape):
        output_padding = self.output_padding or (None, None)
        return [conv_utils.deconv_output_length(length, self.kernel_size[i],
                                                padding=self.padding,
                                                output_padding=output_padding[i],
                                                stride=self.strides[i],
                                                dilation=self.dilation_rate[i])
                for i, length in enumerate(spatial_input_shape)]

    def call(self, inputs):
        if inputs.dtype != self.kernel.value.dtype:
            inputs = ops.cast(inputs, self.kernel.value.dtype)
        output_shape = ((inputs.shape[0],) + tuple(self.spatial_output_shape(inputs.shape[1:3]))
                        + (self.filters,))
        outputs = conv.conv_transpose(inputs, self.kernel, output_shape, self.strides,
                                      self.padding.upper(), self.dilation_rate)
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias)
        if self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        return ((input_shape[0],) + tuple(self.spatial_output_shape(input_shape[1:3]))
                + (self.filters,))

    def get_config(self):
        config = super().get_config()
        config["output_padding"] = self.output_padding
        return config


Convolution2DTranspose = Conv2DTranspose
