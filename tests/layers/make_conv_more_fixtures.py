"""Writes the fixtures of the further convolution, pooling and reshaping layers with real
tf_keras 2.21: ``channels_first`` for every spatial layer, the 3-D layers, Conv1DTranspose,
the depthwise and separable convolutions, cropping, 1-D and 3-D padding and up-sampling, and
bilinear up-sampling.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_conv_more_fixtures.py

Outputs, in tests/layers/data/, in the layout of make_conv_fixtures.py:
- conv_more.npz: per case ``x``, ``weight<i>``, ``out``, ``w``, ``dx``, ``dweight<i>``.
- conv_more.json: per case class, arguments, input shape, config, weight names and shapes,
  output shape; the summary() lines of small models; the errors bad arguments raise; and
  short fits of two small models (their arrays in conv_more_fit.npz, prefixed by the fit).
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from make_conv_fixtures import error_of, jsonable, run_case, summary_lines  # noqa: E402
from tensorflow.python.framework.errors_impl import InvalidArgumentError  # noqa: E402
from tf_keras import layers  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
CF = {"data_format": "channels_first"}

# name: (class, kwargs, input shape with batch)
CASES = {
    "conv1d_cf": ("Conv1D", {"filters": 2, "kernel_size": 3, "strides": 2, **CF}, (2, 3, 9)),
    "conv2d_cf_same_strides": ("Conv2D", {"filters": 3, "kernel_size": 3, "strides": 2,
                                          "padding": "same", "activation": "relu", **CF},
                               (2, 2, 7, 6)),
    "conv2d_cf_groups": ("Conv2D", {"filters": 4, "kernel_size": 2, "groups": 2, **CF},
                         (1, 4, 5, 4)),
    "conv2d_transpose_cf": ("Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2,
                                                "padding": "same", **CF}, (2, 3, 4, 3)),
    "conv3d_valid": ("Conv3D", {"filters": 3, "kernel_size": (2, 3, 2)}, (2, 4, 5, 3, 2)),
    "conv3d_same_strides_tanh": ("Conv3D", {"filters": 2, "kernel_size": 3, "strides": 2,
                                            "padding": "same", "activation": "tanh"},
                                 (1, 5, 4, 6, 3)),
    "conv3d_cf_dilation": ("Conv3D", {"filters": 2, "kernel_size": 2, "dilation_rate": 2,
                                      "use_bias": False, **CF}, (1, 2, 5, 4, 5)),
    "conv1d_transpose_valid": ("Conv1DTranspose", {"filters": 3, "kernel_size": 3,
                                                   "strides": 2}, (2, 5, 2)),
    "conv1d_transpose_same_output_padding": ("Conv1DTranspose",
                                             {"filters": 2, "kernel_size": 4, "strides": 3,
                                              "padding": "same", "output_padding": 1,
                                              "activation": "relu"}, (2, 4, 3)),
    "conv1d_transpose_cf": ("Conv1DTranspose", {"filters": 2, "kernel_size": 3, **CF},
                            (1, 3, 5)),
    "depthwise_conv2d": ("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2},
                         (2, 6, 5, 3)),
    "depthwise_conv2d_same_strides": ("DepthwiseConv2D", {"kernel_size": (3, 2), "strides": 2,
                                                          "padding": "same",
                                                          "activation": "relu"},
                                      (2, 7, 6, 2)),
    "depthwise_conv2d_cf_dilation": ("DepthwiseConv2D", {"kernel_size": 2, "dilation_rate": 2,
                                                         "depth_multiplier": 3,
                                                         "use_bias": False, **CF},
                                     (1, 2, 6, 5)),
    "separable_conv2d": ("SeparableConv2D", {"filters": 4, "kernel_size": 3,
                                             "depth_multiplier": 2, "activation": "relu"},
                         (2, 6, 5, 3)),
    "separable_conv2d_same_strides": ("SeparableConv2D", {"filters": 3, "kernel_size": 3,
                                                          "strides": 2, "padding": "same"},
                                      (2, 7, 6, 2)),
    "separable_conv2d_cf": ("SeparableConv2D", {"filters": 2, "kernel_size": 2,
                                                "use_bias": False, **CF}, (1, 3, 5, 4)),
    "separable_conv1d_causal": ("SeparableConv1D", {"filters": 3, "kernel_size": 3,
                                                    "padding": "causal", "dilation_rate": 2,
                                                    "depth_multiplier": 2}, (2, 9, 2)),
    "separable_conv1d_cf": ("SeparableConv1D", {"filters": 2, "kernel_size": 3, "strides": 2,
                                                **CF}, (2, 3, 8)),
    "max_pooling1d_cf": ("MaxPooling1D", {"pool_size": 3, "strides": 2, **CF}, (2, 3, 8)),
    "average_pooling1d_cf_same": ("AveragePooling1D", {"pool_size": 3, "strides": 2,
                                                       "padding": "same", **CF}, (2, 2, 7)),
    "max_pooling2d_cf": ("MaxPooling2D", {**CF}, (2, 3, 6, 7)),
    "average_pooling2d_cf_same": ("AveragePooling2D", {"pool_size": 3, "strides": 2,
                                                       "padding": "same", **CF},
                                  (2, 2, 7, 6)),
    "max_pooling3d": ("MaxPooling3D", {}, (2, 4, 5, 4, 2)),
    "max_pooling3d_cf_same": ("MaxPooling3D", {"pool_size": 3, "strides": 2,
                                               "padding": "same", **CF}, (1, 2, 5, 4, 6)),
    "average_pooling3d": ("AveragePooling3D", {"pool_size": (2, 3, 2), "strides": 1},
                          (2, 4, 5, 3, 2)),
    "average_pooling3d_same": ("AveragePooling3D", {"pool_size": 3, "strides": 2,
                                                    "padding": "same"}, (1, 5, 4, 5, 2)),
    "global_average_pooling1d_cf": ("GlobalAveragePooling1D", {**CF}, (2, 3, 6)),
    "global_max_pooling1d_cf": ("GlobalMaxPooling1D", {"keepdims": True, **CF}, (2, 3, 6)),
    "global_average_pooling2d_cf": ("GlobalAveragePooling2D", {"keepdims": True, **CF},
                                    (2, 3, 4, 5)),
    "global_max_pooling2d_cf": ("GlobalMaxPooling2D", {**CF}, (2, 3, 4, 5)),
    "global_average_pooling3d": ("GlobalAveragePooling3D", {}, (2, 3, 4, 2, 3)),
    "global_max_pooling3d_keepdims": ("GlobalMaxPooling3D", {"keepdims": True},
                                      (2, 3, 4, 2, 3)),
    "global_average_pooling3d_cf": ("GlobalAveragePooling3D", {"keepdims": True, **CF},
                                    (2, 3, 4, 2, 3)),
    "global_max_pooling3d_cf": ("GlobalMaxPooling3D", {**CF}, (2, 3, 4, 2, 3)),
    "up_sampling1d": ("UpSampling1D", {"size": 3}, (2, 4, 2)),
    "up_sampling2d_cf": ("UpSampling2D", {"size": (3, 2), **CF}, (2, 2, 3, 2)),
    "up_sampling2d_bilinear": ("UpSampling2D", {"size": (2, 3), "interpolation": "bilinear"},
                               (2, 3, 4, 2)),
    "up_sampling2d_bilinear_cf": ("UpSampling2D", {"size": 3, "interpolation": "bilinear",
                                                   **CF}, (1, 2, 4, 3)),
    "up_sampling3d": ("UpSampling3D", {"size": (2, 1, 3)}, (2, 2, 3, 2, 2)),
    "up_sampling3d_cf": ("UpSampling3D", {**CF}, (1, 2, 2, 3, 2)),
    "zero_padding1d": ("ZeroPadding1D", {"padding": (2, 1)}, (2, 3, 2)),
    "zero_padding1d_int": ("ZeroPadding1D", {}, (1, 3, 2)),
    "zero_padding2d_cf": ("ZeroPadding2D", {"padding": ((1, 2), (0, 1)), **CF}, (2, 2, 3, 2)),
    "zero_padding3d": ("ZeroPadding3D", {"padding": ((1, 0), (0, 2), (1, 1))},
                       (2, 2, 3, 2, 2)),
    "zero_padding3d_cf": ("ZeroPadding3D", {"padding": (1, 0, 2), **CF}, (1, 2, 2, 3, 2)),
    "cropping1d": ("Cropping1D", {"cropping": (2, 1)}, (2, 6, 2)),
    "cropping1d_default": ("Cropping1D", {}, (1, 4, 3)),
    "cropping2d": ("Cropping2D", {"cropping": ((1, 2), (0, 1))}, (2, 5, 4, 2)),
    "cropping2d_int_cf": ("Cropping2D", {"cropping": 1, **CF}, (2, 2, 4, 5)),
    "cropping3d": ("Cropping3D", {"cropping": ((1, 0), (0, 2), (1, 1))}, (2, 3, 4, 4, 2)),
    "cropping3d_cf": ("Cropping3D", {"cropping": (1, 0, 1), **CF}, (1, 2, 4, 3, 4)),
    "depthwise_conv1d_same": ("DepthwiseConv1D", {"kernel_size": 3, "padding": "same",
                                                    "depth_multiplier": 2,
                                                    "activation": "relu"}, (2, 7, 3)),
    "depthwise_conv1d_cf_strides": ("DepthwiseConv1D", {"kernel_size": 2, "strides": 2, **CF},
                                    (2, 3, 7)),
    "conv3d_groups": ("Conv3D", {"filters": 4, "kernel_size": 2, "groups": 2},
                      (1, 3, 4, 3, 4)),
    "conv3d_transpose_valid": ("Conv3DTranspose", {"filters": 2, "kernel_size": (2, 3, 2),
                                                   "strides": (2, 1, 2)}, (1, 3, 2, 3, 2)),
    "conv3d_transpose_cf_same": ("Conv3DTranspose", {"filters": 3, "kernel_size": 3,
                                                     "strides": 2, "padding": "same",
                                                     "output_padding": 1, **CF},
                                 (1, 2, 2, 3, 2)),
}


def run_case_cpu(name, class_name, kwargs, shape, arrays, seed):
    """``run_case``; TensorFlow's CPU kernels have no channels-first max pooling gradient, so
    for those cases the gradients come from the channels-last twin of the layer on the
    transposed input (its output is checked equal to the channels-first layer's first)."""
    try:
        return run_case(name, class_name, kwargs, shape, arrays, seed)
    except InvalidArgumentError:
        pass
    last = dict(kwargs, data_format="channels_last")
    rank = len(shape) - 2
    to_last = (0,) + tuple(range(2, rank + 2)) + (1,)
    to_first = (0, rank + 1) + tuple(range(1, rank + 1))
    twin = {}
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape).astype(np.float32)
    keras.backend.clear_session()
    layer = getattr(layers, class_name)(**kwargs)
    first_out = layer(x).numpy()
    case = {"class_name": class_name, "kwargs": kwargs, "input_shape": list(shape),
            "config": jsonable(layer.get_config()), "weights": [],
            "output_shape": jsonable(list(layer.compute_output_shape((None,) + shape[1:])))}
    run_twin(name, class_name, last, x.transpose(to_last), twin, seed)
    out = twin[f"{name}/out"].transpose(to_first)
    np.testing.assert_allclose(out, first_out, rtol=1e-6)
    arrays[f"{name}/x"] = x
    arrays[f"{name}/out"] = out
    arrays[f"{name}/w"] = twin[f"{name}/w"].transpose(to_first)
    arrays[f"{name}/dx"] = twin[f"{name}/dx"].transpose(to_first)
    return case


def run_twin(name, class_name, kwargs, x, arrays, seed):
    """Output, weight ``w`` and input gradient of a weightless layer for a given ``x``."""
    keras.backend.clear_session()
    rng = np.random.default_rng(seed + 1000)
    layer = getattr(layers, class_name)(**kwargs)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        out = layer(xt)
        w = rng.uniform(0.5, 1.5, size=out.shape).astype(np.float32)
        total = tf.reduce_sum(out * w)
    arrays[f"{name}/out"] = out.numpy()
    arrays[f"{name}/w"] = w
    arrays[f"{name}/dx"] = tape.gradient(total, xt).numpy()


def summaries():
    out = {}
    keras.backend.clear_session()
    out["channels_first_convnet"] = summary_lines(keras.Sequential([
        keras.Input(shape=(3, 16, 16)),
        layers.ZeroPadding2D(1, **CF),
        layers.Conv2D(8, 3, activation="relu", **CF),
        layers.MaxPooling2D(**CF),
        layers.Conv2DTranspose(4, 3, strides=2, **CF),
        layers.UpSampling2D(2, **CF),
        layers.Cropping2D(((1, 2), (3, 0)), **CF),
        layers.AveragePooling2D(3, **CF),
        layers.GlobalMaxPooling2D(**CF),
    ]))
    keras.backend.clear_session()
    out["volumes"] = summary_lines(keras.Sequential([
        keras.Input(shape=(8, 8, 8, 1)),
        layers.Conv3D(4, 3, padding="same", activation="relu"),
        layers.MaxPooling3D(2),
        layers.ZeroPadding3D(1),
        layers.Conv3D(2, 3, strides=2),
        layers.UpSampling3D((1, 2, 2)),
        layers.Cropping3D(((0, 1), (1, 1), (0, 0))),
        layers.AveragePooling3D((1, 2, 2)),
        layers.GlobalAveragePooling3D(),
    ]))
    keras.backend.clear_session()
    inputs = keras.Input(shape=(12, 12, 3))
    x = layers.SeparableConv2D(8, 3, depth_multiplier=2, padding="same")(inputs)
    x = layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False)(x)
    x = layers.UpSampling2D(2, interpolation="bilinear")(x)
    x = layers.GlobalAveragePooling2D()(x)
    out["separable_functional"] = summary_lines(keras.Model(inputs, layers.Dense(2)(x)))
    keras.backend.clear_session()
    out["sequence"] = summary_lines(keras.Sequential([
        keras.Input(shape=(20, 4)),
        layers.ZeroPadding1D((2, 0)),
        layers.SeparableConv1D(6, 3, padding="causal"),
        layers.Cropping1D((1, 3)),
        layers.UpSampling1D(2),
        layers.Conv1DTranspose(3, 3, strides=2),
        layers.Conv1D(8, 2, padding="same", **CF),
        layers.MaxPooling1D(2, padding="same", **CF),
        layers.GlobalAveragePooling1D(**CF),
    ]))
    return out


ERRORS = {
    "max_pooling3d_bad_data_format": lambda: layers.MaxPooling3D(data_format="NDHWC"),
    "global_max_pooling3d_bad_data_format":
        lambda: layers.GlobalMaxPooling3D(data_format="channels"),
    "up_sampling3d_bad_data_format": lambda: layers.UpSampling3D(data_format="first"),
    "cropping2d_bad_data_format": lambda: layers.Cropping2D(data_format="nchw"),
    "conv3d_on_4d_input": lambda: layers.Conv3D(2, 3)(keras.Input((5, 4, 3))),
    "max_pooling3d_on_4d_input": lambda: layers.MaxPooling3D()(keras.Input((5, 4, 3))),
    "conv2d_cf_channels_unknown":
        lambda: layers.Conv2D(2, 3, **CF)(keras.Input((None, 5, 5))),
    "conv1d_transpose_on_4d_input":
        lambda: layers.Conv1DTranspose(2, 3)(keras.Input((4, 4, 2))),
    "conv3d_transpose_on_4d_input":
        lambda: layers.Conv3DTranspose(2, 3)(keras.Input((4, 4, 2))),
    "conv3d_transpose_channels_unknown":
        lambda: layers.Conv3DTranspose(2, 3)(keras.Input((4, 4, 4, None))),
    "conv1d_transpose_output_padding_too_large":
        lambda: layers.Conv1DTranspose(2, 3, strides=2, output_padding=2),
    "depthwise_conv2d_on_3d_input":
        lambda: layers.DepthwiseConv2D(3)(keras.Input((5, 4))),
    "depthwise_conv2d_channels_unknown":
        lambda: layers.DepthwiseConv2D(3)(keras.Input((5, 5, None))),
    "separable_conv2d_channels_unknown":
        lambda: layers.SeparableConv2D(2, 3)(keras.Input((5, 5, None))),
    "separable_conv2d_causal": lambda: layers.SeparableConv2D(2, 3, padding="causal"),
    "depthwise_conv1d_causal": lambda: layers.DepthwiseConv1D(3, padding="causal"),
    "separable_conv2d_on_3d_input":
        lambda: layers.SeparableConv2D(2, 3)(keras.Input((5, 4))),
    "cropping1d_too_much": lambda: layers.Cropping1D((2, 2))(keras.Input((4, 2))),
    "cropping1d_three_ints": lambda: layers.Cropping1D((1, 2, 3)),
    "cropping2d_three_entries": lambda: layers.Cropping2D((1, 2, 3)),
    "cropping2d_not_a_sequence": lambda: layers.Cropping2D(1.5),
    "cropping2d_negative": lambda: layers.Cropping2D(((1, -1), (0, 0))),
    "cropping3d_two_entries": lambda: layers.Cropping3D((1, 2)),
    "cropping3d_not_a_sequence": lambda: layers.Cropping3D(1.5),
    "zero_padding1d_three_ints": lambda: layers.ZeroPadding1D((1, 2, 3)),
    "zero_padding3d_two_entries": lambda: layers.ZeroPadding3D((1, 2)),
    "zero_padding3d_not_a_sequence": lambda: layers.ZeroPadding3D(1.5),
    "zero_padding3d_negative": lambda: layers.ZeroPadding3D(((0, 0), (1, -2), (0, 0))),
    "up_sampling1d_on_4d_input": lambda: layers.UpSampling1D()(keras.Input((4, 2, 1))),
    "up_sampling3d_on_4d_input": lambda: layers.UpSampling3D()(keras.Input((4, 2, 1))),
    "cropping3d_on_4d_input": lambda: layers.Cropping3D()(keras.Input((4, 2, 1))),
    "zero_padding1d_on_4d_input": lambda: layers.ZeroPadding1D()(keras.Input((4, 2, 1))),
}


def separable_model():
    return keras.Sequential([
        keras.Input(shape=(8, 8, 2)),
        layers.SeparableConv2D(4, 3, padding="same", depth_multiplier=2, activation="relu"),
        layers.DepthwiseConv2D(2, strides=2, activation="tanh"),
        layers.UpSampling2D(2, interpolation="bilinear"),
        layers.Cropping2D(1),
        layers.GlobalAveragePooling2D(),
        layers.Dense(3, activation="softmax"),
    ])


def volume_model():
    return keras.Sequential([
        keras.Input(shape=(2, 6, 6, 6)),
        layers.ZeroPadding3D(1, **CF),
        layers.Conv3D(3, 3, strides=2, activation="relu", **CF),
        layers.MaxPooling3D(2, padding="same", **CF),
        layers.UpSampling3D(2, **CF),
        layers.GlobalAveragePooling3D(**CF),
        layers.Dense(3, activation="softmax"),
    ])


FITS = {"separable": (separable_model, (8, 8, 2)), "volume": (volume_model, (2, 6, 6, 6))}


def fit(name, arrays, seed):
    build, shape = FITS[name]
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    model = build()
    initial = [(rng.standard_normal(w.shape) * 0.4).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(initial)
    x = rng.standard_normal((24,) + shape).astype(np.float32)
    y = rng.integers(0, 3, size=24)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"{name}/initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"{name}/final{i}"] = weight
    arrays[f"{name}/x"] = x
    arrays[f"{name}/y"] = y
    return {"history": jsonable(history.history), "batch_size": 8, "epochs": 2,
            "optimizer": "Adam(learning_rate=0.01)"}


def main():
    os.makedirs(HERE, exist_ok=True)
    arrays, cases = {}, {}
    for seed, (name, (class_name, kwargs, shape)) in enumerate(CASES.items()):
        cases[name] = run_case_cpu(name, class_name, kwargs, shape, arrays, 100 + seed)
    fit_arrays = {}
    data = {"tf_keras": keras.__version__, "cases": cases, "summaries": summaries(),
            "errors": {name: error_of(build) for name, build in ERRORS.items()},
            "fits": {name: fit(name, fit_arrays, 7 + i) for i, name in enumerate(FITS)}}
    np.savez_compressed(os.path.join(HERE, "conv_more.npz"), **arrays)
    np.savez_compressed(os.path.join(HERE, "conv_more_fit.npz"), **fit_arrays)
    with open(os.path.join(HERE, "conv_more.json"), "w") as f:
        json.dump(data, f, indent=1)
    print("wrote", len(cases), "cases")


if __name__ == "__main__":
    main()
