"""Conv: the base of every convolution layer (``keras.layers.convolutional.base_conv.Conv``).

What it owns: the arguments a convolution takes (``filters``, ``kernel_size``,
``strides``, ``padding``, ``dilation_rate``, ``groups``, ``activation``,
``use_bias``, initializers; Keras's defaults and its checks: filters > 0, no zero
kernel size or stride, filters divisible by groups, strides and dilation not both
above 1, ``causal`` padding only for ``Conv1D`` and ``SeparableConv1D``), its
``build`` (one ``kernel`` of shape ``kernel_size + (in_channels // groups,
filters)`` and one ``bias`` of shape ``(filters,)`` through ``Layer.add_weight``;
the input spec then pins the channel axis), its ``call``
(``backend.conv.convolution``, ``ops.bias_add``, the activation),
``compute_output_shape`` and ``get_config``. With
``data_format="channels_first"`` the channel axis is axis 1: ``call`` moves it
last, computes as for channels last and moves it back (``backend.spatial``).

What it receives: the input shape at build time, Tensors
``(batch, *spatial, channels)`` at call time (``(batch, channels, *spatial)``
for ``channels_first``).

What it hands on: a Tensor ``(batch, *out_spatial, filters)`` (``(batch, filters,
*out_spatial)`` for ``channels_first``).

Trace events: span ``keras.layers.convolutional.base_conv.Conv.build`` (stage
build, args layer and input_shape), with the ``add_weight`` spans of ``kernel``
then ``bias`` inside it.
"""
from tracekeras import activations, constraints, initializers, regularizers, tracing
from tracekeras.backend import conv, nn, ops, spatial
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils


def refuse_unsupported(layer, **options):
    """Regularizers and constraints are resolved by ``regularizers.get`` and
    ``constraints.get`` (Keras's errors for a bad one) before the layer changes."""
    for what in [name for name in options if name.endswith("_regularizer")]:
        regularizers.get(options.pop(what))
    for what in [name for name in options if name.endswith("_constraint")]:
        constraints.get(options.pop(what))
    for what, value in options.items():
        if value is not None:
            raise NotImplementedError(f"tracekeras's {layer} has no `{what}` yet. Received: "
                                      f"{what}={value!r}")


def build_args(layer, input_shape):
    """The trace arguments of a convolution's ``build``."""
    return {"layer": layer.name, "input_shape": shape_list(tuple(input_shape))}


class Conv(Layer):
    """``Conv(rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
    dilation_rate=1, groups=1, activation=None, use_bias=True, ...)``."""

    causal = False      # may pad causally: Conv1D and SeparableConv1D only

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        refuse_unsupported(type(self).__name__, kernel_regularizer=kernel_regularizer,
                           bias_regularizer=bias_regularizer,
                           activity_regularizer=activity_regularizer,
                           kernel_constraint=kernel_constraint, bias_constraint=bias_constraint)
        if isinstance(filters, float):
            filters = int(filters)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive "
                             f"value. Received filters={filters}.")
        self.rank = rank
        self.filters = filters
        self.groups = groups or 1
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = conv_utils.normalize_tuple(strides, rank, "strides", allow_zero=True)
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.validate_init()
        activation = activations.get(activation)
        kernel_init = initializers.get(kernel_initializer)
        bias_init = initializers.get(bias_initializer)
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=regularizers.get(activity_regularizer), **kwargs)
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_init
        self.bias_initializer = bias_init
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)
        self.kernel = self.bias = None

    def validate_init(self):
        """Keras's ``Conv._validate_init``: the argument checks that need several arguments."""
        if self.filters is not None and self.filters % self.groups != 0:
            raise ValueError("The number of filters must be evenly divisible by the number of "
                             f"groups. Received: groups={self.groups}, filters={self.filters}")
        if not all(self.kernel_size):
            raise ValueError("The argument `kernel_size` cannot contain 0(s). Received: "
                             f"{self.kernel_size}")
        if not all(self.strides):
            raise ValueError("The argument `strides` cannot contains 0(s). Received: "
                             f"{self.strides}")
        if self.padding == "causal" and not self.causal:
            raise ValueError("Causal padding is only supported for `Conv1D`and "
                             "`SeparableConv1D`.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > "
                             f"1`. Received: strides={self.strides} and "
                             f"dilation_rate={self.dilation_rate}")

    @property
    def channels_first(self):
        return self.data_format == "channels_first"

    def channel_axis(self):
        """Keras's ``Conv._get_channel_axis``: -1, or the axis before the spatial ones."""
        return -1 - self.rank if self.channels_first else -1

    def input_channel(self, input_shape, layer=""):
        """The number of input channels; ``layer`` names the layer in the error, as the
        transposed and depthwise convolutions do."""
        axis = self.channel_axis()
        if input_shape[axis] is None:
            inputs = f"inputs to `{layer}`" if layer else "inputs"
            raise ValueError(f"The channel dimension of the {inputs} should be defined. The "
                             f"input_shape received is {input_shape}, where axis {axis} "
                             "(0-based) is the channel dimension, which found to be `None`.")
        return int(input_shape[axis])

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        channels = self.input_channel(input_shape)
        if channels % self.groups != 0:
            raise ValueError("The number of input channels must be evenly divisible by the "
                             f"number of groups. Received groups={self.groups}, but the input "
                             f"has {channels} channels (full input shape is {input_shape}).")
        self.compute_output_shape(input_shape)   # rejects an output with a dimension <= 0
        self.kernel = self.add_weight(
            "kernel", shape=self.kernel_size + (channels // self.groups, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        self.input_spec = InputSpec(min_ndim=self.rank + 2,
                                    axes={self.channel_axis(): channels})
        self.built = True

    def padding_op(self):
        """The backend's padding: ``VALID``, ``SAME``, or for ``causal`` the start only
        (no output sees a later step)."""
        if self.padding == "causal":
            return [((self.kernel_size[0] - 1) * self.dilation_rate[0], 0)]
        return self.padding.upper()

    def convolution_op(self, inputs, kernel):
        """``tf.nn.convolution`` with this layer's strides, padding, dilation and groups."""
        return conv.convolution(inputs, kernel, self.strides, self.padding_op(),
                                self.dilation_rate, self.groups)

    def call(self, inputs):
        if inputs.dtype != self.compute_dtype:
            inputs = ops.cast(inputs, self.compute_dtype)
        batch_shape = inputs.shape[:-self.rank - 1]
        if len(batch_shape) != 1:      # several batch axes: fold them into one and back
            inputs = ops.reshape(inputs, (-1,) + inputs.shape[-self.rank - 1:])
        if self.channels_first:
            inputs = spatial.to_channels_last(inputs)
        outputs = self.convolution_op(inputs, self.kernel)
        # the convolution's output is a fresh array only this call sees: the bias and a
        # plain relu are written into it (``overwrite``), the same numbers without two
        # fresh arrays of the output's size
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias, overwrite=True)
        if self.channels_first:
            outputs = spatial.to_channels_first(outputs)
        if len(batch_shape) != 1:
            outputs = ops.reshape(outputs, batch_shape + outputs.shape[1:])
        if self.activation is activations.relu and not self.channels_first:
            outputs = nn.relu(outputs, overwrite=True)
        elif self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def spatial_output_shape(self, spatial_input_shape):
        return [conv_utils.conv_output_length(length, self.kernel_size[i], padding=self.padding,
                                              stride=self.strides[i],
                                              dilation=self.dilation_rate[i])
                for i, length in enumerate(spatial_input_shape)]

    def compute_output_shape(self, input_shape):
        input_shape = list(input_shape)
        batch_rank = len(input_shape) - self.rank - 1
        if self.channels_first:
            spatial = self.spatial_output_shape(input_shape[batch_rank + 1:])
        else:
            spatial = self.spatial_output_shape(input_shape[batch_rank:-1])
        if any(d is not None and d <= 0 for d in spatial):
            raise ValueError(f"One of the dimensions in the output is <= 0 due to downsampling "
                             f"in {self.name}. Consider increasing the input size. Received "
                             f"input shape {input_shape} which would produce output shape "
                             "with a zero or negative value in a dimension.")
        filters = self.output_filters(input_shape)
        if self.channels_first:
            return tuple(input_shape[:batch_rank] + [filters] + spatial)
        return tuple(input_shape[:batch_rank] + spatial + [filters])

    def output_filters(self, input_shape):
        """The number of output channels (the depthwise convolution's depend on the input)."""
        return self.filters

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config

