"""tracekeras.applications: Keras's ready-made image models, built from tracekeras layers.

``Xception`` (``xception``) and ``EfficientNetB0`` ... ``EfficientNetB7``
(``efficientnet``) are here, layer for layer as tf_keras 2.21 builds them (names, order,
shapes, parameter counts). ``weights=None`` starts from the layers' own initializers;
``weights='imagenet'`` reads the weights file Keras keeps in its cache
(``~/.keras/models``, found by ``tracekeras.utils.data_utils.get_file``, which never
downloads: a missing file raises ``FileNotFoundError`` naming it and its URL).
``imagenet_utils`` holds the shared input-shape checks and ``preprocess_input``.
"""
from . import efficientnet, imagenet_utils, xception
from .efficientnet import (
    EfficientNetB0,
    EfficientNetB1,
    EfficientNetB2,
    EfficientNetB3,
    EfficientNetB4,
    EfficientNetB5,
    EfficientNetB6,
    EfficientNetB7,
)
from .xception import Xception

__all__ = ["EfficientNetB0", "EfficientNetB1", "EfficientNetB2", "EfficientNetB3",
           "EfficientNetB4", "EfficientNetB5", "EfficientNetB6", "EfficientNetB7", "Xception",
           "efficientnet", "imagenet_utils", "xception"]
