"""``keras.applications.inception_v3``: Inception V3 (Szegedy et al., CVPR 2016).

``InceptionV3`` builds the model as tf_keras 2.21 does, layer by layer in the same order
(so its unnamed layers get the same automatic names: ``conv2d_<n>``,
``batch_normalization_<n>``, ``activation_<n>``): a stem of five convolutions and two max
poolings, three 35x35 blocks (``mixed0`` to ``mixed2``: 1x1, 5x5, double 3x3 and pooled
branches), a grid reduction (``mixed3``), four 17x17 blocks of factorized 7x7 convolutions
(``mixed4`` to ``mixed7``), a second reduction (``mixed8``) and two 8x8 blocks whose 3x3
branches split into 1x3 and 3x1 convolutions (``mixed9``, ``mixed10``; the first split is
``mixed9_<i>``). Every convolution is ``conv2d_bn``: a convolution without bias, a batch
normalization without scale, a ReLU. ``include_top`` adds global average pooling
(``avg_pool``) and a ``Dense`` classifier; without it ``pooling`` may add a global average
or max pooling. ``weights`` is None, a weights file, or ``'imagenet'`` (the file Keras
caches in ``~/.keras/models``: read, never downloaded). The default input size is 299x299
and the smallest 75x75. ``preprocess_input`` is ``tf`` mode: pixels scaled to [-1, 1].
No trace events of its own: the model's layers and ``Model`` trace their building.
"""
import os

from tracekeras import backend, layers
from tracekeras.engine.sequential import get_source_inputs
from tracekeras.engine.training import Model
from tracekeras.utils.data_utils import get_file

from . import imagenet_utils

WEIGHTS = "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/"
WEIGHTS_FILES = {True: ("inception_v3_weights_tf_dim_ordering_tf_kernels.h5",
                        "9a0d58056eeedaa3f26cb7ebd46da564"),
                 False: ("inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
                         "bcbd6486424b2319ff4ef7d526e38f63")}


def InceptionV3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax"):
    """The Inception V3 model: a ``Model`` named ``inception_v3`` (see the module doc)."""
    if not (weights in {"imagenet", None} or os.path.exists(weights)):
        raise ValueError("The `weights` argument should be either `None` (random "
                         "initialization), `imagenet` (pre-training on ImageNet), or the "
                         f"path to the weights file to be loaded; Received: weights={weights}")
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights` as `"imagenet"` with `include_top` as true, '
                         f"`classes` should be 1000; Received classes={classes}")
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=299, min_size=75, data_format=backend.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape, layers)
    channel_axis = 1 if backend.image_data_format() == "channels_first" else 3
    x = stem(img_input)
    for i, pool_filters in enumerate((32, 64, 64)):
        x = block_35(x, pool_filters, channel_axis, name=f"mixed{i}")
    x = reduction_35(x, channel_axis)
    for i, filters in enumerate((128, 160, 160, 192)):
        x = block_17(x, filters, channel_axis, name=f"mixed{4 + i}")
    x = reduction_17(x, channel_axis)
    for i in range(2):
        x = block_8(x, i, channel_axis)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pooled(x, pooling, layers)
    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    model = Model(inputs, x, name="inception_v3")
    if weights == "imagenet":
        fname, file_hash = WEIGHTS_FILES[bool(include_top)]
        weights = get_file(fname, WEIGHTS + fname, cache_subdir="models", file_hash=file_hash)
    if weights is not None:
        model.load_weights(weights)
    return model


def conv2d_bn(x, filters, num_row, num_col, padding="same", strides=(1, 1), name=None):
    """A convolution without bias, a batch normalization without scale, a ReLU (named
    ``name + "_conv"``, ``name + "_bn"`` and ``name`` when a name is given)."""
    bn_axis = 1 if backend.image_data_format() == "channels_first" else 3
    x = layers.Conv2D(filters, (num_row, num_col), strides=strides, padding=padding,
                      use_bias=False, name=None if name is None else name + "_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, scale=False,
                                  name=None if name is None else name + "_bn")(x)
    return layers.Activation("relu", name=name)(x)


def stem(x):
    """Two 3x3 convolutions (the first of stride 2), a third, a max pooling, a 1x1 and a
    3x3 convolution, a max pooling."""
    x = conv2d_bn(x, 32, 3, 3, strides=(2, 2), padding="valid")
    x = conv2d_bn(x, 32, 3, 3, padding="valid")
    x = conv2d_bn(x, 64, 3, 3)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = conv2d_bn(x, 80, 1, 1, padding="valid")
    x = conv2d_bn(x, 192, 3, 3, padding="valid")
    return layers.MaxPooling2D((3, 3), strides=(2, 2))(x)


def pooled_branch(x, filters):
    """A 3x3 average pooling of stride 1, then a 1x1 convolution."""
    x = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same")(x)
    return conv2d_bn(x, filters, 1, 1)


def block_35(x, pool_filters, channel_axis, name):
    """``mixed0``-``mixed2``: 1x1, 5x5 and double 3x3 branches and a pooled one."""
    branch1x1 = conv2d_bn(x, 64, 1, 1)
    branch5x5 = conv2d_bn(conv2d_bn(x, 48, 1, 1), 64, 5, 5)
    branch3x3dbl = conv2d_bn(conv2d_bn(conv2d_bn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
    branch_pool = pooled_branch(x, pool_filters)
    return layers.concatenate([branch1x1, branch5x5, branch3x3dbl, branch_pool],
                              axis=channel_axis, name=name)


def reduction_35(x, channel_axis):
    """``mixed3``: a strided 3x3 branch, a strided double 3x3 one and a max pooling."""
    branch3x3 = conv2d_bn(x, 384, 3, 3, strides=(2, 2), padding="valid")
    branch3x3dbl = conv2d_bn(conv2d_bn(x, 64, 1, 1), 96, 3, 3)
    branch3x3dbl = conv2d_bn(branch3x3dbl, 96, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    return layers.concatenate([branch3x3, branch3x3dbl, branch_pool], axis=channel_axis,
                              name="mixed3")


def block_17(x, filters, channel_axis, name):
    """``mixed4``-``mixed7``: 7x7 convolutions factorized into 1x7 and 7x1 ones, of
    ``filters`` inside the branches and 192 at their ends."""
    branch1x1 = conv2d_bn(x, 192, 1, 1)
    branch7x7 = conv2d_bn(x, filters, 1, 1)
    branch7x7 = conv2d_bn(branch7x7, filters, 1, 7)
    branch7x7 = conv2d_bn(branch7x7, 192, 7, 1)
    branch7x7dbl = conv2d_bn(x, filters, 1, 1)
    for rows, cols in ((7, 1), (1, 7), (7, 1)):
        branch7x7dbl = conv2d_bn(branch7x7dbl, filters, rows, cols)
    branch7x7dbl = conv2d_bn(branch7x7dbl, 192, 1, 7)
    branch_pool = pooled_branch(x, 192)
    return layers.concatenate([branch1x1, branch7x7, branch7x7dbl, branch_pool],
                              axis=channel_axis, name=name)


def reduction_17(x, channel_axis):
    """``mixed8``: strided 3x3 branches (one after 1x7 and 7x1 convolutions) and a max
    pooling."""
    branch3x3 = conv2d_bn(x, 192, 1, 1)
    branch3x3 = conv2d_bn(branch3x3, 320, 3, 3, strides=(2, 2), padding="valid")
    branch7x7x3 = conv2d_bn(x, 192, 1, 1)
    branch7x7x3 = conv2d_bn(branch7x7x3, 192, 1, 7)
    branch7x7x3 = conv2d_bn(branch7x7x3, 192, 7, 1)
    branch7x7x3 = conv2d_bn(branch7x7x3, 192, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    return layers.concatenate([branch3x3, branch7x7x3, branch_pool], axis=channel_axis,
                              name="mixed8")


def block_8(x, i, channel_axis):
    """``mixed9``, ``mixed10``: 3x3 branches split into 1x3 and 3x1 convolutions whose
    outputs are concatenated (the first as ``mixed9_<i>``)."""
    branch1x1 = conv2d_bn(x, 320, 1, 1)
    branch3x3 = conv2d_bn(x, 384, 1, 1)
    branch3x3_1 = conv2d_bn(branch3x3, 384, 1, 3)
    branch3x3_2 = conv2d_bn(branch3x3, 384, 3, 1)
    branch3x3 = layers.concatenate([branch3x3_1, branch3x3_2], axis=channel_axis,
                                   name=f"mixed9_{i}")
    branch3x3dbl = conv2d_bn(conv2d_bn(x, 448, 1, 1), 384, 3, 3)
    branch3x3dbl_1 = conv2d_bn(branch3x3dbl, 384, 1, 3)
    branch3x3dbl_2 = conv2d_bn(branch3x3dbl, 384, 3, 1)
    branch3x3dbl = layers.concatenate([branch3x3dbl_1, branch3x3dbl_2], axis=channel_axis)
    branch_pool = pooled_branch(x, 192)
    return layers.concatenate([branch1x1, branch3x3, branch3x3dbl, branch_pool],
                              axis=channel_axis, name=f"mixed{9 + i}")


def preprocess_input(x, data_format=None):
    """Pixels scaled from [0, 255] to [-1, 1] (``imagenet_utils`` in ``tf`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
