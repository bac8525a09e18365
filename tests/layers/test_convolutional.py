"""Conv1D and Conv2D against tf_keras 2.21 (fixtures from make_conv_fixtures.py): outputs and
gradients for the same weights, weight names, output shapes, configs, model.summary(), a short
fit, Keras's errors for bad arguments and input, and the build trace."""
import os

import numpy as np
import pytest

import tracekeras
from tracekeras import layers, optimizers
from tracekeras.models import Model, Sequential

from .conv_helpers import DATA, KERAS, cases_of, check_case, error_of, summary_lines


@pytest.mark.parametrize("name", cases_of("Conv1D", "Conv2D", "Conv2DTranspose"))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name)


def mnist_convnet():
    """The keras.io MNIST convnet."""
    return Sequential([
        layers.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])


def test_mnist_convnet_summary_is_tf_keras_s():
    assert summary_lines(mnist_convnet()) == KERAS["summaries"]["mnist_convnet"]


def test_functional_convnet_summary_is_tf_keras_s():
    inputs = layers.Input(shape=(32, 32, 3))
    x = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inputs)
    x = layers.AveragePooling2D(3, strides=1, padding="same")(x)
    x = layers.Conv2D(8, 1, groups=2)(x)
    x = layers.GlobalMaxPooling2D()(x)
    model = Model(inputs, layers.Dense(2)(x))
    assert summary_lines(model) == KERAS["summaries"]["functional_convnet"]


def test_conv1d_summary_is_tf_keras_s():
    model = Sequential([
        layers.Input(shape=(20, 4)),
        layers.Conv1D(8, 5, padding="causal", dilation_rate=2, activation="relu"),
        layers.MaxPooling1D(2),
        layers.Conv1D(4, 3, strides=2),
        layers.GlobalAveragePooling1D(),
    ])
    assert summary_lines(model) == KERAS["summaries"]["conv1d_sequential"]


def tiny_convnet():
    return Sequential([
        layers.Input(shape=(8, 8, 2)),
        layers.Conv2D(4, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(2),
        layers.Conv2D(3, 2, strides=2, activation="tanh"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(3, activation="softmax"),
    ])


def test_two_epochs_of_fit_follow_tf_keras():
    data = np.load(os.path.join(DATA, "conv_fit.npz"))
    model = tiny_convnet()
    count = len(model.get_weights())
    model.set_weights([data[f"initial{i}"] for i in range(count)])
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(data["x"], data["y"], batch_size=16, epochs=2, shuffle=False, verbose=0)
    expected = KERAS["fit"]["history"]
    np.testing.assert_allclose(history.history["loss"], expected["loss"], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(history.history["accuracy"], expected["accuracy"], atol=1e-6)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, data[f"final{i}"], rtol=1e-4, atol=1e-4,
                                   err_msg=f"weight {i}")


ERRORS = {  # fixture name: how tracekeras is asked the same thing
    "conv2d_on_2d_input": lambda: layers.Conv2D(2, 3)(layers.Input((5,))),
    "conv2d_on_3d_input": lambda: layers.Conv2D(2, 3)(layers.Input((5, 4))),
    "conv1d_on_2d_input": lambda: layers.Conv1D(2, 3)(layers.Input((5,))),
    "conv2d_filters_zero": lambda: layers.Conv2D(0, 3),
    "conv2d_kernel_size_zero": lambda: layers.Conv2D(1, (0, 3)),
    "conv2d_kernel_size_three_ints": lambda: layers.Conv2D(1, (1, 2, 3)),
    "conv2d_strides_and_dilation": lambda: layers.Conv2D(1, 3, strides=2, dilation_rate=2),
    "conv2d_bad_padding": lambda: layers.Conv2D(1, 3, padding="full"),
    "conv2d_causal_padding": lambda: layers.Conv2D(1, 3, padding="causal"),
    "conv2d_groups_filters": lambda: layers.Conv2D(3, 3, groups=2),
    "conv2d_groups_channels": lambda: layers.Conv2D(4, 3, groups=2)(layers.Input((5, 5, 3))),
    "conv2d_bad_data_format": lambda: layers.Conv2D(1, 3, data_format="nhwc"),
    "conv2d_transpose_output_padding_too_large":
        lambda: layers.Conv2DTranspose(2, 3, strides=2, output_padding=2),
    "conv2d_transpose_on_5d_input":
        lambda: layers.Conv2DTranspose(2, 3)(layers.Input((4, 4, 4, 2))),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_arguments_and_input_raise_what_tf_keras_raises(name):
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_a_call_with_other_channels_is_refused_by_the_input_spec():
    layer = layers.Conv2D(2, 3)
    layer(np.zeros((1, 4, 4, 2), np.float32))
    assert (error_of(lambda: layer(np.zeros((1, 4, 4, 3), np.float32)))
            == KERAS["errors"]["conv2d_channels_changed"])


def test_a_kernel_larger_than_the_input_is_a_value_error_naming_the_layer():
    # tf_keras fails inside the TensorFlow op ("Negative dimension size caused by subtracting
    # 3 from 2"); tracekeras's shape rule refuses the same input first.
    assert KERAS["errors"]["conv2d_kernel_larger_than_input"][0] == "ValueError"
    kind, message = error_of(lambda: layers.Conv2D(1, 3)(layers.Input((2, 2, 1))))
    assert kind == "ValueError"
    assert "due to downsampling in conv2d" in message and "[None, 2, 2, 1]" in message


def test_aliases_are_the_same_classes():
    assert layers.Convolution2D is layers.Conv2D
    assert layers.Convolution1D is layers.Conv1D
    assert layers.Convolution2DTranspose is layers.Conv2DTranspose


def test_unknown_spatial_size_gives_unknown_output_size():
    inputs = layers.Input(shape=(None, None, 3))
    outputs = layers.Conv2D(4, 3, strides=2, padding="same")(inputs)
    assert outputs.shape == (None, None, None, 4)
    model = Model(inputs, outputs)
    assert model(np.zeros((2, 9, 7, 3), np.float32)).shape == (2, 5, 4, 4)


def functional_convnet():
    inputs = layers.Input(shape=(12, 10, 2))
    x = layers.Conv2D(4, 3, padding="same", activation="relu", name="c1")(inputs)
    x = layers.MaxPool2D(2)(x)
    x = layers.Conv1D(3, 2, name="c2")(layers.Reshape((6, 20))(x))
    x = layers.GlobalAvgPool1D()(x)
    return Model(inputs, layers.Dense(2)(x))


@pytest.mark.parametrize("make", [mnist_convnet, functional_convnet])
def test_config_round_trip_rebuilds_the_same_model(make):
    model = make()
    clone = type(model).from_config(model.get_config())
    assert [type(layer).__name__ for layer in clone.layers] == \
        [type(layer).__name__ for layer in model.layers]
    assert [layer.get_config() for layer in clone.layers] == \
        [layer.get_config() for layer in model.layers]
    clone.set_weights(model.get_weights())
    x = np.random.default_rng(0).standard_normal((2,) + model.input_shape[1:]).astype(np.float32)
    np.testing.assert_array_equal(clone(x).value, model(x).value)


def test_build_trace_has_each_conv2d_build_with_its_kernel_then_bias():
    with tracekeras.trace(level="full") as t:
        mnist_convnet()
    spans = {r["id"]: r for r in t.records if r["ph"] == "B"}
    builds = [r for r in spans.values()
              if r["name"] == "keras.layers.convolutional.base_conv.Conv.build"]
    assert [(r["args"]["layer"], r["args"]["input_shape"]) for r in builds] == [
        ("conv2d", [None, 28, 28, 1]), ("conv2d_1", [None, 13, 13, 32])]
    for build in builds:
        weights = [r for r in spans.values() if r["parent"] == build["id"]
                   and r["name"] == "keras.engine.base_layer.Layer.add_weight"]
        assert [(w["args"]["weight"], w["args"]["shape"]) for w in weights] == [
            ("kernel", [3, 3, build["args"]["input_shape"][-1], 32 if build is builds[0] else 64]),
            ("bias", [32 if build is builds[0] else 64])]


def test_conv2d_transpose_build_is_traced_under_its_own_name():
    with tracekeras.trace(level="full") as t:
        layers.Conv2DTranspose(8, 3, strides=2)(layers.Input((7, 7, 4)))
    names = [(r["name"], (r.get("args") or {}).get("weight")) for r in t.records
             if r["ph"] == "B" and r["name"].endswith(("Conv2DTranspose.build", "add_weight"))]
    assert names == [
        ("keras.layers.convolutional.conv2d_transpose.Conv2DTranspose.build", None),
        ("keras.engine.base_layer.Layer.add_weight", "kernel"),
        ("keras.engine.base_layer.Layer.add_weight", "bias")]


def test_tracing_leaves_a_convnet_fit_bit_identical():
    data = np.load(os.path.join(DATA, "conv_fit.npz"))

    def fit():
        model = tiny_convnet()
        model.set_weights([data[f"initial{i}"] for i in range(len(model.get_weights()))])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        history = model.fit(data["x"], data["y"], batch_size=16, epochs=2, shuffle=False,
                            verbose=0)
        return history.history["loss"], model.get_weights()
    plain_loss, plain_weights = fit()
    with tracekeras.trace(level="full"):
        traced_loss, traced_weights = fit()
    assert plain_loss == traced_loss
    for plain, traced in zip(plain_weights, traced_weights):
        np.testing.assert_array_equal(plain, traced)
