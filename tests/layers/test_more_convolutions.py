"""Conv3D, Conv1DTranspose, Conv3DTranspose, DepthwiseConv1D/2D, SeparableConv1D/2D and
channels-first convolutions against tf_keras 2.21 (fixtures from make_conv_more_fixtures.py):
outputs and gradients for the same weights, weight names, output shapes, configs,
model.summary(), a short fit, Keras's errors, the build traces and a `.keras` round trip."""
import os

import numpy as np
import pytest

import tracekeras
from tracekeras import layers, optimizers
from tracekeras.models import Model, Sequential, load_model

from .conv_helpers import DATA, MORE, cases_of, check_case, error_of, summary_lines

KERAS = MORE[0]
CONVOLUTIONS = ("Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose",
                "Conv3DTranspose",
                "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D")


@pytest.mark.parametrize("name", cases_of(*CONVOLUTIONS, fixtures=MORE))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name, MORE)


def separable_functional():
    inputs = layers.Input(shape=(12, 12, 3))
    x = layers.SeparableConv2D(8, 3, depth_multiplier=2, padding="same")(inputs)
    x = layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False)(x)
    x = layers.UpSampling2D(2, interpolation="bilinear")(x)
    x = layers.GlobalAveragePooling2D()(x)
    return Model(inputs, layers.Dense(2)(x))


def sequence_model():
    return Sequential([
        layers.Input(shape=(20, 4)),
        layers.ZeroPadding1D((2, 0)),
        layers.SeparableConv1D(6, 3, padding="causal"),
        layers.Cropping1D((1, 3)),
        layers.UpSampling1D(2),
        layers.Conv1DTranspose(3, 3, strides=2),
        layers.Conv1D(8, 2, padding="same", data_format="channels_first"),
        layers.MaxPooling1D(2, padding="same", data_format="channels_first"),
        layers.GlobalAveragePooling1D(data_format="channels_first"),
    ])


def test_separable_and_depthwise_summary_is_tf_keras_s():
    assert summary_lines(separable_functional()) == KERAS["summaries"]["separable_functional"]


def test_sequence_summary_is_tf_keras_s():
    assert summary_lines(sequence_model()) == KERAS["summaries"]["sequence"]


def separable_model():
    return Sequential([
        layers.Input(shape=(8, 8, 2)),
        layers.SeparableConv2D(4, 3, padding="same", depth_multiplier=2, activation="relu"),
        layers.DepthwiseConv2D(2, strides=2, activation="tanh"),
        layers.UpSampling2D(2, interpolation="bilinear"),
        layers.Cropping2D(1),
        layers.GlobalAveragePooling2D(),
        layers.Dense(3, activation="softmax"),
    ])


def test_two_epochs_of_a_separable_convnet_follow_tf_keras():
    data = np.load(os.path.join(DATA, "conv_more_fit.npz"))
    model = separable_model()
    count = len(model.get_weights())
    model.set_weights([data[f"separable/initial{i}"] for i in range(count)])
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(data["separable/x"], data["separable/y"], batch_size=8, epochs=2,
                        shuffle=False, verbose=0)
    expected = KERAS["fits"]["separable"]["history"]
    np.testing.assert_allclose(history.history["loss"], expected["loss"], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(history.history["accuracy"], expected["accuracy"])
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, data[f"separable/final{i}"], rtol=1e-3, atol=1e-4,
                                   err_msg=f"weight {i}")


CF = {"data_format": "channels_first"}
ERRORS = {
    "conv3d_on_4d_input": lambda: layers.Conv3D(2, 3)(layers.Input((5, 4, 3))),
    "conv2d_cf_channels_unknown":
        lambda: layers.Conv2D(2, 3, **CF)(layers.Input((None, 5, 5))),
    "conv1d_transpose_on_4d_input":
        lambda: layers.Conv1DTranspose(2, 3)(layers.Input((4, 4, 2))),
    "conv3d_transpose_on_4d_input":
        lambda: layers.Conv3DTranspose(2, 3)(layers.Input((4, 4, 2))),
    "conv3d_transpose_channels_unknown":
        lambda: layers.Conv3DTranspose(2, 3)(layers.Input((4, 4, 4, None))),
    "conv1d_transpose_output_padding_too_large":
        lambda: layers.Conv1DTranspose(2, 3, strides=2, output_padding=2),
    "depthwise_conv2d_on_3d_input": lambda: layers.DepthwiseConv2D(3)(layers.Input((5, 4))),
    "depthwise_conv2d_channels_unknown":
        lambda: layers.DepthwiseConv2D(3)(layers.Input((5, 5, None))),
    "separable_conv2d_channels_unknown":
        lambda: layers.SeparableConv2D(2, 3)(layers.Input((5, 5, None))),
    "separable_conv2d_causal": lambda: layers.SeparableConv2D(2, 3, padding="causal"),
    "depthwise_conv1d_causal": lambda: layers.DepthwiseConv1D(3, padding="causal"),
    "separable_conv2d_on_3d_input": lambda: layers.SeparableConv2D(2, 3)(layers.Input((5, 4))),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_arguments_and_input_raise_what_tf_keras_raises(name):
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_aliases_are_the_same_classes():
    assert layers.Convolution3D is layers.Conv3D
    assert layers.Convolution1DTranspose is layers.Conv1DTranspose
    assert layers.Convolution3DTranspose is layers.Conv3DTranspose
    assert layers.SeparableConvolution2D is layers.SeparableConv2D
    assert layers.SeparableConvolution1D is layers.SeparableConv1D


def build_spans(make, suffix):
    with tracekeras.trace(level="full") as t:
        make()
    return [(r["name"], (r.get("args") or {}).get("weight"), (r.get("args") or {}).get("shape"))
            for r in t.records
            if r["ph"] == "B" and r["name"].endswith((suffix, "add_weight"))]


def test_separable_build_is_traced_with_its_three_weights():
    spans = build_spans(lambda: layers.SeparableConv2D(4, 3, depth_multiplier=2)(
        layers.Input((6, 6, 3))), "SeparableConv.build")
    add = "keras.engine.base_layer.Layer.add_weight"
    assert spans == [
        ("keras.layers.convolutional.base_separable_conv.SeparableConv.build", None, None),
        (add, "depthwise_kernel", [3, 3, 3, 2]), (add, "pointwise_kernel", [1, 1, 6, 4]),
        (add, "bias", [4])]


def test_depthwise_and_transposed_builds_are_traced_under_their_keras_names():
    depthwise = build_spans(lambda: layers.DepthwiseConv2D(3, depth_multiplier=2)(
        layers.Input((3, 6, 6))), "DepthwiseConv.build")
    assert [name for name, _, _ in depthwise][0] == \
        "keras.layers.convolutional.base_depthwise_conv.DepthwiseConv.build"
    assert [(w, s) for _, w, s in depthwise[1:]] == [("depthwise_kernel", [3, 3, 6, 2]),
                                                       ("bias", [12])]
    transposed = build_spans(lambda: layers.Conv1DTranspose(2, 3)(layers.Input((5, 4))),
                             "Conv1DTranspose.build")
    assert [name for name, _, _ in transposed] == [
        "keras.layers.convolutional.conv1d_transpose.Conv1DTranspose.build",
        "keras.engine.base_layer.Layer.add_weight", "keras.engine.base_layer.Layer.add_weight"]


def test_channels_first_conv_moves_the_channel_axis_only():
    x = np.random.default_rng(0).standard_normal((2, 5, 6, 3)).astype(np.float32)
    last = layers.Conv2D(4, 3, strides=2, padding="same")
    first = layers.Conv2D(4, 3, strides=2, padding="same", **CF)
    expected = last(x).value
    first.build((None, 3, 5, 6))
    first.set_weights(last.get_weights())
    np.testing.assert_allclose(first(x.transpose(0, 3, 1, 2)).value,
                               expected.transpose(0, 3, 1, 2), rtol=1e-6, atol=1e-6)
    assert first.input_spec.axes == {-3: 3}


@pytest.mark.parametrize("make", [separable_functional, sequence_model])
def test_keras_file_round_trip_gives_the_same_model(make, tmp_path):
    model = make()
    path = str(tmp_path / "model.keras")
    model.save(path)
    again = load_model(path)
    assert [layer.get_config() for layer in again.layers] == \
        [layer.get_config() for layer in model.layers]
    x = np.random.default_rng(1).standard_normal((2,) + model.input_shape[1:]).astype("float32")
    np.testing.assert_array_equal(again.predict(x, verbose=0), model.predict(x, verbose=0))


def test_tracing_leaves_a_separable_fit_bit_identical():
    data = np.load(os.path.join(DATA, "conv_more_fit.npz"))

    def fit():
        model = separable_model()
        count = len(model.get_weights())
        model.set_weights([data[f"separable/initial{i}"] for i in range(count)])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        history = model.fit(data["separable/x"], data["separable/y"], batch_size=8, epochs=1,
                            shuffle=False, verbose=0)
        return history.history["loss"], model.get_weights()
    plain_loss, plain_weights = fit()
    with tracekeras.trace(level="full"):
        traced_loss, traced_weights = fit()
    assert plain_loss == traced_loss
    for plain, traced in zip(plain_weights, traced_weights):
        np.testing.assert_array_equal(plain, traced)
