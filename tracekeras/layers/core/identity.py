"""Identity: hands on its inputs unchanged (``keras.layers.core.identity``).

What it owns: ``Identity(name=None)``, a placeholder layer where no operation is to be done
(``FeatureSpace.float`` preprocesses its features with one).

What it receives / hands on: a Tensor, or a nest of them -> the same values, as new
Tensors (``tf.identity`` of each); no weights.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend.array_ops import identity
from tracekeras.engine.base_layer import Layer
from tracekeras.utils import nest


class Identity(Layer):
    def call(self, inputs):
        return nest.map_structure(identity, inputs)
