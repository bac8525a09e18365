"""``keras.applications.efficientnet``: EfficientNet B0 to B7 (Tan and Le, ICML 2019).

One builder, ``EfficientNet(width_coefficient, depth_coefficient, default_size, ...)``,
makes all eight models; ``EfficientNetB0`` ... ``EfficientNetB7`` only choose the
coefficients, the default input size and the dropout before the classifier. The network,
layer for layer in tf_keras 2.21's order (so unnamed layers get the same automatic names):

- the stem: ``Rescaling(1/255)`` and a ``Normalization`` over the channel axis (its mean,
  variance and count are weights: zeros, ones and 0 until a weights file sets them; with
  ``weights='imagenet'`` the result is also multiplied by ``1/sqrt(std)`` of ImageNet's
  channel deviations, a ``tf.math.multiply`` layer, because the published weights divide
  by the variance), a zero padding that keeps a stride-2 3x3 convolution centred
  (``imagenet_utils.correct_pad``), the convolution, batch normalization and swish;
- seven stages of mobile inverted bottleneck blocks (``block``), named ``block1a_`` ...,
  their widths scaled by ``width_coefficient`` (rounded to multiples of 8, never down by
  more than 10 %) and their repeats by ``depth_coefficient`` (rounded up); each block
  expands by 1x1 convolution, filters with a depthwise convolution, rescales its channels
  by squeeze-and-excitation, projects back by 1x1 convolution, and, when shapes allow,
  adds its input after a ``Dropout`` that drops whole samples (drop-connect, its rate
  growing linearly with the block's position);
- the top: a 1x1 convolution to 1280 (scaled) channels, batch normalization, swish, then
  global average pooling, dropout and the ``Dense`` classifier (``include_top``), or the
  ``pooling`` chosen.

Convolutions start from VarianceScaling(2, fan_out, truncated normal) and the classifier
from VarianceScaling(1/3, fan_out, uniform). ``weights='imagenet'`` reads
``efficientnetb0.h5`` (``efficientnetb0_notop.h5`` without the top) ... from the Keras
cache, never downloading. The preprocessing is inside the model, so ``preprocess_input``
hands its input back unchanged.
No trace events of its own: the model's layers and ``Model`` trace their building.
"""
import copy
import math

import numpy as np

from tracekeras import backend, layers
from tracekeras.engine.sequential import get_source_inputs
from tracekeras.engine.training import Model
from tracekeras.utils.data_utils import get_file

from . import imagenet_utils

BASE_WEIGHTS_PATH = "https://storage.googleapis.com/keras-applications/"
# the md5 of each model's file: (with the top, without it)
WEIGHTS_HASHES = {
    "b0": ("902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d"),
    "b1": ("1d254153d4ab51201f1646940f018540", "74c4e6b3e1f6a1eea24c589628592432"),
    "b2": ("b15cce36ff4dcbd00b6dd88e7857a6ad", "111f8e2ac8aa800a7a99e3239f7bfb39"),
    "b3": ("ffd1fdc53d0ce67064dc6a9c7960ede0", "af6d107764bb5b1abb91932881670226"),
    "b4": ("18c95ad55216b8f92d7e70b3a046e2fc", "ebc24e6d6c33eaebbd558eafbeedf1ba"),
    "b5": ("ace28f2a6363774853a83a0b21b9421a", "38879255a25d3c92d5e44e04ae6cec6f"),
    "b6": ("165f6e37dce68623721b423839de8be5", "9ecce42647a20130c1f39a5d4cb75743"),
    "b7": ("8c03f828fec3ef71311cd463b6759d99", "cbcfe4450ddf6f3ad90b1b398090fe4a"),
}

# the seven stages of B0: kernel size, repeats, filters in and out, expansion, stride
# (every block keeps its input when shapes allow and squeezes to a quarter of its input)
DEFAULT_BLOCKS_ARGS = [
    {"kernel_size": k, "repeats": r, "filters_in": fi, "filters_out": fo, "expand_ratio": e,
     "id_skip": True, "strides": s, "se_ratio": 0.25}
    for k, r, fi, fo, e, s in ((3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2),
                               (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
                               (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2),
                               (3, 1, 192, 320, 6, 1))]

CONV_KERNEL_INITIALIZER = {"class_name": "VarianceScaling",
                           "config": {"scale": 2.0, "mode": "fan_out",
                                      "distribution": "truncated_normal"}}
DENSE_KERNEL_INITIALIZER = {"class_name": "VarianceScaling",
                            "config": {"scale": 1.0 / 3.0, "mode": "fan_out",
                                       "distribution": "uniform"}}
IMAGENET_STDDEV_RGB = [0.229, 0.224, 0.225]

# name: (width coefficient, depth coefficient, default size, dropout before the classifier)
SCALINGS = {"b0": (1.0, 1.0, 224, 0.2), "b1": (1.0, 1.1, 240, 0.2),
            "b2": (1.1, 1.2, 260, 0.3), "b3": (1.2, 1.4, 300, 0.3),
            "b4": (1.4, 1.8, 380, 0.4), "b5": (1.6, 2.2, 456, 0.4),
            "b6": (1.8, 2.6, 528, 0.5), "b7": (2.0, 3.1, 600, 0.5)}


def EfficientNet(width_coefficient, depth_coefficient, default_size, dropout_rate=0.2,
                 drop_connect_rate=0.2, depth_divisor=8, activation="swish",
                 blocks_args="default", model_name="efficientnet", include_top=True,
                 weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                 classes=1000, classifier_activation="softmax"):
    """An EfficientNet of the given width and depth (see the module doc). Longer than 50
    lines: it is Keras's builder, stem to top layer by layer, so that the layers' names and
    order are Keras's."""
    if blocks_args == "default":
        blocks_args = DEFAULT_BLOCKS_ARGS
    imagenet_utils.check_weights(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=default_size, min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top,
        weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape, layers)
    bn_axis = 3 if backend.image_data_format() == "channels_last" else 1

    def round_filters(filters):
        """``filters`` times the width coefficient, to a multiple of ``depth_divisor``."""
        filters *= width_coefficient
        new_filters = max(depth_divisor,
                          int(filters + depth_divisor / 2) // depth_divisor * depth_divisor)
        if new_filters < 0.9 * filters:   # never round down by more than 10 %
            new_filters += depth_divisor
        return int(new_filters)

    x = stem(img_input, bn_axis, activation, weights, round_filters(32))
    blocks_args = copy.deepcopy(blocks_args)
    repeats = [int(math.ceil(depth_coefficient * args["repeats"])) for args in blocks_args]
    b, blocks = 0, float(sum(repeats))
    for i, (args, repeat) in enumerate(zip(blocks_args, repeats)):
        args.pop("repeats")
        args["filters_in"] = round_filters(args["filters_in"])
        args["filters_out"] = round_filters(args["filters_out"])
        for j in range(repeat):
            if j > 0:   # only a stage's first block strides and changes the width
                args["strides"] = 1
                args["filters_in"] = args["filters_out"]
            x = block(x, activation, drop_connect_rate * b / blocks,
                      name=f"block{i + 1}{chr(j + 97)}_", **args)
            b += 1
    x = layers.Conv2D(round_filters(1280), 1, padding="same", use_bias=False,
                      kernel_initializer=CONV_KERNEL_INITIALIZER, name="top_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name="top_bn")(x)
    x = layers.Activation(activation, name="top_activation")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation,
                         kernel_initializer=DENSE_KERNEL_INITIALIZER, name="predictions")(x)
    else:
        x = imagenet_utils.pooled(x, pooling, layers, named=True)
    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    model = Model(inputs, x, name=model_name)
    if weights == "imagenet":
        suffix, file_hash = ((".h5", WEIGHTS_HASHES[model_name[-2:]][0]) if include_top
                             else ("_notop.h5", WEIGHTS_HASHES[model_name[-2:]][1]))
        file_name = model_name + suffix
        weights = get_file(file_name, BASE_WEIGHTS_PATH + file_name, cache_subdir="models",
                           file_hash=file_hash)
    if weights is not None:
        model.load_weights(weights)
    return model


def stem(x, bn_axis, activation, weights, filters):
    """Rescaling, Normalization (and ImageNet's extra scaling), the strided convolution."""
    x = layers.Rescaling(1.0 / 255.0)(x)
    x = layers.Normalization(axis=bn_axis)(x)
    if weights == "imagenet":
        # Normalization divides by the square root of the variance, the published weights
        # by the variance itself: one more 1/sqrt(std) per channel
        shape = [1, 3, 1, 1] if bn_axis == 1 else [1, 1, 1, 3]
        scale = np.reshape([1.0 / math.sqrt(std) for std in IMAGENET_STDDEV_RGB], shape)
        x = x * scale.astype(backend.floatx())
    x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name="stem_conv_pad")(x)
    x = layers.Conv2D(filters, 3, strides=2, padding="valid", use_bias=False,
                      kernel_initializer=CONV_KERNEL_INITIALIZER, name="stem_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name="stem_bn")(x)
    return layers.Activation(activation, name="stem_activation")(x)


def block(inputs, activation="swish", drop_rate=0.0, name="", filters_in=32, filters_out=16,
          kernel_size=3, strides=1, expand_ratio=1, se_ratio=0.0, id_skip=True):
    """One mobile inverted bottleneck: expand, depthwise filter, squeeze-and-excite,
    project, and add the input back when the block keeps its shape."""
    bn_axis = 3 if backend.image_data_format() == "channels_last" else 1
    filters = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = layers.Conv2D(filters, 1, padding="same", use_bias=False,
                          kernel_initializer=CONV_KERNEL_INITIALIZER,
                          name=name + "expand_conv")(x)
        x = layers.BatchNormalization(axis=bn_axis, name=name + "expand_bn")(x)
        x = layers.Activation(activation, name=name + "expand_activation")(x)
    conv_pad = "same"
    if strides == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, kernel_size),
                                 name=name + "dwconv_pad")(x)
        conv_pad = "valid"
    x = layers.DepthwiseConv2D(kernel_size, strides=strides, padding=conv_pad, use_bias=False,
                               depthwise_initializer=CONV_KERNEL_INITIALIZER,
                               name=name + "dwconv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name=name + "bn")(x)
    x = layers.Activation(activation, name=name + "activation")(x)
    if 0 < se_ratio <= 1:
        x = squeeze_excite(x, filters, max(1, int(filters_in * se_ratio)), bn_axis,
                           activation, name)
    x = layers.Conv2D(filters_out, 1, padding="same", use_bias=False,
                      kernel_initializer=CONV_KERNEL_INITIALIZER,
                      name=name + "project_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name=name + "project_bn")(x)
    if id_skip and strides == 1 and filters_in == filters_out:
        if drop_rate > 0:   # drop-connect: whole samples of the branch
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "drop")(x)
        x = layers.add([x, inputs], name=name + "add")
    return x


def squeeze_excite(x, filters, filters_se, bn_axis, activation, name):
    """Each channel of ``x`` times a gate in (0, 1) computed from all channels' means."""
    se = layers.GlobalAveragePooling2D(name=name + "se_squeeze")(x)
    se_shape = (filters, 1, 1) if bn_axis == 1 else (1, 1, filters)
    se = layers.Reshape(se_shape, name=name + "se_reshape")(se)
    se = layers.Conv2D(filters_se, 1, padding="same", activation=activation,
                       kernel_initializer=CONV_KERNEL_INITIALIZER, name=name + "se_reduce")(se)
    se = layers.Conv2D(filters, 1, padding="same", activation="sigmoid",
                       kernel_initializer=CONV_KERNEL_INITIALIZER, name=name + "se_expand")(se)
    return layers.multiply([x, se], name=name + "se_excite")


def scaled(variant):
    """``EfficientNetB<n>``: ``EfficientNet`` with that variant's coefficients."""
    width, depth, size, dropout = SCALINGS[variant]

    def builder(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax", **kwargs):
        return EfficientNet(width, depth, size, dropout, model_name="efficientnet" + variant,
                            include_top=include_top, weights=weights,
                            input_tensor=input_tensor, input_shape=input_shape,
                            pooling=pooling, classes=classes,
                            classifier_activation=classifier_activation, **kwargs)

    builder.__name__ = builder.__qualname__ = "EfficientNet" + variant.upper()
    builder.__doc__ = (f"EfficientNet{variant.upper()}: width x{width}, depth x{depth}, "
                       f"{size}x{size} images by default, dropout {dropout} before the "
                       "classifier.")
    return builder


EfficientNetB0 = scaled("b0")
EfficientNetB1 = scaled("b1")
EfficientNetB2 = scaled("b2")
EfficientNetB3 = scaled("b3")
EfficientNetB4 = scaled("b4")
EfficientNetB5 = scaled("b5")
EfficientNetB6 = scaled("b6")
EfficientNetB7 = scaled("b7")


def preprocess_input(x, data_format=None):
    """``x`` unchanged: EfficientNet rescales and normalizes inside the model."""
    return x


def decode_predictions(preds, top=5):
    """ImageNet's ``top`` classes of each row (``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
