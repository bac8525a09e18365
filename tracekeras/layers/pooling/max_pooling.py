"""MaxPooling1D, MaxPooling2D and MaxPooling3D: the largest value of each window
(``keras.layers.pooling.max_pooling1d``, ``max_pooling2d``, ``max_pooling3d``).

What it owns: the three layers (defaults ``pool_size=2`` / ``(2, 2)`` / ``(2, 2, 2)``,
strides = pool size, ``valid``, channels last or first) and their aliases ``MaxPool1D``,
``MaxPool2D``, ``MaxPool3D``; the pooling is
``backend.pooling.max_pool`` (``tf.nn.max_pool``), its gradient goes to the
window's first maximum.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import pooling
from tracekeras.layers.pooling.base_pooling import Pooling1D, Pooling2D, Pooling3D


class MaxPooling1D(Pooling1D):
    def __init__(self, pool_size=2, strides=None, padding="valid", data_format="channels_last",
                 **kwargs):
        super().__init__(pooling.max_pool, pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


class MaxPooling2D(Pooling2D):
    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(pooling.max_pool, pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


class MaxPooling3D(Pooling3D):
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(pooling.max_pool, pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


MaxPool1D = MaxPooling1D
MaxPool2D = MaxPooling2D
MaxPool3D = MaxPooling3D
