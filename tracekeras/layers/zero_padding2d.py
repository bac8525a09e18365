"""ZeroPadding2D: a border of zeros around an image (``keras.layers.reshaping.zero_padding2d``).

What it owns: ``ZeroPadding2D(padding=(1, 1), data_format=None)``; ``padding`` is one
int (the same on all four sides), two ints (symmetric rows, symmetric columns) or
two pairs ``((top, bottom), (left, right))``, checked with Keras's messages and
kept as two pairs; the padding is ``backend.spatial.pad`` (``tf.pad``); input spec
``ndim=4``; ``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, rows, cols, channels)`` ->
``(batch, top + rows + bottom, left + cols + right, channels)`` (channels on axis 1
for ``channels_first``).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils


def normalize_padding_2d(padding):
    """``((top, bottom), (left, right))`` from any of the three forms Keras accepts."""
    if isinstance(padding, int):
        return ((padding, padding), (padding, padding))
    if not hasattr(padding, "__len__"):
        raise ValueError("`padding` should be either an int, a tuple of 2 ints "
                         "(symmetric_height_pad, symmetric_width_pad), or a tuple of 2 tuples "
                         "of 2 ints ((top_pad, bottom_pad), (left_pad, right_pad)). "
                         f"Received: {padding}.")
    if len(padding) != 2:
        raise ValueError(f"`padding` should have two elements. Received: {padding}.")
    return (conv_utils.normalize_tuple(padding[0], 2, "1st entry of padding", allow_zero=True),
            conv_utils.normalize_tuple(padding[1], 2, "2nd entry of padding", allow_zero=True))


class ZeroPadding2D(Layer):
    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        padding = normalize_padding_2d(padding)
        super().__init__(**kwargs)
        self.data_format = data_format
        self.padding = padding
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        if self.data_format == "channels_first":
            return spatial.pad(inputs, ((0, 0), (0, 0)) + self.padding)
        return spatial.pad(inputs, ((0, 0),) + self.padding + ((0, 0),))

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        start = 2 if self.data_format == "channels_first" else 1
        for i, (before, after) in enumerate(self.padding):
            if shape[start + i] is not None:
                shape[start + i] += before + after
        return tuple(shape)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config
