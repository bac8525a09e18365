"""tracekeras.applications: Keras's ready-made image models, built from tracekeras layers.

``Xception`` (``keras.applications.xception``) is here, layer for layer as tf_keras 2.21
builds it (names, order, shapes, parameter counts). ``weights=None`` starts from the
layers' own initializers; ``weights='imagenet'`` reads the weights file Keras keeps in its
cache (``~/.keras/models``, found by ``tracekeras.utils.data_utils.get_file``, which never
downloads: a missing file raises ``FileNotFoundError`` naming it and its URL).
``imagenet_utils`` holds the shared input-shape checks and ``preprocess_input``.
"""
from . import imagenet_utils, xception
from .xception import Xception

__all__ = ["Xception", "imagenet_utils", "xception"]
