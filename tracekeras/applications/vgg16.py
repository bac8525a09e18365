"""``keras.applications.vgg16``: VGG16 (Simonyan and Zisserman, ICLR 2015).

``VGG16`` builds the model as tf_keras 2.21 does (``VGG``, the network of any blocks, is
shared with ``vgg19``): five blocks of 3x3 ``same``
convolutions with ReLU (two of 64 and of 128 filters, three of 256, of 512 and of 512,
named ``block<b>_conv<i>``), each block ended by a 2x2 max pooling of stride 2
(``block<b>_pool``); then, with ``include_top``, ``Flatten`` and two ``Dense`` layers of
4096 units with ReLU (``fc1``, ``fc2``) before the classifier, or without it the
``pooling`` chosen. ``weights='imagenet'`` reads
``vgg16_weights_tf_dim_ordering_tf_kernels[_notop].h5`` from the Keras cache, never
downloading. ``preprocess_input`` is ``caffe`` mode: RGB to BGR, minus ImageNet's mean
pixel.
No trace events of its own: the model's layers and ``Model`` trace their building.
"""
import os

from tracekeras import backend, layers
from tracekeras.engine.sequential import get_source_inputs
from tracekeras.engine.training import Model
from tracekeras.utils.data_utils import get_file

from . import imagenet_utils

WEIGHTS_PATH = ("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                "vgg16_weights_tf_dim_ordering_tf_kernels.h5")
WEIGHTS_PATH_NO_TOP = ("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                       "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
# filters and convolutions of the five blocks
BLOCKS = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]


# how VGG16's errors of a wrong `weights` or `classes` show the value received
RECEIVED = {"weights": "Received: weights={}", "classes": "Received `classes={}`"}
# the ImageNet weights files: with and without the top, name, URL and MD5 hash
WEIGHTS_FILES = {True: ("vgg16_weights_tf_dim_ordering_tf_kernels.h5", WEIGHTS_PATH,
                        "64373286793e3c8b2b4e3219cbf3544b"),
                 False: ("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                         WEIGHTS_PATH_NO_TOP, "6d6bbae143d832006294945121d1f1fc")}


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax"):
    """The VGG16 model: a ``Model`` named ``vgg16`` (see the module doc)."""
    return VGG(BLOCKS, "vgg16", include_top=include_top, weights=weights,
               input_tensor=input_tensor, input_shape=input_shape, pooling=pooling,
               classes=classes, classifier_activation=classifier_activation,
               weights_files=WEIGHTS_FILES)


def VGG(blocks, name, include_top, weights, input_tensor, input_shape, pooling, classes,
        classifier_activation, weights_files, received=RECEIVED):
    """A VGG network of ``blocks`` ((filters, convolutions) per block), as ``VGG16`` and
    ``vgg19.VGG19`` build it; ``weights_files`` names the ImageNet files by ``include_top``,
    ``received`` how the errors of a wrong ``weights`` or ``classes`` end."""
    if not (weights in {"imagenet", None} or os.path.exists(weights)):
        raise ValueError("The `weights` argument should be either `None` (random "
                         "initialization), `imagenet` (pre-training on ImageNet), or the "
                         "path to the weights file to be loaded.  "
                         + received["weights"].format(weights))
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights` as `"imagenet"` with `include_top` as true, '
                         "`classes` should be 1000.  " + received["classes"].format(classes))
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=backend.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape, layers)
    x = img_input
    for b, (filters, convolutions) in enumerate(blocks, start=1):
        for i in range(1, convolutions + 1):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same",
                              name=f"block{b}_conv{i}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{b}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pooled(x, pooling, layers)
    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    model = Model(inputs, x, name=name)
    if weights == "imagenet":
        file_name, origin, file_hash = weights_files[bool(include_top)]
        weights = get_file(file_name, origin, cache_subdir="models", file_hash=file_hash)
    if weights is not None:
        model.load_weights(weights)
    return model


def preprocess_input(x, data_format=None):
    """RGB to BGR, minus ImageNet's mean pixel (``imagenet_utils`` in ``caffe`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
