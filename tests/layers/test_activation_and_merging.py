"""Softmax, ReLU, LeakyReLU, ELU, PReLU, Rescaling, Lambda and the merge layers against
tf_keras 2.21: outputs, gradients, weight names, configs, summaries and errors
(numbers from data/layers.npz, written by make_layer_fixtures.py)."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, clear_session
from tracekeras.models import Model, Sequential

from .layer_helpers import ARRAYS, KERAS, assert_case, keras_error, summary_lines

ACTIVATION_CASES = ["softmax", "softmax_axis1", "relu", "relu_max_slope_threshold", "relu6",
                    "relu_slope", "relu_threshold", "leaky_relu", "leaky_relu_alpha", "elu",
                    "elu_alpha", "prelu", "prelu_shared", "rescaling"]
MERGE_CASES = ["multiply", "average", "subtract", "maximum", "minimum", "multiply_broadcast",
               "dot", "dot_normalize", "dot_3d", "dot_3d_mixed"]


@pytest.mark.parametrize("name", ACTIVATION_CASES + MERGE_CASES)
def test_layer_matches_tf_keras(name):
    assert_case(name)


@pytest.mark.parametrize("name", ACTIVATION_CASES + MERGE_CASES)
def test_compute_output_shape_matches_tf_keras(name):
    case = KERAS["cases"][name]
    layer = getattr(layers, case["class_name"])(**case["config"])
    shapes = [(None,) + ARRAYS[f"{name}/x{i}"].shape[1:] for i in range(case["inputs"])]
    result = layer.compute_output_shape(shapes if len(shapes) > 1 else shapes[0])
    assert list(result) == case["compute_output_shape"]


def test_leaky_relu_default_slope_is_tf_keras_0_3():
    assert KERAS["cases"]["leaky_relu"]["keras_config"]["alpha"] == pytest.approx(0.3)
    assert layers.LeakyReLU().get_config()["alpha"] == pytest.approx(0.3)


def test_prelu_weight_shape_and_input_spec():
    clear_session()
    layer = layers.PReLU(shared_axes=[1])
    layer(np.zeros((2, 3, 4), "float32"))
    assert layer.alpha.shape == (1, 4)
    assert layer.alpha.name == "p_re_lu/alpha:0"
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 4|axis"):
        layer(np.zeros((2, 3, 5), "float32"))


def test_softmax_mask_gives_masked_positions_no_weight():
    x = np.array([[1.0, 2.0, 3.0, 4.0]], "float32")
    mask = np.array([[True, True, False, True]])
    out = layers.Softmax()(x, mask=mask).value
    assert out[0, 2] == 0.0
    kept = np.exp([1.0, 2.0, 4.0]) / np.exp([1.0, 2.0, 4.0]).sum()
    np.testing.assert_allclose(out[0, [0, 1, 3]], kept, rtol=1e-6)


def test_softmax_over_two_axes():
    x = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32")
    out = layers.Softmax(axis=(1, 2))(x).value
    np.testing.assert_allclose(out.sum(axis=(1, 2)), 1.0, rtol=1e-6)


def test_lambda_forward_gradient_and_output_shape():
    layer = layers.Lambda(lambda t: t * 2.0 + 1.0)
    x = Tensor(np.arange(6, dtype="float32").reshape(2, 3))
    with GradientTape() as tape:
        tape.watch(x)
        out = layer(x)
    np.testing.assert_array_equal(out.value, np.arange(6).reshape(2, 3) * 2 + 1)
    np.testing.assert_array_equal(tape.gradient(out, x), np.full((2, 3), 2.0))
    assert layer.compute_output_shape((None, 3)) == (None, 3)
    assert layers.Lambda(lambda t: t, output_shape=(5,)).compute_output_shape((7, 3)) == (7, 5)


def test_lambda_config_round_trip_as_tf_keras():
    assert KERAS["errors"]["lambda_config_roundtrip"] is None   # tf_keras rebuilds it too
    config = layers.Lambda(lambda t: t + 1.0, name="plus_one").get_config()
    assert config["function_type"] == "lambda"
    assert config["output_shape_type"] == "raw"
    again = layers.Lambda.from_config(config)
    np.testing.assert_array_equal(again(np.zeros((1, 2), "float32")).value, [[1.0, 1.0]])


def named_square(t):
    return t * t


def test_lambda_named_function_config():
    config = layers.Lambda(named_square).get_config()
    assert (config["function"], config["function_type"]) == ("named_square", "function")
    assert config["module"] == __name__
    again = layers.Lambda.from_config(config)
    np.testing.assert_array_equal(again(np.full((1, 2), 3.0, "float32")).value, [[9.0, 9.0]])


def test_summary_of_activation_layers():
    clear_session()
    model = Sequential([layers.Input((8,)), layers.Dense(16), layers.LeakyReLU(),
                        layers.ReLU(max_value=6.0), layers.ELU(), layers.PReLU(),
                        layers.Rescaling(0.5), layers.Lambda(lambda t: t * 2),
                        layers.Dense(4), layers.Softmax()])
    assert summary_lines(model) == KERAS["summaries"]["activations"]


def test_summary_of_merge_layers_and_functional_forms():
    clear_session()
    a, b = layers.Input((4,)), layers.Input((4,))
    outs = [layers.Multiply()([a, b]), layers.Average()([a, b]), layers.Subtract()([a, b]),
            layers.Maximum()([a, b]), layers.Minimum()([a, b]), layers.Dot(axes=1)([a, b])]
    outs += [layers.multiply([a, b]), layers.average([a, b]), layers.subtract([a, b]),
             layers.maximum([a, b]), layers.minimum([a, b]), layers.dot([a, b], axes=1)]
    model = Model([a, b], layers.Concatenate()(outs))
    assert summary_lines(model) == KERAS["summaries"]["merging"]


def test_summary_of_the_tensorflow_quickstart():
    clear_session()
    model = Sequential([layers.Flatten(input_shape=(28, 28)),
                        layers.Dense(128, activation="relu"), layers.Dropout(0.2),
                        layers.Dense(10)])
    assert summary_lines(model) == KERAS["summaries"]["quickstart"]
    probability = Sequential([model, layers.Softmax()])
    out = probability(np.zeros((1, 28, 28), "float32"))
    np.testing.assert_allclose(out.value.sum(), 1.0, rtol=1e-6)
    assert summary_lines(probability) == KERAS["summaries"]["quickstart_probability"]


BAD_INPUTS = {
    "relu_negative_max": lambda: layers.ReLU(max_value=-1.0),
    "relu_negative_slope": lambda: layers.ReLU(negative_slope=-0.5),
    "relu_negative_threshold": lambda: layers.ReLU(threshold=-0.5),
    "leaky_relu_none": lambda: layers.LeakyReLU(alpha=None),
    "elu_none": lambda: layers.ELU(alpha=None),
    "dot_axes_type": lambda: layers.Dot(axes="a"),
    "dot_axes_len": lambda: layers.Dot(axes=(1,)),
    "dot_axes_items": lambda: layers.Dot(axes=(1, 1.5)),
    "dot_mismatch": lambda: layers.Dot(axes=1)([layers.Input((4,)), layers.Input((5,))]),
    "dot_three": lambda: layers.Dot(axes=1)([layers.Input((4,))] * 3),
    "subtract_three": lambda: layers.Subtract()([layers.Input((4,))] * 3),
    "multiply_mismatch": lambda: layers.Multiply()([layers.Input((4,)), layers.Input((5,))]),
    "merge_not_list": lambda: layers.Maximum()(layers.Input((4,))),
}


@pytest.mark.parametrize("key", sorted(BAD_INPUTS))
def test_bad_input_raises_what_tf_keras_raises(key):
    kind, message = keras_error(key)
    with pytest.raises(Exception) as info:
        BAD_INPUTS[key]()
    assert (type(info.value).__name__, str(info.value)) == (kind, message)
