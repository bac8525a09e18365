"""``keras.layers.experimental.preprocessing``: the preprocessing layers under their old path.

tf_keras 2.21 still exposes twenty names here, each the same class as under
``keras.layers`` (listed in ``KERAS_NAMES``, from tf_keras's
``api/_v2/keras/layers/experimental/preprocessing/__init__.py``). This module hands on
the classes tracekeras implements; asking for one of the others raises an
AttributeError that says it is not implemented yet. No trace events.
"""
from tracekeras import layers as _layers

KERAS_NAMES = (
    "CategoryEncoding", "CenterCrop", "Discretization", "HashedCrossing", "Hashing",
    "IntegerLookup", "Normalization", "PreprocessingLayer", "RandomContrast", "RandomCrop",
    "RandomFlip", "RandomHeight", "RandomRotation", "RandomTranslation", "RandomWidth",
    "RandomZoom", "Rescaling", "Resizing", "StringLookup", "TextVectorization")

__all__ = [name for name in KERAS_NAMES if hasattr(_layers, name)]
globals().update({name: getattr(_layers, name) for name in __all__})


def __getattr__(name):
    if name in KERAS_NAMES:
        raise AttributeError(
            f"keras.layers.experimental.preprocessing.{name} is not implemented in tracekeras "
            f"yet. Implemented here: {', '.join(__all__)}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
