"""``keras.applications.xception``: the Xception network (Chollet, CVPR 2017).

``Xception`` builds the model as tf_keras 2.21 does, layer by layer in the same order (so
unnamed layers get the same automatic names): the entry flow (two plain convolutions,
then three blocks of separable convolutions whose max-pooled output is added to a strided
1x1 convolution of their input), the middle flow (eight blocks of three separable
convolutions added to their input) and the exit flow (one more downsampling block, two
separable convolutions of 1536 and 2048 filters), every convolution followed by batch
normalization. ``include_top`` adds global average pooling and a ``Dense`` classifier;
without it ``pooling`` may add a global average or max pooling. ``weights`` is None, a
weights file, or ``'imagenet'`` (the file Keras caches in ``~/.keras/models``: read, never
downloaded). The default input size is 299x299 and the smallest 71x71.
No trace events of its own: the model's layers and ``Model`` trace their building.
"""

from tracekeras import backend, layers
from tracekeras.engine.sequential import get_source_inputs
from tracekeras.engine.training import Model
from tracekeras.utils.data_utils import get_file

from . import imagenet_utils

KERAS_MODULE = "keras.applications.xception"
WEIGHTS = "https://storage.googleapis.com/tensorflow/keras-applications/xception/"
WEIGHTS_FILES = {True: ("xception_weights_tf_dim_ordering_tf_kernels.h5",
                        "0a58e3b7378bc2990ea3b43d5981f1f6"),
                 False: ("xception_weights_tf_dim_ordering_tf_kernels_notop.h5",
                         "b0042744bf5b25fce3cb969f33bebb97")}


def Xception(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, classifier_activation="softmax"):
    """The Xception model: a ``Model`` named ``xception`` (see the module doc)."""
    imagenet_utils.check_weights(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=299, min_size=71, data_format=backend.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape, layers)
    channel_axis = 1 if backend.image_data_format() == "channels_first" else -1
    x = exit_flow(middle_flow(entry_flow(img_input, channel_axis), channel_axis), channel_axis)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pooled(x, pooling, layers)
    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    model = Model(inputs, x, name="xception")
    if weights == "imagenet":
        fname, file_hash = WEIGHTS_FILES[bool(include_top)]
        weights = get_file(fname, WEIGHTS + fname, cache_subdir="models", file_hash=file_hash)
    if weights is not None:
        model.load_weights(weights)
    return model


def conv_bn(x, filters, kernel_size, channel_axis, strides=(1, 1), padding="valid",
            name=None):
    """A convolution without bias and its batch normalization (``name`` + ``_bn``)."""
    x = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding, use_bias=False,
                      name=name)(x)
    return layers.BatchNormalization(axis=channel_axis,
                                     name=name and name + "_bn")(x)


def sepconv_bn(x, filters, prefix, index, channel_axis, relu_first=True):
    """``<prefix>_sepconv<index>``: a ReLU (unless ``relu_first`` is False), a 3x3
    separable convolution without bias, its batch normalization."""
    name = f"{prefix}_sepconv{index}"
    if relu_first:
        x = layers.Activation("relu", name=name + "_act")(x)
    x = layers.SeparableConv2D(filters, (3, 3), padding="same", use_bias=False, name=name)(x)
    return layers.BatchNormalization(axis=channel_axis, name=name + "_bn")(x)


def downsampling_block(x, prefix, filters, channel_axis, relu_first=True):
    """Two separable convolutions and a strided max pooling, added to a strided 1x1
    convolution of the block's input (made first, as Keras does)."""
    residual = conv_bn(x, filters[1], (1, 1), channel_axis, strides=(2, 2), padding="same")
    x = sepconv_bn(x, filters[0], prefix, 1, channel_axis, relu_first=relu_first)
    x = sepconv_bn(x, filters[1], prefix, 2, channel_axis)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=prefix + "_pool")(x)
    return layers.add([x, residual])


def entry_flow(img_input, channel_axis):
    """block1 (two plain convolutions), then blocks 2 to 4 (128, 256, 728 filters)."""
    x = conv_bn(img_input, 32, (3, 3), channel_axis, strides=(2, 2), name="block1_conv1")
    x = layers.Activation("relu", name="block1_conv1_act")(x)
    x = conv_bn(x, 64, (3, 3), channel_axis, name="block1_conv2")
    x = layers.Activation("relu", name="block1_conv2_act")(x)
    # block2's first separable convolution follows block1's ReLU, with no ReLU of its own
    x = downsampling_block(x, "block2", (128, 128), channel_axis, relu_first=False)
    x = downsampling_block(x, "block3", (256, 256), channel_axis)
    return downsampling_block(x, "block4", (728, 728), channel_axis)


def middle_flow(x, channel_axis):
    """blocks 5 to 12: three separable convolutions of 728 filters added to their input."""
    for i in range(8):
        residual, prefix = x, "block" + str(i + 5)
        for index in (1, 2, 3):
            x = sepconv_bn(x, 728, prefix, index, channel_axis)
        x = layers.add([x, residual])
    return x


def exit_flow(x, channel_axis):
    """block13 (728 then 1024 filters, downsampling), block14 (1536 and 2048, each ReLU
    after its batch normalization)."""
    x = downsampling_block(x, "block13", (728, 1024), channel_axis)
    for index, filters in ((1, 1536), (2, 2048)):
        x = sepconv_bn(x, filters, "block14", index, channel_axis, relu_first=False)
        x = layers.Activation("relu", name=f"block14_sepconv{index}_act")(x)
    return x


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] (``imagenet_utils.preprocess_input`` in ``tf`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
