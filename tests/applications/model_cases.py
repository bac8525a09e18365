"""What the EfficientNet, InceptionV3, MobileNetV2, ResNet, ResNetV2, VGG16 and VGG19 tests
compare, run on tf_keras 2.21 (``make_model_fixtures.py`` writes data/<family>.json) and on
tracekeras (``test_<family>.py``), written against the public Keras API: ``keras`` is either
module.

- ``summary_of(model)``: what ``summary()`` shows (each layer's name, class, output shape,
  parameter count and the layers it takes input from), the model's totals, and, with
  ``configs=True``, the configuration entries that define each layer;
- ``set_formula_weights(model)``: every weight set from its layer's name, its own name and
  its shape only, so that both engines hold the same numbers without a weights file;
- ``formula_images(shape)``: a fixed batch of pixel values in [0, 255];
- ``error_of(call)``: the type and message of what a call raises.
"""
import warnings
import zlib

import numpy as np

CONFIG_KEYS = ("filters", "kernel_size", "strides", "padding", "use_bias", "axis",
               "activation", "pool_size", "units", "depth_multiplier", "momentum", "epsilon",
               "center", "scale", "offset", "data_format", "dilation_rate", "rate",
               "noise_shape", "max_value", "negative_slope", "threshold", "target_shape",
               "invert", "mean", "variance")
# the mean, variance and count a Normalization adapted to ImageNet's pixels holds
IMAGENET_NORMALIZATION = [np.array([0.485, 0.456, 0.406], "float32"),
                          np.array([0.229, 0.224, 0.225], "float32") ** 2,
                          np.array(1281167, "int64")]
INITIALIZER_KEYS = ("kernel_initializer", "depthwise_initializer", "bias_initializer")


def inbound_names(layer_config):
    nodes = layer_config["inbound_nodes"]
    return [entry[0] for entry in nodes[0]] if nodes else []


def plain(value):
    """A configuration value as JSON writes it (tuples become lists, NumPy values Python's:
    tf_keras's ReLU keeps its ``max_value`` as a 0-d array)."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value.tolist() if hasattr(value, "tolist") else value   # NumPy scalars too


def defining_config(layer):
    config = layer.get_config()
    out = {k: plain(config[k]) for k in CONFIG_KEYS if k in config}
    for key in INITIALIZER_KEYS:
        if key in config:
            init = config[key]
            out[key] = [init["class_name"], plain(init["config"])]
    return out


def summary_of(model, configs=False):
    """``summary()``'s rows ``[name, class, output shape, params, inbound layers]`` and
    the model's totals (and each layer's defining configuration when asked)."""
    layer_configs = model.get_config()["layers"]
    rows = [[layer.name, type(layer).__name__, str(layer.output_shape), layer.count_params(),
             inbound_names(layer_config)]
            for layer, layer_config in zip(model.layers, layer_configs)]
    out = {"name": model.name, "inputs": [str(tuple(x.shape)) for x in model.inputs],
           "output_shape": str(model.output_shape), "params": model.count_params(),
           "trainable_params": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
           "trainable_weights": len(model.trainable_weights),
           "non_trainable_weights": len(model.non_trainable_weights), "layers": rows}
    if configs:
        out["configs"] = {layer.name: defining_config(layer) for layer in model.layers}
    return out


def formula_values(layer_name, weight_name, shape):
    """The numbers a weight gets: uniform-looking noise in [-1, 1] (the fractional part of
    a fast sine, the shader trick) whose phase comes from the layer's and the weight's
    names, scaled to suit what the weight does (kernels by their fan-in as He's
    initialization would, variances kept positive, Normalization's statistics those of
    pixels scaled to [0, 1])."""
    phase = zlib.crc32(f"{layer_name}/{weight_name}".encode()) % 1000 / 100.0
    size = int(np.prod(shape)) if shape else 1
    noise = np.sin(12.9898 * np.arange(size) + phase) * 43758.5453
    noise = (2.0 * (noise - np.floor(noise)) - 1.0).reshape(shape)
    if weight_name == "count":
        return np.asarray(100, dtype="int64")
    if weight_name in ("kernel", "depthwise_kernel"):
        fan_in = int(np.prod(shape[:-1])) if weight_name == "kernel" else int(np.prod(shape[:2]))
        return noise * np.sqrt(6.0 / fan_in)
    if weight_name == "gamma":
        return 1.0 + 0.2 * noise
    if weight_name == "moving_variance":
        return 0.8 + 0.2 * noise ** 2
    if weight_name == "mean":
        return 0.45 + 0.05 * noise
    if weight_name == "variance":
        return 0.06 + 0.01 * noise ** 2
    return 0.1 * noise          # bias, beta, moving_mean


def set_formula_weights(model):
    """Every layer's weights from ``formula_values`` (same numbers in both engines)."""
    for layer in model.layers:
        values = []
        for weight in layer.weights:
            weight_name = weight.name.split("/")[-1].split(":")[0]
            value = formula_values(layer.name, weight_name, tuple(weight.shape))
            values.append(np.asarray(value).astype(np.dtype(weight.dtype.name
                                                            if hasattr(weight.dtype, "name")
                                                            else weight.dtype)))
        if values:
            layer.set_weights(values)
    return model


def formula_images(shape):
    """A batch of pixel values in [0, 255] that depends only on ``shape``."""
    size = int(np.prod(shape))
    return (127.5 + 127.5 * np.sin(0.113 * np.arange(size))).reshape(shape).astype("float32")


def error_of(call):
    try:
        call()
    except Exception as exc:
        return [type(exc).__name__, str(exc)]
    return None


def summary_text(model, line_length=110):
    """The lines ``model.summary()`` prints."""
    lines = []
    model.summary(line_length=line_length, print_fn=lines.append)
    return lines


def channel_warnings(caught):
    return [[w.category.__name__, str(w.message)] for w in caught if "channels" in str(w.message)]


def forward(model, input_shape):
    """The model's inference-mode output on ``formula_images`` under formula weights."""
    set_formula_weights(model)
    return model.predict(formula_images(input_shape), verbose=0)


def efficientnet_builds(keras):
    """EfficientNet built seven ways (B0 to B3; default, any size, odd size, a given input
    tensor; each pooling), the 4-channel warning, and B0's forward numbers."""
    apps = keras.applications
    image = keras.Input(shape=(64, 64, 3), name="image")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = {
            "b0_default": apps.EfficientNetB0(weights=None),
            "b0_notop_any_size": apps.efficientnet.EfficientNetB0(weights=None,
                                                                  include_top=False),
            "b0_notop_odd_max_4_channels": apps.EfficientNetB0(
                weights=None, include_top=False, input_shape=(33, 47, 4), pooling="max"),
            "b0_input_tensor": apps.EfficientNetB0(input_tensor=image, weights=None,
                                                   classes=91),
            "b1_notop_avg": apps.EfficientNetB1(weights=None, include_top=False,
                                                input_shape=(64, 64, 3), pooling="avg"),
            "b2_top_small": apps.EfficientNetB2(weights=None, input_shape=(32, 32, 3),
                                                classes=5),
            "b3_notop": apps.efficientnet.EfficientNetB3(weights=None, include_top=False,
                                                         input_shape=(32, 32, 3)),
        }
    summaries = {name: summary_of(model, configs=name == "b0_default")
                 for name, model in built.items()}
    logits = apps.EfficientNetB0(weights=None, input_shape=(32, 32, 3), classes=7,
                                 classifier_activation=None)
    pooled = apps.EfficientNetB1(weights=None, include_top=False, input_shape=(40, 40, 3),
                                 pooling="avg")
    forwards = {"b0_logits": forward(logits, (2, 32, 32, 3)).tolist(),
                "b1_pooled": forward(pooled, (2, 40, 40, 3))[:, :16].tolist()}
    return {"summaries": summaries, "warnings": channel_warnings(caught), "forward": forwards}


def efficientnet_errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    B0 = keras.applications.EfficientNetB0
    return {
        "unknown_weights": error_of(lambda: B0(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: B0(weights="imagenet", classes=10)),
        "too_small": error_of(lambda: B0(weights=None, include_top=False,
                                         input_shape=(31, 90, 3))),
        "two_dims": error_of(lambda: B0(weights=None, include_top=False,
                                        input_shape=(90, 90))),
        "top_needs_static": error_of(lambda: B0(weights=None, input_shape=(None, None, 3))),
        "imagenet_top_shape": error_of(lambda: B0(input_shape=(100, 100, 3))),
        "imagenet_channels": error_of(lambda: B0(include_top=False,
                                                 input_shape=(100, 100, 4))),
        "imagenet_activation": error_of(lambda: B0(classifier_activation="relu")),
        "unknown_argument": error_of(lambda: B0(weights=None, alpha=0.5)),
    }


def tiny_efficientnet(EfficientNet, weights=None):
    """A narrow, shallow EfficientNet (width and depth x0.1, 4 classes) from the same
    builder as B0 to B7, small enough for its weights file to sit in the repository."""
    return EfficientNet(0.1, 0.1, 32, model_name="efficientnet_tiny", weights=weights,
                        input_shape=(32, 32, 3), classes=4)


def mobilenet_v2_builds(keras):
    """MobileNetV2 built eight ways (widths 0.35 to 1.3; sizes the ImageNet weights exist
    for and others, odd ones, any size; a given input tensor, with and without a shape;
    each pooling), the 4-channel warning, and forward numbers of two widths."""
    apps = keras.applications
    M = apps.MobileNetV2
    tensor_160 = keras.Input(shape=(160, 160, 3))
    tensor_48 = keras.Input(shape=(48, 48, 3))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = {
            "default": M(weights=None),
            "alpha_035_notop_96": apps.mobilenet_v2.MobileNetV2(
                input_shape=(96, 96, 3), alpha=0.35, include_top=False, weights=None),
            "alpha_13_top_64": M(input_shape=(64, 64, 3), alpha=1.3, weights=None, classes=10),
            "notop_any_size_max": M(include_top=False, weights=None, pooling="max"),
            "input_tensor_160_avg": M(input_tensor=tensor_160, include_top=False,
                                      weights=None, pooling="avg"),
            "input_tensor_and_shape": M(input_shape=(48, 48, 3), input_tensor=tensor_48,
                                        include_top=False, weights=None),
            "alpha_075_4_channels": M(input_shape=(40, 56, 4), alpha=0.75,
                                      include_top=False, weights=None),
            "alpha_05_odd": M(input_shape=(33, 35, 3), alpha=0.5, weights=None, classes=2),
        }
    summaries = {name: summary_of(model, configs=name == "default")
                 for name, model in built.items()}
    text = summary_text(built["alpha_035_notop_96"])
    narrow = M(input_shape=(32, 32, 3), alpha=0.35, weights=None, classes=6,
               classifier_activation=None)
    pooled = M(input_shape=(48, 48, 3), include_top=False, weights=None, pooling="avg")
    forwards = {"alpha_035_logits": forward(narrow, (2, 32, 32, 3)).tolist(),
                "alpha_1_pooled": forward(pooled, (2, 48, 48, 3))[:, :16].tolist()}
    return {"summaries": summaries, "warnings": channel_warnings(caught), "forward": forwards,
            "summary_text": text}


def mobilenet_v2_errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    M = keras.applications.MobileNetV2
    return {
        "unknown_argument": error_of(lambda: M(weights=None, depth_multiplier=2)),
        "unknown_weights": error_of(lambda: M(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: M(weights="imagenet", classes=10)),
        "imagenet_alpha": error_of(lambda: M(alpha=0.2, include_top=False,
                                             input_shape=(96, 96, 3))),
        "imagenet_top_shape": error_of(lambda: M(input_shape=(100, 100, 3))),
        "imagenet_channels": error_of(lambda: M(include_top=False, input_shape=(96, 96, 1))),
        "imagenet_activation": error_of(lambda: M(classifier_activation="relu")),
        "too_small": error_of(lambda: M(weights=None, include_top=False,
                                        input_shape=(31, 40, 3))),
        "top_needs_static": error_of(lambda: M(weights=None, input_shape=(None, 64, 3))),
        "tensor_width": error_of(lambda: M(input_shape=(64, 64, 3), weights=None,
                                           input_tensor=keras.Input(shape=(64, 48, 3)))),
        "not_a_tensor": error_of(lambda: M(input_tensor=np.zeros((1, 2)), weights=None)),
        "not_a_tensor_with_shape": error_of(lambda: M(input_tensor=np.zeros((1, 2)),
                                                      input_shape=(64, 64, 3),
                                                      weights=None)),
    }


def tiny_mobilenet_v2(MobileNetV2, weights=None):
    """MobileNetV2 at width 0.1 with 3 classes: its weights file is a few hundred KB."""
    return MobileNetV2(input_shape=(32, 32, 3), alpha=0.1, weights=weights, classes=3,
                       classifier_activation=None)


def caffe_forward(keras, model, input_shape):
    """``forward`` on ImageNet-preprocessed images (``caffe`` mode: BGR minus the mean)."""
    set_formula_weights(model)
    images = keras.applications.imagenet_utils.preprocess_input(formula_images(input_shape))
    return model.predict(images, verbose=0)


def resnet_builds(keras):
    """ResNet50 built four ways (default; any size, each pooling; small with a top, whose
    forward numbers are kept too; a given input tensor, through ``resnet50``) and ResNet101
    without its top (ResNet152 differs from it only in its stacks' depths, and its 58
    million weights take seconds to initialize)."""
    apps = keras.applications
    image = keras.Input(shape=(64, 64, 3))
    built = {
        "resnet50_default": apps.ResNet50(weights=None),
        "resnet50_notop_any_size_avg": apps.resnet.ResNet50(weights=None, include_top=False,
                                                            pooling="avg"),
        "resnet50_top_small": apps.ResNet50(weights=None, input_shape=(32, 32, 3),
                                            classes=5, classifier_activation=None),
        "resnet50_input_tensor_max": apps.resnet50.ResNet50(
            weights=None, include_top=False, input_tensor=image, pooling="max"),
        "resnet101_notop_odd": apps.resnet.ResNet101(weights=None, include_top=False,
                                                     input_shape=(35, 33, 3)),
    }
    summaries = {name: summary_of(model, configs=name == "resnet50_default")
                 for name, model in built.items()}
    logits = caffe_forward(keras, built["resnet50_top_small"], (2, 32, 32, 3))
    return {"summaries": summaries, "forward": {"resnet50_logits": logits.tolist()}}


def resnet_errors(keras):
    """What each wrong argument raises (before any weights file is looked for; the
    activation check, which comes after the whole 224x224 network is built, is the
    shared ``imagenet_utils`` one the other families check)."""
    R = keras.applications.ResNet50
    return {
        "unknown_argument": error_of(lambda: R(weights=None, alpha=1.0)),
        "unknown_weights": error_of(lambda: R(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: R(weights="imagenet", classes=10)),
        "imagenet_top_shape": error_of(lambda: R(input_shape=(100, 100, 3))),
        "imagenet_channels": error_of(lambda: R(include_top=False, input_shape=(64, 64, 1))),
        "too_small": error_of(lambda: R(weights=None, include_top=False,
                                        input_shape=(64, 31, 3))),
        "top_needs_static": error_of(lambda: R(weights=None, input_shape=(None, None, 3))),
    }


def resnet_v2_builds(keras):
    """ResNet50V2 built four ways (default; any size, each pooling through ``resnet_v2``;
    64x64 with a small top, whose inference-mode forward numbers on ``tf``-preprocessed
    images are kept too; a given input tensor) and ResNet101V2 without its top at an odd
    size (ResNet152V2 differs from it only in its stacks' depths)."""
    apps = keras.applications
    image = keras.Input(shape=(48, 48, 3))
    built = {
        "resnet50v2_default": apps.ResNet50V2(weights=None),
        "resnet50v2_notop_any_size_avg": apps.resnet_v2.ResNet50V2(
            weights=None, include_top=False, pooling="avg"),
        "resnet50v2_top_small": apps.ResNet50V2(weights=None, input_shape=(64, 64, 3),
                                                classes=5, classifier_activation=None),
        "resnet50v2_input_tensor_max": apps.resnet_v2.ResNet50V2(
            weights=None, include_top=False, input_tensor=image, pooling="max"),
        "resnet101v2_notop_odd": apps.resnet_v2.ResNet101V2(weights=None, include_top=False,
                                                            input_shape=(35, 33, 3)),
    }
    summaries = {name: summary_of(model, configs=name == "resnet50v2_default")
                 for name, model in built.items()}
    model = set_formula_weights(built["resnet50v2_top_small"])
    images = apps.resnet_v2.preprocess_input(formula_images((2, 64, 64, 3)))
    logits = model.predict(images, verbose=0)
    return {"summaries": summaries, "forward": {"resnet50v2_logits": logits.tolist()}}


def resnet_v2_errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    apps = keras.applications
    R = apps.ResNet50V2
    return {
        "unknown_argument": error_of(lambda: R(weights=None, alpha=1.0)),
        "unknown_weights": error_of(lambda: R(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: R(weights="imagenet", classes=10)),
        "imagenet_classes_101": error_of(lambda: apps.ResNet101V2(classes=10)),
        "imagenet_classes_152": error_of(lambda: apps.resnet_v2.ResNet152V2(classes=3)),
        "imagenet_top_shape": error_of(lambda: R(input_shape=(100, 100, 3))),
        "imagenet_channels": error_of(lambda: R(include_top=False, input_shape=(64, 64, 1))),
        "too_small": error_of(lambda: R(weights=None, include_top=False,
                                        input_shape=(64, 31, 3))),
        "two_dims": error_of(lambda: R(weights=None, include_top=False,
                                       input_shape=(64, 64))),
        "top_needs_static": error_of(lambda: R(weights=None, input_shape=(None, None, 3))),
    }


def vgg16_builds(keras):
    """VGG16 built four ways (no top at the default size; a top on 32x32 images, whose
    forward numbers are kept too; an odd size; a given input tensor; each pooling)."""
    apps = keras.applications
    image = keras.Input(shape=(48, 48, 3))
    built = {
        "notop_default": apps.VGG16(weights=None, include_top=False),
        "top_32": apps.vgg16.VGG16(weights=None, input_shape=(32, 32, 3), classes=5,
                                   classifier_activation=None),
        "notop_odd_avg": apps.VGG16(weights=None, include_top=False, input_shape=(37, 50, 3),
                                    pooling="avg"),
        "notop_input_tensor_max": apps.VGG16(weights=None, include_top=False,
                                             input_tensor=image, pooling="max"),
    }
    summaries = {name: summary_of(model, configs=name == "top_32")
                 for name, model in built.items()}
    logits = caffe_forward(keras, built["top_32"], (2, 32, 32, 3))
    return {"summaries": summaries, "forward": {"vgg16_logits": logits.tolist()}}


def vgg19_builds(keras):
    """VGG19 built three ways (no top at the default size; a top on 32x32 images, whose
    forward numbers are kept too; no top on an odd size with average pooling)."""
    apps = keras.applications
    built = {
        "notop_default": apps.VGG19(weights=None, include_top=False),
        "top_32": apps.vgg19.VGG19(weights=None, input_shape=(32, 32, 3), classes=5,
                                   classifier_activation=None),
        "notop_odd_avg": apps.VGG19(weights=None, include_top=False, input_shape=(37, 50, 3),
                                    pooling="avg"),
    }
    summaries = {name: summary_of(model, configs=name == "top_32")
                 for name, model in built.items()}
    logits = caffe_forward(keras, built["top_32"], (2, 32, 32, 3))
    return {"summaries": summaries, "forward": {"vgg19_logits": logits.tolist()}}


def vgg19_errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    V = keras.applications.VGG19
    return {
        "unknown_weights": error_of(lambda: V(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: V(weights="imagenet", classes=10)),
        "too_small": error_of(lambda: V(weights=None, include_top=False,
                                        input_shape=(20, 64, 3))),
    }


def inception_v3_builds(keras):
    """InceptionV3 built four ways (no top at the default size; a top on 75x75 images, the
    smallest, whose forward numbers under formula weights are kept too; no top on an odd
    size with max pooling; a given input tensor with average pooling)."""
    apps = keras.applications
    image = keras.Input(shape=(90, 90, 3))
    built = {
        "notop_default": apps.InceptionV3(weights=None, include_top=False),
        "top_75": apps.inception_v3.InceptionV3(weights=None, input_shape=(75, 75, 3),
                                                classes=5, classifier_activation=None),
        "notop_odd_max": apps.InceptionV3(weights=None, include_top=False,
                                          input_shape=(80, 101, 3), pooling="max"),
        "notop_input_tensor_avg": apps.InceptionV3(weights=None, include_top=False,
                                                   input_tensor=image, pooling="avg"),
    }
    summaries = {name: summary_of(model, configs=name == "top_75")
                 for name, model in built.items()}
    model = set_formula_weights(built["top_75"])
    images = apps.inception_v3.preprocess_input(formula_images((2, 75, 75, 3)))
    logits = model.predict(images, verbose=0)
    return {"summaries": summaries, "forward": {"inception_v3_logits": logits.tolist()}}


def inception_v3_errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    V = keras.applications.InceptionV3
    return {
        "unknown_weights": error_of(lambda: V(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: V(weights="imagenet", classes=10)),
        "too_small": error_of(lambda: V(weights=None, include_top=False,
                                        input_shape=(74, 90, 3))),
        "top_needs_static": error_of(lambda: V(weights=None, input_shape=(None, 90, 3))),
    }


def vgg16_errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    V = keras.applications.VGG16
    return {
        "unknown_argument": error_of(lambda: V(weights=None, alpha=1.0)),
        "unknown_weights": error_of(lambda: V(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: V(weights="imagenet", classes=10)),
        "imagenet_top_shape": error_of(lambda: V(input_shape=(100, 100, 3))),
        "imagenet_channels": error_of(lambda: V(include_top=False, input_shape=(64, 64, 4))),
        "too_small": error_of(lambda: V(weights=None, include_top=False,
                                        input_shape=(20, 64, 3))),
        "top_needs_static": error_of(lambda: V(weights=None, input_shape=(None, 64, 3))),
    }
