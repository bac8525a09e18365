"""SeparableConv: a depthwise convolution followed by a 1x1 (pointwise) convolution
(``keras.layers.convolutional.base_separable_conv``), and ``SeparableConv1D``/``2D``
(``separable_conv1d``, ``separable_conv2d``).

What it owns: the arguments of ``Conv`` plus ``depth_multiplier`` and the
``depthwise_*``/``pointwise_*`` initializers, regularizers and constraints; its
``build`` (``depthwise_kernel`` of shape ``kernel_size + (in_channels,
depth_multiplier)``, ``pointwise_kernel`` of shape ``(1,) * rank + (in_channels *
depth_multiplier, filters)``, then ``bias`` of ``filters``; input spec ``ndim`` =
rank + 2 with the channel axis pinned), its ``call`` (``tf.nn.separable_conv2d``:
the depthwise step with this layer's strides, padding and dilation,
``backend.conv.depthwise_convolution``, then the pointwise ``backend.conv.convolution``
with stride 1; ``ops.bias_add``, the activation) and ``get_config``. ``causal``
padding is for ``SeparableConv1D`` only.

What it receives / hands on: ``(batch, *spatial, channels)`` ->
``(batch, *new_spatial, filters)`` (channel axis 1 for ``channels_first``). Aliases
``SeparableConvolution1D``, ``SeparableConvolution2D``.

Trace events: span ``keras.layers.convolutional.base_separable_conv.SeparableConv.build``
(stage build, args layer and input_shape) with the ``add_weight`` spans of
``depthwise_kernel``, ``pointwise_kernel`` then ``bias`` inside it.
"""
from tracekeras import activations, constraints, initializers, regularizers, tracing
from tracekeras.backend import conv, ops, spatial
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.convolutional.base_conv import Conv, build_args, refuse_unsupported


class SeparableConv(Conv):
    """``SeparableConv(rank, filters, kernel_size, ..., depth_multiplier=1, ...)``."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        refuse_unsupported(type(self).__name__, depthwise_regularizer=depthwise_regularizer,
                           pointwise_regularizer=pointwise_regularizer,
                           depthwise_constraint=depthwise_constraint,
                           pointwise_constraint=pointwise_constraint)
        super().__init__(rank, filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        self.depthwise_kernel = self.pointwise_kernel = None

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        channels = self.input_channel(input_shape)
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self.channel_axis(): channels})
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel",
            shape=(1,) * self.rank + (channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        self.built = True

    def call(self, inputs):
        if inputs.dtype != self.compute_dtype:
            inputs = ops.cast(inputs, self.compute_dtype)
        if self.channels_first:
            inputs = spatial.to_channels_last(inputs)
        outputs = conv.depthwise_convolution(inputs, self.depthwise_kernel, self.strides,
                                             self.padding_op(), self.dilation_rate)
        outputs = conv.convolution(outputs, self.pointwise_kernel, (1,) * self.rank, "VALID")
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias)
        if self.channels_first:
            outputs = spatial.to_channels_first(outputs)
        if self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "pointwise_constraint": constraints.serialize(self.pointwise_constraint),
        })
        return config


class SeparableConv1D(SeparableConv):
    causal = True

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         depth_multiplier=depth_multiplier, **kwargs)


class SeparableConv2D(SeparableConv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), depth_multiplier=1, **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         depth_multiplier=depth_multiplier, **kwargs)


SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D
