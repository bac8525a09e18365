"""AveragePooling1D, AveragePooling2D and AveragePooling3D: the mean of each window
(``keras.layers.pooling.average_pooling1d``, ``average_pooling2d``, ``average_pooling3d``).

What it owns: the three layers (defaults ``pool_size=2`` / ``(2, 2)`` / ``(2, 2, 2)``,
strides = pool size, ``valid``, channels last or first) and their aliases ``AvgPool1D``,
``AvgPool2D``, ``AvgPool3D``; the pooling is
``backend.pooling.avg_pool`` (``tf.nn.avg_pool``): with ``same`` padding a window
at the border averages only the values inside the input.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import pooling
from tracekeras.layers.pooling.base_pooling import Pooling1D, Pooling2D, Pooling3D


class AveragePooling1D(Pooling1D):
    def __init__(self, pool_size=2, strides=None, padding="valid", data_format="channels_last",
                 **kwargs):
        super().__init__(pooling.avg_pool, pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


class AveragePooling2D(Pooling2D):
    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(pooling.avg_pool, pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


class AveragePooling3D(Pooling3D):
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(pooling.avg_pool, pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


AvgPool1D = AveragePooling1D
AvgPool2D = AveragePooling2D
AvgPool3D = AveragePooling3D
