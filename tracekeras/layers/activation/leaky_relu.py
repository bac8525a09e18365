"""LeakyReLU: ``x`` above 0, ``alpha * x`` below (``keras.layers.activation.leaky_relu``).

What it owns: ``LeakyReLU(alpha=0.3)`` (tf_keras's default slope, 0.3) and
``cast_to_floatx``, which the activation layers use to keep their numbers as
``floatx`` NumPy scalars, as Keras's ``backend.cast_to_floatx`` does.

What it receives / hands on: a Tensor -> a Tensor of the same shape
(``backend.nn.leaky_relu``); the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend import nn
from tracekeras.engine.base_layer import Layer


def cast_to_floatx(value):
    """A NumPy scalar (or array) of ``floatx``."""
    return np.asarray(value, dtype=backend.floatx())[()]


class LeakyReLU(Layer):
    """``LeakyReLU(alpha=0.3)``."""

    def __init__(self, alpha=0.3, **kwargs):
        if alpha is None:
            raise ValueError("The alpha value of a Leaky ReLU layer cannot be None, Expecting "
                             f"a float. Received: {alpha}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha = cast_to_floatx(alpha)

    def call(self, inputs):
        return nn.leaky_relu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["alpha"] = float(self.alpha)
        return config
