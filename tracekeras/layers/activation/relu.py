"""ReLU: ``max(x, 0)``, with a ceiling, a slope and a threshold (``keras.layers.activation.relu``).

What it owns: ``ReLU(max_value=None, negative_slope=0.0, threshold=0.0)``:
``max_value`` for ``x >= max_value``, ``x`` for ``threshold <= x < max_value``,
``negative_slope * (x - threshold)`` below the threshold; the arguments are
checked (none may be negative) before anything is made.

What it receives / hands on: a Tensor -> a Tensor of the same shape
(``activations.relu``, Keras's ``backend.relu``); the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras import activations
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.activation.leaky_relu import cast_to_floatx


class ReLU(Layer):
    """``ReLU(max_value=None, negative_slope=0.0, threshold=0.0)``."""

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        if max_value is not None and max_value < 0.0:
            raise ValueError("max_value of a ReLU layer cannot be a negative value. "
                             f"Received: {max_value}")
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError("negative_slope of a ReLU layer cannot be a negative value. "
                             f"Received: {negative_slope}")
        if threshold is None or threshold < 0.0:
            raise ValueError("threshold of a ReLU layer cannot be a negative value. "
                             f"Received: {threshold}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self.max_value = cast_to_floatx(max_value) if max_value is not None else None
        self.negative_slope = cast_to_floatx(negative_slope)
        self.threshold = cast_to_floatx(threshold)

    def call(self, inputs):
        return activations.relu(inputs, alpha=self.negative_slope, max_value=self.max_value,
                                threshold=self.threshold)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"max_value": self.max_value, "negative_slope": self.negative_slope,
                       "threshold": self.threshold})
        return config

