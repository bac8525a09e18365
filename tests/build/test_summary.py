"""model.summary() prints the table tf_keras 2.21 prints (text from data/keras_summaries.json)."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.models import Model, Sequential

with open(os.path.join(os.path.dirname(__file__), "data", "keras_summaries.json")) as f:
    KERAS = json.load(f)


def lines_of(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def seed_model():
    model = Sequential([layers.Dense(512, activation="relu"),
                        layers.Dense(10, activation="softmax")])
    model.build(input_shape=(None, 784))
    return model


def test_seed_sequential():
    model = seed_model()
    assert lines_of(model) == KERAS["seed_sequential"]
    assert lines_of(model, show_trainable=True) == KERAS["seed_sequential_trainable"]
    assert lines_of(model, line_length=80) == KERAS["seed_sequential_line80"]
    assert [layer.count_params() for layer in model.layers] == [401920, 5130]


def test_functional_seed():
    inputs = layers.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    assert lines_of(Model(inputs=inputs, outputs=outputs)) == KERAS["s4_functional"]


def test_multi_input_output_has_connected_to():
    a, b = layers.Input((3,), name="a"), layers.Input((4,), name="b")
    c = layers.Concatenate()([a, b])
    model = Model([a, b], [layers.Dense(1, name="o1")(c), layers.Dense(2, name="o2")(c)])
    assert lines_of(model) == KERAS["multi_io"]
    assert [model.input_names, model.output_names,
            [layer.name for layer in model.layers]] == KERAS["multi_io_names"]


def test_sequential_with_input_shape_and_shape_layers():
    model = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dropout(0.5), layers.Flatten(),
                        layers.Reshape((2, 2)), layers.Activation("tanh")])
    assert lines_of(model) == KERAS["sequential_misc"]
    names = ([layer.name for layer in model.layers] + [w.name for w in model.weights]
             + [model.inputs[0].name])
    assert names == KERAS["sequential_misc_names"]


def test_frozen_layer_counts_as_non_trainable():
    model = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(2)])
    model.layers[0].trainable = False
    assert lines_of(model, show_trainable=True) == KERAS["sequential_frozen"]


def test_nested_sequential():
    inner = Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(2)], name="inner")
    outer = Sequential([inner, layers.Dense(1)], name="outer")
    assert lines_of(outer) == KERAS["nested"]
    assert lines_of(outer, expand_nested=True) == KERAS["nested_expanded"]
    assert outer(np.ones((2, 2), np.float32)).shape == (2, 1)


def test_summary_before_build_is_keras_error():
    model = Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="This model has not yet been built. Build the model "
                                         "first by calling `build\\(\\)` or by calling the model "
                                         "on a batch of data."):
        model.summary()


def test_layer_range():
    model = seed_model()
    lines = lines_of(model, layer_range=["dense_1", "dense_1"])
    assert not any(line.startswith(" dense (Dense)") for line in lines)
    assert any(line.startswith(" dense_1 (Dense)") for line in lines)
    with pytest.raises(ValueError, match="layer_range must be a list or tuple of length 2"):
        model.summary(layer_range=["dense"])
