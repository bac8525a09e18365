"""ELU: ``x`` above 0, ``alpha * (exp(x) - 1)`` below (``keras.layers.activation.elu``).

What it owns: ``ELU(alpha=1.0)``.
What it receives / hands on: a Tensor -> a Tensor of the same shape
(``backend.nn.elu``); the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import nn
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.activation.leaky_relu import cast_to_floatx


class ELU(Layer):
    """``ELU(alpha=1.0)``."""

    def __init__(self, alpha=1.0, **kwargs):
        if alpha is None:
            raise ValueError("Alpha of an ELU layer cannot be None, expecting a float. "
                             f"Received: {alpha}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha = cast_to_floatx(alpha)

    def call(self, inputs):
        return nn.elu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["alpha"] = float(self.alpha)
        return config
