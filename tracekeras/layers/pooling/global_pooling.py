"""Global pooling: one value per channel over all spatial positions
(``keras.layers.pooling.base_global_pooling1d``/``2d``, ``global_average_pooling1d``/``2d``,
``global_max_pooling1d``/``2d``).

What it owns: ``GlobalPooling1D``/``GlobalPooling2D`` (``data_format``, ``keepdims``,
input spec ``ndim`` = rank + 2, a build that refuses a zero-length spatial axis,
``compute_output_shape``, ``get_config``) and the four layers:
``GlobalAveragePooling1D``/``2D`` (``ops.reduce_mean``; the 1-D one honours a mask:
masked steps are left out of the mean) and ``GlobalMaxPooling1D``/``2D``
(``backend.pooling.reduce_max``), with the aliases ``GlobalAvgPool1D``/``2D`` and
``GlobalMaxPool1D``/``2D``.

What it receives / hands on: ``(batch, *spatial, channels)`` -> ``(batch, channels)``
(``(batch, 1, ..., channels)`` with ``keepdims=True``).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops, pooling
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils


class GlobalPooling(Layer):
    """The shared body of ``GlobalPooling1D`` and ``GlobalPooling2D``."""

    rank = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        conv_utils.require_channels_last(data_format, type(self).__name__)
        super().__init__(**kwargs)
        self.data_format = data_format
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def spatial_axes(self):
        return tuple(range(1, self.rank + 1))

    def build(self, input_shape):
        input_shape = list(input_shape)
        for axis in self.spatial_axes:
            if input_shape[axis] == 0:
                raise ValueError(f"Incorrect input shape {input_shape} with dimension 0 at "
                                 f"reduction axis {axis}.")
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.keepdims:
            return (input_shape[0],) + (1,) * self.rank + (input_shape[-1],)
        return (input_shape[0], input_shape[-1])

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalPooling1D(GlobalPooling):
    rank = 1

    def __init__(self, data_format="channels_last", keepdims=False, **kwargs):
        super().__init__(data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True


class GlobalPooling2D(GlobalPooling):
    rank = 2


class GlobalAveragePooling1D(GlobalPooling1D):
    def call(self, inputs, mask=None):
        if mask is None:
            return ops.reduce_mean(inputs, axis=1, keepdims=self.keepdims)
        weights = ops.reshape(ops.cast(mask, inputs.dtype), tuple(mask.shape) + (1,))
        total = ops.reduce_sum(ops.multiply(inputs, weights), axis=1, keepdims=self.keepdims)
        return ops.divide(total, ops.reduce_sum(weights, axis=1, keepdims=self.keepdims))

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalAveragePooling2D(GlobalPooling2D):
    def call(self, inputs):
        return ops.reduce_mean(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


class GlobalMaxPooling1D(GlobalPooling1D):
    def call(self, inputs):
        return pooling.reduce_max(inputs, axis=1, keepdims=self.keepdims)


class GlobalMaxPooling2D(GlobalPooling2D):
    def call(self, inputs):
        return pooling.reduce_max(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D
