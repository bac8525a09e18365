"""ThresholdedReLU: ``x`` where ``x > theta``, else 0
(``keras.layers.activation.thresholded_relu``).

What it owns: ``ThresholdedReLU(theta=1.0)`` with Keras's refusals of a ``theta`` that is
None or negative, and its config (``theta`` as a Python float of its float32 value).
What it receives / hands on: a Tensor -> ``inputs * cast(inputs > theta)`` (differentiable:
the gradient passes where the input is above ``theta``); the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import math_ops, ops
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.activation.leaky_relu import cast_to_floatx


class ThresholdedReLU(Layer):
    """``ThresholdedReLU(theta=1.0)``."""

    def __init__(self, theta=1.0, **kwargs):
        super().__init__(**kwargs)
        if theta is None:
            raise ValueError("Theta of a Thresholded ReLU layer cannot be None, expecting a "
                             f"float. Received: {theta}")
        if theta < 0:
            raise ValueError("The theta value of a Thresholded ReLU layer should be >=0. "
                             f"Received: {theta}")
        self.supports_masking = True
        self.theta = cast_to_floatx(theta)

    def call(self, inputs):
        above = ops.cast(math_ops.greater(inputs, self.theta), self.compute_dtype)
        return ops.multiply(inputs, above)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["theta"] = float(self.theta)
        return config
