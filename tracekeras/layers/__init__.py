"""tracekeras.layers: the layers a Keras user imports from ``keras.layers``.

``Input``/``InputLayer`` (engine.input_layer), ``Layer`` and ``InputSpec``
(engine), ``Dense``, ``Activation``, ``Dropout``, ``Flatten``, ``Reshape``,
``Concatenate``/``concatenate`` and ``Add``/``add``.
"""
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_layer import Input, InputLayer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.core import Activation, Dropout
from tracekeras.layers.dense import Dense
from tracekeras.layers.merging import Add, Concatenate, add, concatenate
from tracekeras.layers.reshaping import Flatten, Reshape

__all__ = ["Activation", "Add", "Concatenate", "Dense", "Dropout", "Flatten", "Input",
           "InputLayer", "InputSpec", "Layer", "Reshape", "add", "concatenate"]
