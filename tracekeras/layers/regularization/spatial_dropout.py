"""SpatialDropout1D, 2D and 3D: dropout of whole feature maps
(``keras.layers.regularization.spatial_dropout1d`` / ``2d`` / ``3d``).

What it owns: three ``Dropout`` subclasses that differ only in their noise shape: one draw
per sample and channel, shared along the steps (1D: ``(batch, 1, channels)``) or the
spatial axes (2D: ``(batch, 1, 1, channels)`` channels last, ``(batch, channels, 1, 1)``
channels first; 3D likewise), so a channel is dropped everywhere or nowhere. Their input
specs (``ndim`` 3, 4, 5), ``data_format`` checks with Keras's message, and Dropout's config
(Keras adds nothing to it, not even ``data_format``).

The masks are drawn as ``Dropout`` draws them (``backend.random.function_uniform``, the
legacy op seeds of ``seed``), so a seeded program drops TensorFlow's channels.

What it receives / hands on: as ``Dropout``. Trace events: the ``Layer.__call__`` spans of
the base class.
"""
from tracekeras import backend
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.regularization.dropout import Dropout


def check_data_format(data_format):
    data_format = backend.image_data_format() if data_format is None else data_format
    if data_format not in {"channels_last", "channels_first"}:
        raise ValueError('`data_format` must be "channels_last" or "channels_first". '
                         f"Received: data_format={data_format}.")
    return data_format


class SpatialDropout1D(Dropout):
    """``SpatialDropout1D(rate)``: inputs ``(samples, timesteps, channels)``."""

    def __init__(self, rate, **kwargs):
        super().__init__(rate, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    def _get_noise_shape(self, inputs):
        return (inputs.shape[0], 1, inputs.shape[2])


class SpatialDropout2D(Dropout):
    """``SpatialDropout2D(rate, data_format=None)``: inputs of rank 4."""

    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        self.data_format = check_data_format(data_format)
        self.input_spec = InputSpec(ndim=4)

    def _get_noise_shape(self, inputs):
        shape = inputs.shape
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1)
        return (shape[0], 1, 1, shape[3])


class SpatialDropout3D(Dropout):
    """``SpatialDropout3D(rate, data_format=None)``: inputs of rank 5."""

    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        self.data_format = check_data_format(data_format)
        self.input_spec = InputSpec(ndim=5)

    def _get_noise_shape(self, inputs):
        shape = inputs.shape
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1, 1)
        return (shape[0], 1, 1, 1, shape[4])
