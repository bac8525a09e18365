"""tracekeras.layers: the layers a Keras user imports from ``keras.layers``.

``Input``/``InputLayer`` (engine.input_layer), ``Layer`` and ``InputSpec``
(engine), ``Dense``, ``Flatten``, ``Reshape``; the activation layers (``Softmax``,
``ReLU``, ``LeakyReLU``, ``ELU``, ``PReLU``), the core layers (``Activation``,
``Embedding``, ``Lambda``), ``BatchNormalization``, ``LayerNormalization``,
``Dropout``, the preprocessing layers ``Rescaling``, ``Normalization`` and
``TextVectorization``, and the
merge layers (``Add``, ``Subtract``, ``Multiply``, ``Average``, ``Maximum``, ``Minimum``,
``Concatenate``, ``Dot``) with their functional forms (``add``, ``concatenate`` ...).
Models find a layer class by its name in ``__all__`` when they are rebuilt from a config.
"""
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_layer import Input, InputLayer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.activation import ELU, LeakyReLU, PReLU, ReLU, Softmax
from tracekeras.layers.core import Activation, Embedding, Lambda
from tracekeras.layers.dense import Dense
from tracekeras.layers.merging import (Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply,
                                       Subtract, add, average, concatenate, dot, maximum, minimum,
                                       multiply, subtract)
from tracekeras.layers.normalization import BatchNormalization, LayerNormalization
from tracekeras.layers.preprocessing.image_preprocessing import Rescaling
from tracekeras.layers.preprocessing.normalization import Normalization
from tracekeras.layers.preprocessing.text_vectorization import TextVectorization
from tracekeras.layers.regularization import Dropout
from tracekeras.layers.reshaping import Flatten, Reshape

__all__ = ["Dense", "Flatten", "Input", "InputLayer", "InputSpec", "Layer", "Reshape"]
__all__ += ["Activation", "Add", "Average", "BatchNormalization", "Concatenate", "Dot", "Dropout",
            "ELU", "Embedding", "Lambda", "LayerNormalization", "LeakyReLU", "Maximum", "Minimum",
            "Multiply", "Normalization", "PReLU", "ReLU", "Rescaling", "Softmax", "Subtract",
            "TextVectorization", "add", "average", "concatenate", "dot", "maximum", "minimum",
            "multiply", "subtract"]
