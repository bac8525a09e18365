"""``keras.applications.mobilenet_v2``: MobileNetV2 (Sandler et al., CVPR 2018).

``MobileNetV2`` builds the model as tf_keras 2.21 does, layer by layer in the same order:
a strided 3x3 convolution (``Conv1``), seventeen inverted residual blocks
(``inverted_res_block``: a 1x1 expansion to six times the input's channels, a 3x3
depthwise convolution, a linear 1x1 projection, each with batch normalization and, but
for the projection, ``ReLU(6)``; the input added back when the block keeps its shape;
the first block, ``expanded_conv_``, does not expand), a 1x1 convolution to 1280
channels (``Conv_1``), then global average pooling and the ``Dense`` classifier
(``include_top``) or the ``pooling`` chosen. ``alpha`` scales every width (rounded to
multiples of 8 by ``make_divisible``; the last convolution grows only when ``alpha`` is
over 1).

The input size: ``input_shape``, else a given ``input_tensor``'s size; a square size of
96, 128, 160, 192 or 224 is the size the ImageNet weights exist for, anything else
falls back to 224 for them (with Keras's logged warning, on the ``tensorflow`` logger),
and ``alpha`` must be one of the six widths published. The model is named
``mobilenetv2_<alpha>_<rows>``. ``weights='imagenet'`` reads
``mobilenet_v2_weights_tf_dim_ordering_tf_kernels_<alpha>_<rows>[_no_top].h5`` from the
Keras cache, never downloading. ``preprocess_input`` scales pixels to [-1, 1].
No trace events of its own: the model's layers and ``Model`` trace their building.
"""
import logging

from tracekeras import backend
from tracekeras import layers as keras_layers
from tracekeras.engine.sequential import get_source_inputs
from tracekeras.engine.training import Model
from tracekeras.utils.data_utils import get_file

from . import imagenet_utils

BASE_WEIGHT_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
IMAGENET_SIZES = [96, 128, 160, 192, 224]
IMAGENET_ALPHAS = [0.35, 0.50, 0.75, 1.0, 1.3, 1.4]
# (filters, stride, expansion) of the seventeen blocks, block_0 to block_16
BLOCKS = [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6),
          (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6),
          (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6)]
logger = logging.getLogger("tensorflow")


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet",
                input_tensor=None, pooling=None, classes=1000,
                classifier_activation="softmax", **kwargs):
    """The MobileNetV2 model (see the module doc); ``layers=`` may give the layers module."""
    layers = kwargs.pop("layers", keras_layers)
    if kwargs:
        raise ValueError(f"Unknown argument(s): {kwargs}")
    imagenet_utils.check_weights(weights, include_top, classes, received=True)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=default_size_of(input_shape, input_tensor), min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top,
        weights=weights)
    row_axis, col_axis = (0, 1) if backend.image_data_format() == "channels_last" else (1, 2)
    rows, cols = input_shape[row_axis], input_shape[col_axis]
    if weights == "imagenet":
        if alpha not in IMAGENET_ALPHAS:
            raise ValueError("If imagenet weights are being loaded, alpha must be one of "
                             "`0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received "
                             f"`alpha={alpha}`")
        if rows != cols or rows not in IMAGENET_SIZES:
            rows = 224
            logger.warning("`input_shape` is undefined or non-square, or `rows` is not in "
                           "[96, 128, 160, 192, 224]. Weights for input shape (224, 224) "
                           "will be loaded as the default.")
    img_input = imagenet_utils.image_input(input_tensor, input_shape, layers)
    channel_axis = 1 if backend.image_data_format() == "channels_first" else -1
    x = layers.Conv2D(make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2),
                      padding="same", use_bias=False, name="Conv1")(img_input)
    x = layers.BatchNormalization(axis=channel_axis, epsilon=1e-3, momentum=0.999,
                                  name="bn_Conv1")(x)
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (filters, stride, expansion) in enumerate(BLOCKS):
        x = inverted_res_block(x, expansion=expansion, stride=stride, alpha=alpha,
                               filters=filters, block_id=block_id, layers=layers)
    # the last convolution keeps 1280 channels unless the network is widened
    last_block_filters = make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last_block_filters, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = layers.BatchNormalization(axis=channel_axis, epsilon=1e-3, momentum=0.999,
                                  name="Conv_1_bn")(x)
    x = layers.ReLU(6.0, name="out_relu")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pooled(x, pooling, layers)
    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    model = Model(inputs, x, name=f"mobilenetv2_{alpha:0.2f}_{rows}")
    if weights == "imagenet":
        model_name = ("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_"
                      f"{float(alpha)}_{rows}{'' if include_top else '_no_top'}.h5")
        weights = get_file(model_name, BASE_WEIGHT_PATH + model_name, cache_subdir="models")
    if weights is not None:
        model.load_weights(weights)
    return model


def default_size_of(input_shape, input_tensor):
    """The size ImageNet weights would be chosen for: the input's rows when they equal its
    columns and are one of the published sizes, else 224. A given ``input_tensor`` must
    be a tensor, and when ``input_shape`` is given too, of the same width."""
    if input_tensor is not None:
        if input_shape is not None:
            check_tensor_width(input_tensor, input_shape)
        else:
            try:
                is_keras_tensor = backend.is_keras_tensor(input_tensor)
            except ValueError:
                raise ValueError("input_tensor must be a valid TF-Keras tensor type; "
                                 f"Received {input_tensor} of type {type(input_tensor)}"
                                 ) from None
            if not is_keras_tensor:
                return 224
            input_shape = backend.int_shape(input_tensor)[1:]
    if input_shape is None:
        return 224
    first = backend.image_data_format() == "channels_first"
    rows, cols = input_shape[1:3] if first else input_shape[0:2]
    return rows if rows == cols and rows in IMAGENET_SIZES else 224


def check_tensor_width(input_tensor, input_shape):
    """``input_shape`` and a Keras tensor given with it must agree on the width."""
    try:
        is_input_t_tensor = backend.is_keras_tensor(input_tensor)
    except ValueError:
        try:
            is_input_t_tensor = backend.is_keras_tensor(get_source_inputs(input_tensor))
        except ValueError:
            raise ValueError(f"input_tensor: {input_tensor}is not type input_tensor. "
                             f"Received `type(input_tensor)={type(input_tensor)}`") from None
    if not is_input_t_tensor:
        raise ValueError("input_tensor is not a TF-Keras tensor; Received "
                         f"`input_tensor={input_tensor}`")
    if backend.image_data_format() == "channels_first":
        if backend.int_shape(input_tensor)[1] != input_shape[1]:
            raise ValueError("input_shape[1] must equal shape(input_tensor)[1] when "
                             "`image_data_format` is `channels_first`; Received "
                             f"`input_tensor.shape={input_tensor.shape}`, "
                             f"`input_shape={input_shape}`")
    elif backend.int_shape(input_tensor)[2] != input_shape[1]:
        raise ValueError("input_tensor.shape[2] must equal input_shape[1]; Received "
                         f"`input_tensor.shape={input_tensor.shape}`, "
                         f"`input_shape={input_shape}`")


def inverted_res_block(inputs, expansion, stride, alpha, filters, block_id,
                       layers=keras_layers):
    """``block_<id>_``: expand (not in block 0, ``expanded_conv_``), depthwise 3x3
    (zero-padded by ``correct_pad`` when it strides), project; add the input back when
    the shape is kept."""
    channel_axis = 1 if backend.image_data_format() == "channels_first" else -1
    in_channels = backend.int_shape(inputs)[channel_axis]
    pointwise_filters = make_divisible(int(filters * alpha), 8)
    x, prefix = inputs, f"block_{block_id}_"
    if block_id:
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same",
                          use_bias=False, activation=None, name=prefix + "expand")(x)
        x = layers.BatchNormalization(axis=channel_axis, epsilon=1e-3, momentum=0.999,
                                      name=prefix + "expand_BN")(x)
        x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3),
                                 name=prefix + "pad")(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                               padding="same" if stride == 1 else "valid",
                               name=prefix + "depthwise")(x)
    x = layers.BatchNormalization(axis=channel_axis, epsilon=1e-3, momentum=0.999,
                                  name=prefix + "depthwise_BN")(x)
    x = layers.ReLU(6.0, name=prefix + "depthwise_relu")(x)
    x = layers.Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False,
                      activation=None, name=prefix + "project")(x)
    x = layers.BatchNormalization(axis=channel_axis, epsilon=1e-3, momentum=0.999,
                                  name=prefix + "project_BN")(x)
    if in_channels == pointwise_filters and stride == 1:
        return layers.Add(name=prefix + "add")([inputs, x])
    return x


def make_divisible(v, divisor, min_value=None):
    """``v`` rounded to the nearest multiple of ``divisor`` (at least ``min_value``, by
    default ``divisor``), never more than 10 % below ``v``."""
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] (``imagenet_utils.preprocess_input`` in ``tf`` mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
