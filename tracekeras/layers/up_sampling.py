"""UpSampling1D and UpSampling3D: repeat steps, or the three axes of a volume
(``keras.layers.reshaping.up_sampling1d``, ``up_sampling3d``; ``UpSampling2D``, which also
interpolates, has its own module).

What it owns: ``UpSampling1D(size=2)`` (each step repeated ``size`` times,
``keras.backend.repeat_elements``) and ``UpSampling3D(size=(2, 2, 2),
data_format=None)`` (each value becomes a ``size[0] x size[1] x size[2]`` block,
``keras.backend.resize_volumes``), both ``backend.spatial.resize_nearest``;
input spec ``ndim``, ``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, steps, channels)`` -> ``(batch, steps * size,
channels)``; ``(batch, d1, d2, d3, channels)`` -> each ``d`` times its factor
(channels on axis 1 for ``channels_first``).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.up_sampling2d import scaled_shape
from tracekeras.utils import conv_utils


class UpSampling1D(Layer):
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return spatial.resize_nearest(inputs, (self.size,))

    def compute_output_shape(self, input_shape):
        return scaled_shape(tuple(input_shape), "channels_last", (self.size,))

    def get_config(self):
        config = super().get_config()
        config["size"] = self.size
        return config


class UpSampling3D(Layer):
    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        size = conv_utils.normalize_tuple(size, 3, "size")
        super().__init__(**kwargs)
        self.data_format = data_format
        self.size = size
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        if self.data_format == "channels_first":
            outputs = spatial.resize_nearest(spatial.to_channels_last(inputs), self.size)
            return spatial.to_channels_first(outputs)
        return spatial.resize_nearest(inputs, self.size)

    def compute_output_shape(self, input_shape):
        return scaled_shape(tuple(input_shape), self.data_format, self.size)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format})
        return config
