"""DepthwiseConv: one small convolution per input channel
(``keras.layers.convolutional.base_depthwise_conv``), and ``DepthwiseConv1D``/``2D``
(``depthwise_conv1d``, ``depthwise_conv2d``).

What it owns: the arguments of ``Conv`` without ``filters`` plus
``depth_multiplier`` (outputs per input channel) and the ``depthwise_*``
initializer, regularizer and constraint; its ``build`` (a ``depthwise_kernel`` of
shape ``kernel_size + (in_channels, depth_multiplier)``, then a ``bias`` of
``in_channels * depth_multiplier``; input spec with the channel axis pinned), its
``call`` (``backend.conv.depthwise_convolution``, ``tf.nn.depthwise_conv2d``:
output channel ``c * depth_multiplier + m`` is input channel ``c`` convolved with
its ``m``-th filter; ``ops.bias_add``, the activation) and ``get_config``.

What it receives / hands on: ``(batch, *spatial, channels)`` ->
``(batch, *new_spatial, channels * depth_multiplier)`` (channel axis 1 for
``channels_first``).

Trace events: span ``keras.layers.convolutional.base_depthwise_conv.DepthwiseConv.build``
(stage build, args layer and input_shape) with the ``add_weight`` spans of
``depthwise_kernel`` then ``bias`` inside it.
"""
from tracekeras import activations, constraints, initializers, regularizers, tracing
from tracekeras.backend import conv, ops, spatial
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.convolutional.base_conv import Conv, build_args, refuse_unsupported


class DepthwiseConv(Conv):
    """``DepthwiseConv(rank, kernel_size, strides=1, padding="valid", depth_multiplier=1, ...)``."""

    def __init__(self, rank, kernel_size, strides=1, padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        refuse_unsupported(type(self).__name__, depthwise_regularizer=depthwise_regularizer,
                           depthwise_constraint=depthwise_constraint)
        super().__init__(rank, filters=None, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.depthwise_kernel = None

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != self.rank + 2:
            raise ValueError(f"Inputs to `DepthwiseConv` should have rank {self.rank + 2}. "
                             f"Received input_shape={input_shape}.")
        channels = self.input_channel(input_shape, "DepthwiseConv")
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=(channels * self.depth_multiplier,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        self.input_spec = InputSpec(min_ndim=self.rank + 2,
                                    axes={self.channel_axis(): channels})
        self.built = True

    def call(self, inputs):
        if inputs.dtype != self.compute_dtype:
            inputs = ops.cast(inputs, self.compute_dtype)
        if self.channels_first:
            inputs = spatial.to_channels_last(inputs)
        outputs = conv.depthwise_convolution(inputs, self.depthwise_kernel, self.strides,
                                             self.padding_op(), self.dilation_rate)
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias)
        if self.channels_first:
            outputs = spatial.to_channels_first(outputs)
        if self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def output_filters(self, input_shape):
        channels = input_shape[self.channel_axis()]
        return None if channels is None else channels * self.depth_multiplier

    def get_config(self):
        config = super().get_config()
        for key in ("filters", "kernel_initializer", "kernel_regularizer", "kernel_constraint"):
            config.pop(key)
        config.update({"depth_multiplier": self.depth_multiplier,
                       "depthwise_initializer": initializers.serialize(
                           self.depthwise_initializer),
                       "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
                       "depthwise_constraint": constraints.serialize(self.depthwise_constraint)})
        return config


class DepthwiseConv1D(DepthwiseConv):
    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=1, **kwargs):
        super().__init__(1, kernel_size=kernel_size, strides=strides, padding=padding,
                         depth_multiplier=depth_multiplier, data_format=data_format,
                         dilation_rate=dilation_rate, **kwargs)


class DepthwiseConv2D(DepthwiseConv):
    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=(1, 1), **kwargs):
        super().__init__(2, kernel_size=kernel_size, strides=strides, padding=padding,
                         depth_multiplier=depth_multiplier, data_format=data_format,
                         dilation_rate=dilation_rate, **kwargs)
