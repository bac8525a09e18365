"""``keras.applications`` cases, run on tf_keras 2.21 (``make_fixtures.py`` writes
data/applications.json) and on tracekeras (``test_xception.py``), written against the
public Keras API: ``keras`` is either module."""
import os
import warnings

import numpy as np

CONFIG_KEYS = ("filters", "kernel_size", "strides", "padding", "use_bias", "axis",
               "activation", "pool_size", "units", "depth_multiplier", "momentum", "epsilon",
               "center", "scale", "data_format", "dilation_rate")


def inbound_names(layer_config):
    """The names of the layers a layer's (first) node takes its inputs from."""
    nodes = layer_config["inbound_nodes"]
    return [entry[0] for entry in nodes[0]] if nodes else []


def describe(model):
    """Each layer's name, class, output shape, parameter count, inbound layers and the
    configuration entries that define it."""
    layer_configs = model.get_config()["layers"]
    rows = []
    for layer, layer_config in zip(model.layers, layer_configs):
        config = layer.get_config()
        rows.append({"name": layer.name, "class": type(layer).__name__,
                     "output_shape": str(layer.output_shape), "params": layer.count_params(),
                     "inbound": inbound_names(layer_config),
                     "config": {k: config[k] for k in CONFIG_KEYS if k in config}})
    return {"name": model.name, "inputs": [str(tuple(x.shape)) for x in model.inputs],
            "output_shape": str(model.output_shape), "params": model.count_params(),
            "trainable_weights": len(model.trainable_weights),
            "non_trainable_weights": len(model.non_trainable_weights), "layers": rows}


def models(keras):
    """Xception built four ways (one with 4 input channels, which warns), and the
    warnings the building gave: the category, text and file of each."""
    Xception = keras.applications.Xception
    x = keras.Input(shape=(80, 80, 3))
    before = keras.layers.Activation("linear")(x)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = {
            "notop_default": Xception(weights=None, include_top=False),
            "top_small": Xception(weights=None, input_shape=(71, 71, 3), classes=10,
                                  classifier_activation=None),
            "max_pooling_4_channels": Xception(weights=None, include_top=False,
                                               input_shape=(100, 75, 4), pooling="max"),
            "input_tensor_avg_pooling": Xception(weights=None, include_top=False,
                                                 input_tensor=before, pooling="avg"),
        }
    warned = [[w.category.__name__, str(w.message), os.path.basename(w.filename)]
              for w in caught if "channels" in str(w.message)]
    return built, warned


def error_of(call):
    try:
        call()
    except Exception as exc:
        return [type(exc).__name__, str(exc)]
    return None


def errors(keras):
    """What each wrong argument raises (before any weights file is looked for)."""
    Xception = keras.applications.Xception
    return {
        "unknown_weights": error_of(lambda: Xception(weights="no_such_weights.h5")),
        "imagenet_classes": error_of(lambda: Xception(weights="imagenet", classes=10)),
        "too_small": error_of(lambda: Xception(weights=None, include_top=False,
                                               input_shape=(70, 90, 3))),
        "two_dims": error_of(lambda: Xception(weights=None, include_top=False,
                                              input_shape=(90, 90))),
        "top_needs_static": error_of(lambda: Xception(weights=None,
                                                      input_shape=(None, None, 3))),
        "imagenet_top_shape": error_of(lambda: Xception(input_shape=(100, 100, 3))),
        "imagenet_channels": error_of(lambda: Xception(include_top=False,
                                                       input_shape=(100, 100, 4))),
        "imagenet_activation": error_of(lambda: Xception(classifier_activation="relu")),
    }


def preprocessed(keras):
    """``preprocess_input`` of each mode and data format, on uint8 and float images."""
    rng = np.random.RandomState(0)
    images = rng.randint(0, 256, size=(2, 4, 5, 3)).astype("uint8")
    out = {}
    utils = keras.applications.imagenet_utils
    for mode in ("caffe", "tf", "torch"):
        out[mode] = utils.preprocess_input(images.copy(), mode=mode).tolist()
        first = np.moveaxis(images, -1, 1).astype("float32")
        out[mode + "_channels_first"] = utils.preprocess_input(
            first, data_format="channels_first", mode=mode).tolist()
        out[mode + "_one_image"] = utils.preprocess_input(
            images[0].astype("float64"), mode=mode).tolist()
    out["xception"] = keras.applications.xception.preprocess_input(images.copy()).tolist()
    out["bad_mode"] = error_of(lambda: utils.preprocess_input(images.copy(), mode="keras"))
    out["bad_format"] = error_of(lambda: utils.preprocess_input(images.copy(),
                                                                data_format="nhwc"))
    out["bad_decode"] = error_of(lambda: utils.decode_predictions(np.zeros((2, 10))))
    return out
