"""ZeroPadding1D and ZeroPadding3D: a border of zeros around a sequence or a volume
(``keras.layers.reshaping.zero_padding1d``, ``zero_padding3d``; ``ZeroPadding2D`` has its
own module).

What it owns: ``ZeroPadding1D(padding=1)`` (one int, or ``(before, after)``) and
``ZeroPadding3D(padding=(1, 1, 1), data_format=None)`` (one int, three ints or three
pairs, read by ``cropping.normalize_pairs`` with Keras's messages); the padding is
``backend.spatial.pad`` (``tf.pad``); input spec ``ndim``, ``compute_output_shape``
and ``get_config``.

What it receives / hands on: ``(batch, *spatial, channels)`` (``(batch, channels,
*spatial)`` for ``channels_first``) -> the same with each spatial axis lengthened by
its two borders.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.cropping import all_axes, bordered_shape, normalize_pairs
from tracekeras.utils import conv_utils


class ZeroPadding1D(Layer):
    def __init__(self, padding=1, **kwargs):
        padding = conv_utils.normalize_tuple(padding, 2, "padding", allow_zero=True)
        super().__init__(**kwargs)
        self.padding = padding
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return spatial.pad(inputs, ((0, 0), self.padding, (0, 0)))

    def compute_output_shape(self, input_shape):
        return bordered_shape(tuple(input_shape), "channels_last", (self.padding,), 1)

    def get_config(self):
        config = super().get_config()
        config["padding"] = self.padding
        return config


class ZeroPadding3D(Layer):
    def __init__(self, padding=(1, 1, 1), data_format=None, **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        padding = normalize_pairs(padding, 3, "padding")
        super().__init__(**kwargs)
        self.padding = padding
        self.data_format = data_format
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        return spatial.pad(inputs, all_axes(self.data_format, self.padding))

    def compute_output_shape(self, input_shape):
        return bordered_shape(tuple(input_shape), self.data_format, self.padding, 1)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config
