"""ConvTranspose: the transposed convolution, which grows its input, for 1 or 2 spatial axes
(``keras.layers.convolutional.conv1d_transpose`` / ``conv2d_transpose``, which Keras writes
out once per rank; here they share this body).

What it owns: the arguments of ``Conv`` (no ``groups``) plus ``output_padding``
(each below its stride), its ``build`` (a ``kernel`` of shape
``kernel_size + (filters, in_channels)``, filters before input channels, then a
``bias``; input spec ``ndim`` = rank + 2 with the channel axis pinned), its
``call`` (``backend.conv.conv_transpose`` to the size
``conv_utils.deconv_output_length`` gives, ``ops.bias_add``, the activation;
``channels_first`` input is moved to channels last and back),
``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, *spatial, channels)`` ->
``(batch, *new_spatial, filters)``; with ``padding="same"`` and no output padding
each new length is the old one times its stride.

Trace events: none of its own; each kind traces its ``build`` under its Keras name
(``keras.layers.convolutional.conv2d_transpose.Conv2DTranspose.build``), with the
``add_weight`` spans of ``kernel`` then ``bias`` inside it.
"""
from tracekeras import activations
from tracekeras.backend import conv, ops, spatial
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.convolutional.base_conv import Conv
from tracekeras.utils import conv_utils


class ConvTranspose(Conv):
    """``Conv`` of ``rank`` spatial axes run backwards; ``output_padding`` as Keras checks it."""

    def __init__(self, rank, filters, kernel_size, output_padding=None, **kwargs):
        super().__init__(rank=rank, filters=filters, kernel_size=kernel_size, **kwargs)
        if output_padding is not None:
            output_padding = conv_utils.normalize_tuple(output_padding, rank, "output_padding",
                                                        allow_zero=True)
            for stride, out_pad in zip(self.strides, output_padding):
                if out_pad >= stride:
                    raise ValueError("Strides must be greater than output padding. Received "
                                     f"strides={self.strides}, "
                                     f"output_padding={output_padding}.")
        self.output_padding = output_padding

    def build(self, input_shape):   # traced by each kind, under its own Keras name
        input_shape = tuple(input_shape)
        if len(input_shape) != self.rank + 2:
            raise ValueError(f"Inputs should have rank {self.rank + 2}. Received "
                             f"input_shape={input_shape}.")
        channels = self.input_channel(input_shape, type(self).__name__)
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self.channel_axis(): channels})
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
        output_padding = self.output_padding or (None,) * self.rank
        return [conv_utils.deconv_output_length(length, self.kernel_size[i],
                                                padding=self.padding,
                                                output_padding=output_padding[i],
                                                stride=self.strides[i],
                                                dilation=self.dilation_rate[i])
                for i, length in enumerate(spatial_input_shape)]

    def call(self, inputs):
        if inputs.dtype != self.compute_dtype:
            inputs = ops.cast(inputs, self.compute_dtype)
        if self.channels_first:
            inputs = spatial.to_channels_last(inputs)
        output_shape = ((inputs.shape[0],)
                        + tuple(self.spatial_output_shape(inputs.shape[1:-1]))
                        + (self.filters,))
        outputs = conv.conv_transpose(inputs, self.kernel, output_shape, self.strides,
                                      self.padding.upper(), self.dilation_rate)
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias)
        if self.channels_first:
            outputs = spatial.to_channels_first(outputs)
        if self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.channels_first:
            return ((input_shape[0], self.filters)
                    + tuple(self.spatial_output_shape(input_shape[2:])))
        return ((input_shape[0],) + tuple(self.spatial_output_shape(input_shape[1:-1]))
                + (self.filters,))

    def get_config(self):
        config = super().get_config()
        config["output_padding"] = self.output_padding
        return config
