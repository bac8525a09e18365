"""``keras.applications.inception_v3``: the input preprocessing and the decoding of
predictions of Keras's InceptionV3 (Szegedy et al., CVPR 2016).

``preprocess_input`` scales pixels to [-1, 1] (``imagenet_utils.preprocess_input`` in
``tf`` mode, as Xception's and MobileNetV2's do), on arrays, eager tensors and
KerasTensors alike; ``decode_predictions`` names ImageNet's top classes. The network
itself, ``InceptionV3``, is not built here: asking for it ends in the one-line "does not
implement" message. Programs that keep the preprocessing in front of another feature
extractor (keras.io's video classification with a CNN-RNN) run.
"""

from . import imagenet_utils

KERAS_MODULE = "keras.applications.inception_v3"


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] (``imagenet_utils.preprocess_input`` in ``tf`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
