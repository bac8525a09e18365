"""Rescaling: ``inputs * scale + offset`` (``keras.layers.preprocessing.image_preprocessing``).

What it owns: ``Rescaling(scale, offset=0.0)``, the image preprocessing layer
that maps pixel values (``Rescaling(1. / 255)`` to [0, 1],
``Rescaling(1. / 127.5, offset=-1)`` to [-1, 1]). Integer inputs are cast to
the layer's dtype first.

What it receives / hands on: a Tensor -> a Tensor of the same shape
(``backend.ops``: differentiable).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import ops
from tracekeras.engine.base_layer import Layer


class Rescaling(Layer):
    """``Rescaling(scale, offset=0.0)``."""

    def __init__(self, scale, offset=0.0, **kwargs):
        self.scale = scale
        self.offset = offset
        super().__init__(**kwargs)

    def call(self, inputs):
        dtype = np.dtype(self.dtype)
        if inputs.dtype != dtype:
            inputs = ops.cast(inputs, dtype)
        scale = np.asarray(self.scale, dtype)
        offset = np.asarray(self.offset, dtype)
        return ops.add(ops.multiply(inputs, scale), offset)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"scale": self.scale, "offset": self.offset})
        return config
