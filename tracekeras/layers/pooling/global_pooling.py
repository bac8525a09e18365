"""Global pooling: one value per channel over all spatial positions
(``keras.layers.pooling.base_global_pooling1d``/``2d``/``3d``,
``global_average_pooling1d``/``2d``/``3d``, ``global_max_pooling1d``/``2d``/``3d``).

What it owns: ``GlobalPooling1D``/``2D``/``3D`` (``data_format``, ``keepdims``,
input spec ``ndim`` = rank + 2, the spatial axes to reduce, which follow the
channel axis for ``channels_first``, a build that refuses a zero-length spatial
axis, ``compute_output_shape``, ``get_config``) and the six layers:
``GlobalAveragePooling1D``/``2D``/``3D`` (``ops.reduce_mean``; the 1-D one honours a
mask: masked steps are left out of the mean) and ``GlobalMaxPooling1D``/``2D``/``3D``
(``backend.pooling.reduce_max``), with the aliases ``GlobalAvgPool1D``/``2D``/``3D``
and ``GlobalMaxPool1D``/``2D``/``3D``.

What it receives / hands on: ``(batch, *spatial, channels)`` -> ``(batch, channels)``
(``(batch, 1, ..., channels)`` with ``keepdims=True``; ``(batch, channels, 1, ...)``
for ``channels_first``).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops, pooling
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils


class GlobalPooling(Layer):
    """The shared body of ``GlobalPooling1D``, ``GlobalPooling2D`` and ``GlobalPooling3D``."""

    rank = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        super().__init__(**kwargs)
        self.data_format = data_format
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def channels_first(self):
        return self.data_format == "channels_first"

    @property
    def spatial_axes(self):
        start = 2 if self.channels_first else 1
        return tuple(range(start, start + self.rank))

    def build(self, input_shape):
        input_shape = list(input_shape)
        for axis in self.spatial_axes:
            if input_shape[axis] == 0:
                raise ValueError(f"Incorrect input shape {input_shape} with dimension 0 at "
                                 f"reduction axis {axis}.")
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        channels = input_shape[1] if self.channels_first else input_shape[-1]
        if not self.keepdims:
            return (input_shape[0], channels)
        if self.channels_first:
            return (input_shape[0], channels) + (1,) * self.rank
        return (input_shape[0],) + (1,) * self.rank + (channels,)

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


class GlobalPooling3D(GlobalPooling):
    rank = 3


class GlobalAveragePooling1D(GlobalPooling1D):
    def call(self, inputs, mask=None):
        steps = self.spatial_axes[0]
        if mask is None:
            return ops.reduce_mean(inputs, axis=steps, keepdims=self.keepdims)
        mask_shape = tuple(mask.shape)
        weights = ops.reshape(ops.cast(mask, inputs.dtype),
                              mask_shape[:1] + (1,) + mask_shape[1:] if self.channels_first
                              else mask_shape + (1,))
        total = ops.reduce_sum(ops.multiply(inputs, weights), axis=steps, keepdims=self.keepdims)
        return ops.divide(total, ops.reduce_sum(weights, axis=steps, keepdims=self.keepdims))

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalAveragePooling2D(GlobalPooling2D):
    def call(self, inputs):
        return ops.reduce_mean(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


class GlobalAveragePooling3D(GlobalPooling3D):
    def call(self, inputs):
        return ops.reduce_mean(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


class GlobalMaxPooling1D(GlobalPooling1D):
    def call(self, inputs):
        return pooling.reduce_max(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


class GlobalMaxPooling2D(GlobalPooling2D):
    def call(self, inputs):
        return pooling.reduce_max(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D


class GlobalMaxPooling3D(GlobalPooling3D):
    def call(self, inputs):
        return pooling.reduce_max(inputs, axis=self.spatial_axes, keepdims=self.keepdims)


GlobalAvgPool3D = GlobalAveragePooling3D
GlobalMaxPool3D = GlobalMaxPooling3D
