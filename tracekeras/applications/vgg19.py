"""``keras.applications.vgg19``: VGG19 (Simonyan and Zisserman, ICLR 2015).

``VGG19`` is ``vgg16``'s network with four convolutions in each of the last three blocks
(two of 64 and of 128 filters, four of 256, of 512 and of 512), named ``block<b>_conv<i>``,
built by the same ``vgg16.VGG`` as tf_keras 2.21 builds it, as a ``Model`` named ``vgg19``.
``weights='imagenet'`` reads ``vgg19_weights_tf_dim_ordering_tf_kernels[_notop].h5`` from
the Keras cache, never downloading. ``preprocess_input`` is ``caffe`` mode: RGB to BGR,
minus ImageNet's mean pixel.
No trace events of its own: the model's layers and ``Model`` trace their building.
"""
from . import imagenet_utils
from .vgg16 import VGG

WEIGHTS_PATH = ("https://storage.googleapis.com/tensorflow/keras-applications/vgg19/"
                "vgg19_weights_tf_dim_ordering_tf_kernels.h5")
WEIGHTS_PATH_NO_TOP = ("https://storage.googleapis.com/tensorflow/keras-applications/vgg19/"
                       "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5")
# filters and convolutions of the five blocks
BLOCKS = [(64, 2), (128, 2), (256, 4), (512, 4), (512, 4)]
# how VGG19's errors of a wrong `weights` or `classes` show the value received (in backticks,
# a full stop inside them, unlike VGG16's)
RECEIVED = {"weights": "Received: `weights={}.`", "classes": "Received: `classes={}.`"}
# the ImageNet weights files: with and without the top, name, URL and MD5 hash
WEIGHTS_FILES = {True: ("vgg19_weights_tf_dim_ordering_tf_kernels.h5", WEIGHTS_PATH,
                        "cbe5617147190e668d6c5d5026f83318"),
                 False: ("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
                         WEIGHTS_PATH_NO_TOP, "253f8cb515780f3b799900260a226db6")}


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax"):
    """The VGG19 model: a ``Model`` named ``vgg19`` (see the module doc)."""
    return VGG(BLOCKS, "vgg19", include_top=include_top, weights=weights,
               input_tensor=input_tensor, input_shape=input_shape, pooling=pooling,
               classes=classes, classifier_activation=classifier_activation,
               weights_files=WEIGHTS_FILES, received=RECEIVED)


def preprocess_input(x, data_format=None):
    """RGB to BGR, minus ImageNet's mean pixel (``imagenet_utils`` in ``caffe`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
