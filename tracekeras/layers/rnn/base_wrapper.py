"""Wrapper: a layer that holds another layer (``keras.layers.rnn.base_wrapper.Wrapper``).

What it owns: ``Wrapper(layer)``: ``self.layer``, a ``build`` that builds the wrapped layer
with the shape it is given (in the wrapper's own name scope, so ``TimeDistributed(Dense)``
makes ``time_distributed/kernel:0``), and the config ``{"layer": {"class_name", "config"}}``
with ``from_config`` rebuilding the wrapped layer by its class name.

What it receives: a layer, and the wrapped layer's input shape from the subclass's build.

What it hands on: the wrapped layer's weights (it is a tracked sub-layer).

Trace events: the wrapped layer's build span.
"""
import copy

from tracekeras.engine.base_layer import Layer
from tracekeras.layers.rnn import rnn_utils


class Wrapper(Layer):
    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Layer {layer} supplied to wrapper is not a supported layer type. "
                             "Please ensure wrapped layer is a valid TF-Keras layer.")
        self.layer = layer
        super().__init__(**kwargs)

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            Layer.build(self.layer, input_shape)   # built, the shape kept for build_config
        self.built = True

    def get_config(self):
        config = super().get_config()
        config["layer"] = rnn_utils.serialize_layer(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = copy.deepcopy(config)
        layer = rnn_utils.layer_from_config(config.pop("layer"), custom_objects)
        return cls(layer, **config)
