"""Activation: applies an activation function (``keras.layers.core.activation``).

What it owns: ``Activation(activation)`` (applies ``activations.get(activation)``).

What it receives / hands on: a Tensor -> a Tensor of the same shape; the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras import activations
from tracekeras.engine.base_layer import Layer


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        activation = activations.get(activation)
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activation

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config
