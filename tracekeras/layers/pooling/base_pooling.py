"""Pooling1D, Pooling2D and Pooling3D: windows slid over the spatial axes, one value kept
per window (``keras.layers.pooling.base_pooling1d``, ``base_pooling2d``, ``base_pooling3d``).

What it owns: the arguments of a window pooling (``pool_size``, ``strides``, which
default to the pool size, ``padding`` ``valid`` or ``same``, ``data_format``;
Keras's checks through ``conv_utils``), the input spec (``ndim`` = rank + 2),
``call`` (the pool function, a ``backend.pooling`` op, with the window and
strides of this layer; ``channels_first`` input is moved to channels last and
back), ``compute_output_shape`` and ``get_config``. The max and average kinds only
choose the pool function.

What it receives / hands on: ``(batch, *spatial, channels)`` (``(batch, channels,
*spatial)`` for ``channels_first``) -> the same with each spatial axis shrunk to the
number of windows.

Trace events: the ``Layer.__call__`` spans of the base class (no weights, no build).
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils


class Pooling(Layer):
    """The shared body of ``Pooling1D``, ``Pooling2D`` and ``Pooling3D`` (``rank`` spatial
    axes)."""

    rank = None

    def __init__(self, pool_function, pool_size, strides, padding="valid", data_format=None,
                 name=None, **kwargs):
        if strides is None:
            strides = pool_size
        pool_size = conv_utils.normalize_tuple(pool_size, self.rank, "pool_size")
        strides = conv_utils.normalize_tuple(strides, self.rank, "strides", allow_zero=True)
        padding = conv_utils.normalize_padding(padding)
        data_format = conv_utils.normalize_data_format(data_format)
        super().__init__(name=name, **kwargs)
        self.pool_function = pool_function
        self.pool_size = pool_size
        self.strides = strides
        self.padding = padding
        self.data_format = data_format
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs):
        if self.data_format == "channels_first":
            outputs = self.pool_function(spatial.to_channels_last(inputs), self.pool_size,
                                         self.strides, self.padding.upper())
            return spatial.to_channels_first(outputs)
        return self.pool_function(inputs, self.pool_size, self.strides, self.padding.upper())

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        first = self.data_format == "channels_first"
        lengths = input_shape[2:] if first else input_shape[1:-1]
        out = tuple(conv_utils.conv_output_length(length, self.pool_size[i], self.padding,
                                                  self.strides[i])
                    for i, length in enumerate(lengths))
        if first:
            return input_shape[:2] + out
        return (input_shape[0],) + out + (input_shape[-1],)

    def get_config(self):
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding,
                       "strides": self.strides, "data_format": self.data_format})
        return config


class Pooling1D(Pooling):
    rank = 1


class Pooling2D(Pooling):
    rank = 2


class Pooling3D(Pooling):
    rank = 3
