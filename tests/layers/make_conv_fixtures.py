"""Writes the convolution and pooling fixtures with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_conv_fixtures.py

Outputs, in tests/layers/data/:
- conv_layers.npz: for each case, the input ``x``, the weights ``weight<i>`` (seeded
  NumPy, set with ``set_weights``), the output ``out``, a fixed random tensor ``w`` and
  the gradients of ``sum(out * w)`` with respect to ``x`` (``dx``) and each weight
  (``dweight<i>``), computed with tf.GradientTape.
- conv_layers.json: for each case, the class, arguments and input shape, the layer's
  get_config(), weight names and shapes, compute_output_shape; the summary() lines of
  small convnets; the type and message of the errors bad input raises; and a 2-epoch
  fit of a tiny convnet (initial weights in conv_fit.npz, shuffle=False).
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

# name: (class, kwargs, input shape with batch)
CASES = {
    "conv2d_valid": ("Conv2D", {"filters": 3, "kernel_size": 3}, (2, 7, 6, 2)),
    "conv2d_same_strides_relu": ("Conv2D", {"filters": 4, "kernel_size": (3, 2), "strides": 2,
                                            "padding": "same", "activation": "relu"},
                                 (2, 7, 6, 3)),
    "conv2d_strides_tanh": ("Conv2D", {"filters": 2, "kernel_size": (2, 3), "strides": (2, 1),
                                       "activation": "tanh"}, (2, 6, 7, 2)),
    "conv2d_dilation_nobias": ("Conv2D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2,
                                          "padding": "same", "use_bias": False}, (2, 8, 7, 2)),
    "conv2d_dilation_valid": ("Conv2D", {"filters": 3, "kernel_size": 2, "dilation_rate": (2, 3)},
                              (1, 7, 8, 2)),
    "conv2d_groups": ("Conv2D", {"filters": 4, "kernel_size": 3, "groups": 2}, (2, 6, 5, 4)),
    "conv2d_softmax_1x1": ("Conv2D", {"filters": 3, "kernel_size": 1, "activation": "softmax"},
                           (2, 3, 4, 2)),
    "max_pooling2d": ("MaxPooling2D", {}, (2, 6, 7, 3)),
    "max_pooling2d_same_3_2": ("MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"},
                               (2, 7, 6, 2)),
    "max_pooling2d_overlap": ("MaxPooling2D", {"pool_size": (3, 2), "strides": 1}, (1, 5, 5, 2)),
    "average_pooling2d": ("AveragePooling2D", {}, (2, 6, 7, 3)),
    "average_pooling2d_same_3_2": ("AveragePooling2D", {"pool_size": 3, "strides": 2,
                                                        "padding": "same"}, (2, 7, 6, 2)),
    "global_average_pooling2d": ("GlobalAveragePooling2D", {}, (2, 4, 5, 3)),
    "global_average_pooling2d_keepdims": ("GlobalAveragePooling2D", {"keepdims": True},
                                          (2, 4, 5, 3)),
    "global_max_pooling2d": ("GlobalMaxPooling2D", {}, (2, 4, 5, 3)),
    "conv1d_valid": ("Conv1D", {"filters": 3, "kernel_size": 3}, (2, 9, 2)),
    "conv1d_same_strides": ("Conv1D", {"filters": 2, "kernel_size": 4, "strides": 2,
                                       "padding": "same", "activation": "relu"}, (2, 9, 3)),
    "conv1d_causal_dilation": ("Conv1D", {"filters": 2, "kernel_size": 3, "padding": "causal",
                                          "dilation_rate": 2}, (2, 8, 2)),
    "max_pooling1d": ("MaxPooling1D", {}, (2, 9, 3)),
    "max_pooling1d_same_3_2": ("MaxPooling1D", {"pool_size": 3, "strides": 2, "padding": "same"},
                               (2, 8, 2)),
    "average_pooling1d_same": ("AveragePooling1D", {"pool_size": 3, "strides": 1,
                                                    "padding": "same"}, (2, 7, 2)),
    "global_average_pooling1d": ("GlobalAveragePooling1D", {}, (2, 6, 3)),
    "global_max_pooling1d_keepdims": ("GlobalMaxPooling1D", {"keepdims": True}, (2, 6, 3)),
    "conv2d_transpose_valid_2": ("Conv2DTranspose", {"filters": 3, "kernel_size": 3,
                                                     "strides": 2}, (2, 4, 3, 2)),
    "conv2d_transpose_same_2": ("Conv2DTranspose", {"filters": 2, "kernel_size": (3, 2),
                                                    "strides": 2, "padding": "same",
                                                    "activation": "relu"}, (2, 3, 4, 3)),
    "conv2d_transpose_output_padding": ("Conv2DTranspose", {"filters": 2, "kernel_size": 3,
                                                            "strides": 2, "padding": "same",
                                                            "output_padding": 1},
                                        (1, 3, 3, 2)),
    "conv2d_transpose_dilation": ("Conv2DTranspose", {"filters": 2, "kernel_size": 2,
                                                      "dilation_rate": 2, "use_bias": False},
                                  (1, 3, 4, 2)),
    "up_sampling2d": ("UpSampling2D", {"size": (2, 3)}, (2, 3, 2, 2)),
    "zero_padding2d": ("ZeroPadding2D", {"padding": ((1, 2), (0, 1))}, (2, 3, 2, 2)),
    "zero_padding2d_int": ("ZeroPadding2D", {"padding": 1}, (1, 2, 3, 1)),
    # one input channel a group, two filters each (ConvMixer's depthwise Conv2D)
    "conv2d_groups_channelwise": ("Conv2D", {"filters": 6, "kernel_size": 3, "groups": 3,
                                             "padding": "same"}, (2, 6, 5, 3)),
}


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


def run_case(name, class_name, kwargs, shape, arrays, seed):
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    layer = getattr(layers, class_name)(**kwargs)
    x = rng.standard_normal(shape).astype(np.float32)
    layer.build(shape)
    weights = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in layer.get_weights()]
    layer.set_weights(weights)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        out = layer(xt)
        w = rng.uniform(0.5, 1.5, size=out.shape).astype(np.float32)
        total = tf.reduce_sum(out * w)
    grads = tape.gradient(total, [xt] + layer.trainable_weights)
    arrays[f"{name}/x"] = x
    arrays[f"{name}/out"] = out.numpy()
    arrays[f"{name}/w"] = w
    arrays[f"{name}/dx"] = grads[0].numpy()
    for i, (weight, grad) in enumerate(zip(weights, grads[1:])):
        arrays[f"{name}/weight{i}"] = weight
        arrays[f"{name}/dweight{i}"] = grad.numpy()
    config = layer.get_config()
    return {"class_name": class_name, "kwargs": kwargs, "input_shape": list(shape),
            "config": jsonable(config),
            "weights": [[v.name, list(v.shape)] for v in layer.weights],
            "output_shape": jsonable(list(layer.compute_output_shape((None,) + shape[1:])))}


def summary_lines(model):
    lines = []
    model.summary(print_fn=lambda line, **kw: lines.append(line))
    return lines


def summaries():
    out = {}
    keras.backend.clear_session()
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])
    out["mnist_convnet"] = summary_lines(model)
    keras.backend.clear_session()
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inputs)
    x = layers.AveragePooling2D(3, strides=1, padding="same")(x)
    x = layers.Conv2D(8, 1, groups=2)(x)
    x = layers.GlobalMaxPooling2D()(x)
    out["functional_convnet"] = summary_lines(keras.Model(inputs, layers.Dense(2)(x)))
    keras.backend.clear_session()
    model = keras.Sequential([
        keras.Input(shape=(20, 4)),
        layers.Conv1D(8, 5, padding="causal", dilation_rate=2, activation="relu"),
        layers.MaxPooling1D(2),
        layers.Conv1D(4, 3, strides=2),
        layers.GlobalAveragePooling1D(),
    ])
    out["conv1d_sequential"] = summary_lines(model)
    keras.backend.clear_session()
    model = keras.Sequential([
        keras.Input(shape=(7, 7, 4)),
        layers.Conv2DTranspose(8, 3, strides=2, padding="same"),
        layers.UpSampling2D(2),
        layers.ZeroPadding2D(((1, 0), (2, 3))),
        layers.Conv2D(1, 3),
    ])
    out["decoder"] = summary_lines(model)
    return out


def error_of(build):
    keras.backend.clear_session()
    try:
        build()
    except Exception as exc:   # noqa: BLE001 - the fixture records whatever Keras raises
        return [type(exc).__name__, str(exc)]
    return None


def errors():
    return {
        "conv2d_on_2d_input": error_of(lambda: layers.Conv2D(2, 3)(keras.Input((5,)))),
        "conv2d_on_3d_input": error_of(lambda: layers.Conv2D(2, 3)(keras.Input((5, 4)))),
        "conv1d_on_2d_input": error_of(lambda: layers.Conv1D(2, 3)(keras.Input((5,)))),
        "max_pooling2d_on_3d_input": error_of(
            lambda: layers.MaxPooling2D()(keras.Input((5, 4)))),
        "global_average_pooling2d_on_5d_input": error_of(
            lambda: layers.GlobalAveragePooling2D()(keras.Input((2, 3, 4, 5)))),
        "conv2d_kernel_larger_than_input": error_of(
            lambda: layers.Conv2D(1, 3)(keras.Input((2, 2, 1)))),
        "conv2d_channels_changed": error_of(lambda: conv_then(np.zeros((1, 4, 4, 3)))),
        "conv2d_filters_zero": error_of(lambda: layers.Conv2D(0, 3)),
        "conv2d_kernel_size_zero": error_of(lambda: layers.Conv2D(1, (0, 3))),
        "conv2d_kernel_size_three_ints": error_of(lambda: layers.Conv2D(1, (1, 2, 3))),
        "conv2d_strides_and_dilation": error_of(
            lambda: layers.Conv2D(1, 3, strides=2, dilation_rate=2)),
        "conv2d_bad_padding": error_of(lambda: layers.Conv2D(1, 3, padding="full")),
        "conv2d_causal_padding": error_of(lambda: layers.Conv2D(1, 3, padding="causal")),
        "conv2d_groups_filters": error_of(lambda: layers.Conv2D(3, 3, groups=2)),
        "conv2d_groups_channels": error_of(
            lambda: layers.Conv2D(4, 3, groups=2)(keras.Input((5, 5, 3)))),
        "conv2d_bad_data_format": error_of(lambda: layers.Conv2D(1, 3, data_format="nhwc")),
        "max_pooling2d_pool_size_negative": error_of(lambda: layers.MaxPooling2D(-1)),
        "conv2d_transpose_output_padding_too_large": error_of(
            lambda: layers.Conv2DTranspose(2, 3, strides=2, output_padding=2)),
        "conv2d_transpose_on_5d_input": error_of(
            lambda: layers.Conv2DTranspose(2, 3)(keras.Input((4, 4, 4, 2)))),
        "up_sampling2d_bad_interpolation": error_of(
            lambda: layers.UpSampling2D(interpolation="cubic")),
        "up_sampling2d_on_3d_input": error_of(lambda: layers.UpSampling2D()(keras.Input((4, 2)))),
        "zero_padding2d_three_entries": error_of(lambda: layers.ZeroPadding2D((1, 2, 3))),
        "zero_padding2d_negative": error_of(lambda: layers.ZeroPadding2D(((1, -1), (0, 0)))),
        "zero_padding2d_not_a_sequence": error_of(lambda: layers.ZeroPadding2D(1.5)),
    }


def conv_then(x):
    layer = layers.Conv2D(2, 3)
    layer(np.zeros((1, 4, 4, 2), np.float32))
    layer(x.astype(np.float32))


def tiny_convnet():
    return keras.Sequential([
        keras.Input(shape=(8, 8, 2)),
        layers.Conv2D(4, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(2),
        layers.Conv2D(3, 2, strides=2, activation="tanh"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(3, activation="softmax"),
    ])


def fit(arrays):
    keras.backend.clear_session()
    rng = np.random.default_rng(7)
    model = tiny_convnet()
    initial = [(rng.standard_normal(w.shape) * 0.4).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(initial)
    x = rng.standard_normal((40, 8, 8, 2)).astype(np.float32)
    y = rng.integers(0, 3, size=40)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"final{i}"] = weight
    arrays["x"] = x
    arrays["y"] = y
    return {"history": jsonable(history.history), "batch_size": 16, "epochs": 2,
            "optimizer": "Adam(learning_rate=0.01)"}


def main():
    os.makedirs(HERE, exist_ok=True)
    arrays, cases = {}, {}
    for seed, (name, (class_name, kwargs, shape)) in enumerate(CASES.items()):
        cases[name] = run_case(name, class_name, kwargs, shape, arrays, seed)
    fit_arrays = {}
    data = {"tf_keras": keras.__version__, "cases": cases, "summaries": summaries(),
            "errors": errors(), "fit": fit(fit_arrays)}
    np.savez_compressed(os.path.join(HERE, "conv_layers.npz"), **arrays)
    np.savez_compressed(os.path.join(HERE, "conv_fit.npz"), **fit_arrays)
    with open(os.path.join(HERE, "conv_layers.json"), "w") as f:
        json.dump(data, f, indent=1)
    print("wrote", len(cases), "cases")


if __name__ == "__main__":
    main()
