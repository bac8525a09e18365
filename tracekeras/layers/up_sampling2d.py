"""UpSampling2D: repeat rows and columns (``keras.layers.reshaping.up_sampling2d``).

What it owns: ``UpSampling2D(size=(2, 2), data_format=None, interpolation="nearest")``:
each value becomes a ``size[0] x size[1]`` block (``backend.spatial.resize_nearest``,
``tf.image.resize`` with nearest neighbour); Keras's check of ``interpolation``
(unknown names raise ``NotImplementedError``; the other methods Keras knows are
refused by name, as tracekeras resizes by nearest neighbour only); input spec
``ndim=4``; ``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, rows, cols, channels)`` ->
``(batch, rows * size[0], cols * size[1], channels)``.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils

INTERPOLATIONS = dict.fromkeys(   # the methods tf.image.resize knows
    ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian",
     "mitchellcubic"))


class UpSampling2D(Layer):
    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        conv_utils.require_channels_last(data_format, "UpSampling2D")
        size = conv_utils.normalize_tuple(size, 2, "size")
        interpolation = interpolation.lower()
        if interpolation not in INTERPOLATIONS:
            raise NotImplementedError(f"Value not recognized for `interpolation`: "
                                      f"{interpolation}. Supported values are: "
                                      f"{INTERPOLATIONS.keys()}")
        if interpolation != "nearest":
            raise NotImplementedError("tracekeras's UpSampling2D supports "
                                      "interpolation='nearest' only. Received: "
                                      f"interpolation={interpolation!r}")
        super().__init__(**kwargs)
        self.data_format = data_format
        self.size = size
        self.interpolation = interpolation
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        return spatial.resize_nearest(inputs, self.size)

    def compute_output_shape(self, input_shape):
        batch, rows, cols, channels = tuple(input_shape)
        return (batch, None if rows is None else rows * self.size[0],
                None if cols is None else cols * self.size[1], channels)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format,
                       "interpolation": self.interpolation})
        return config
