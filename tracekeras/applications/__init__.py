"""tracekeras.applications: Keras's ready-made image models, built from tracekeras layers.

``Xception`` (``xception``), ``EfficientNetB0`` ... ``EfficientNetB7`` (``efficientnet``),
``InceptionV3`` (``inception_v3``), ``MobileNetV2`` (``mobilenet_v2``), ``ResNet50``,
``ResNet101`` and ``ResNet152`` (``resnet``; ``resnet50`` holds ResNet50 alone),
``ResNet50V2``, ``ResNet101V2`` and ``ResNet152V2`` (``resnet_v2``), ``VGG16`` (``vgg16``)
and ``VGG19`` (``vgg19``) are here, layer for layer as tf_keras 2.21 builds them (names,
order, shapes, parameter counts), each module with its ``preprocess_input`` and
``decode_predictions``. ``weights=None`` starts from the layers' own initializers;
``weights='imagenet'`` reads the weights file Keras keeps in its cache (``~/.keras/models``,
found by ``tracekeras.utils.data_utils.get_file``, which never downloads: a missing file
raises ``FileNotFoundError`` naming it, where to put it and its URL); a path loads that
weights file. ``imagenet_utils`` holds the shared input-shape checks, ``correct_pad`` and
``preprocess_input``.
"""
from . import (
    efficientnet,
    imagenet_utils,
    inception_v3,
    mobilenet_v2,
    resnet,
    resnet50,
    resnet_v2,
    vgg16,
    vgg19,
    xception,
)
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
from .inception_v3 import InceptionV3
from .mobilenet_v2 import MobileNetV2
from .resnet import ResNet50, ResNet101, ResNet152
from .resnet_v2 import ResNet50V2, ResNet101V2, ResNet152V2
from .vgg16 import VGG16
from .vgg19 import VGG19
from .xception import Xception

__all__ = ["EfficientNetB0", "EfficientNetB1", "EfficientNetB2", "EfficientNetB3",
           "EfficientNetB4", "EfficientNetB5", "EfficientNetB6", "EfficientNetB7", "InceptionV3",
           "MobileNetV2", "ResNet50", "ResNet101", "ResNet152", "ResNet50V2", "ResNet101V2",
           "ResNet152V2", "VGG16", "VGG19", "Xception", "efficientnet", "imagenet_utils",
           "inception_v3", "mobilenet_v2", "resnet", "resnet50", "resnet_v2", "vgg16", "vgg19",
           "xception"]
