"""UpSampling2D: repeat rows and columns (``keras.layers.reshaping.up_sampling2d``).

What it owns: ``UpSampling2D(size=(2, 2), data_format=None, interpolation="nearest")``:
with ``nearest`` each value becomes a ``size[0] x size[1]`` block
(``backend.spatial.resize_nearest``), with ``bilinear`` each output is the
half-pixel-centred linear interpolation ``tf.image.resize`` computes
(``backend.spatial.resize_bilinear``); Keras's check of ``interpolation`` (unknown
names raise ``NotImplementedError``; the other methods Keras knows are refused by
name); ``channels_first`` input is moved to channels last and back; input spec
``ndim=4``; ``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, rows, cols, channels)`` ->
``(batch, rows * size[0], cols * size[1], channels)`` (channels on axis 1 for
``channels_first``).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils

INTERPOLATIONS = dict.fromkeys(   # the methods tf.image.resize knows
    ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian",
     "mitchellcubic"))


def scaled_shape(input_shape, data_format, size):
    """``input_shape`` with each spatial length times its factor (None stays None)."""
    shape = list(input_shape)
    start = 2 if data_format == "channels_first" else 1
    for i, factor in enumerate(size):
        if shape[start + i] is not None:
            shape[start + i] *= factor
    return tuple(shape)


class UpSampling2D(Layer):
    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        size = conv_utils.normalize_tuple(size, 2, "size")
        interpolation = interpolation.lower()
        if interpolation not in INTERPOLATIONS:
            raise NotImplementedError(f"Value not recognized for `interpolation`: "
                                      f"{interpolation}. Supported values are: "
                                      f"{INTERPOLATIONS.keys()}")
        if interpolation not in ("nearest", "bilinear"):
            raise NotImplementedError("tracekeras's UpSampling2D supports "
                                      "interpolation='nearest' and 'bilinear' only. Received: "
                                      f"interpolation={interpolation!r}")
        super().__init__(**kwargs)
        self.data_format = data_format
        self.size = size
        self.interpolation = interpolation
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        first = self.data_format == "channels_first"
        if first:
            inputs = spatial.to_channels_last(inputs)
        if self.interpolation == "nearest":
            outputs = spatial.resize_nearest(inputs, self.size)
        else:
            outputs = spatial.resize_bilinear(
                inputs, [n * f for n, f in zip(inputs.shape[1:3], self.size)])
        return spatial.to_channels_first(outputs) if first else outputs

    def compute_output_shape(self, input_shape):
        return scaled_shape(tuple(input_shape), self.data_format, self.size)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format,
                       "interpolation": self.interpolation})
        return config
