"""keras.constraints against tf_keras 2.21 (``data/constraints.json``, made by
``make_constraint_fixtures.py`` running the same ``scenarios`` on real Keras): each
constraint's output on fixed 2-D and 4-D kernels, classes and configs, the names ``get``
resolves, ``serialize``, whole layer configs with constraints, three SGD and Adam steps of a
Dense with a MaxNorm kernel and a NonNeg bias, and the errors for bad input; then the
variable keeps its constraint, the optimizer applies it (and the trace says so), and a
model with constraints goes through a ``.keras`` file."""
import json
import os
import warnings

import numpy as np
import pytest

import tracekeras as keras
from tests.layers.make_constraint_fixtures import CASES, scenarios
from tracekeras import constraints, layers, tracing
from tracekeras.backend import Variable

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                       "constraints.json"), encoding="utf-8") as f:
    EXPECTED = json.load(f)

OURS = json.loads(json.dumps(scenarios(keras, Variable)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_constraint_projects_as_tf_keras_does(name):
    ours, expected = OURS["outputs"][name], EXPECTED["outputs"][name]
    assert ours["class_config"] == expected["class_config"]
    np.testing.assert_allclose(ours["output"], expected["output"], rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("part", ["by_name", "from_dict", "serialized", "errors"])
def test_names_configs_serialized_forms_and_errors_are_tf_keras_s(part):
    assert OURS[part] == EXPECTED[part]


@pytest.mark.parametrize("layer", sorted(EXPECTED["configs"]))
def test_a_layer_config_with_constraints_is_tf_keras_s_whole(layer):
    assert OURS["configs"][layer] == EXPECTED["configs"][layer]


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_three_steps_under_max_norm_and_non_neg_equal_tf_keras(optimizer):
    ours, expected = OURS["fits"][optimizer], EXPECTED["fits"][optimizer]
    np.testing.assert_allclose(ours["loss"], expected["loss"], rtol=1e-5)
    for mine, theirs in zip(ours["weights"], expected["weights"]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-6)
    kernel, bias = np.asarray(ours["weights"][0]), np.asarray(ours["weights"][1])
    assert np.all(np.linalg.norm(kernel, axis=0) <= 0.8 + 1e-6) and np.all(bias >= 0)


def test_the_variable_keeps_the_constraint_and_refuses_a_non_callable():
    layer = layers.Dense(2, kernel_constraint="max_norm")
    layer.build((None, 3))
    assert isinstance(layer.kernel.constraint, constraints.MaxNorm)
    assert layer.bias.constraint is None
    with pytest.raises(ValueError, match="must be None or a callable"):
        Variable(np.zeros(2), constraint=3)


def test_a_plain_function_is_a_constraint_and_serialize_warns_about_it():
    def halve(w):
        return w * 0.5
    assert constraints.get(halve) is halve
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        constraints.serialize(halve)
    assert "Constraint" in str(caught[0].message)


def test_the_optimizer_applies_the_constraint_after_the_update_and_the_trace_notes_it():
    weight = Variable(np.array([1.0, -1.0], "float32"), constraint=constraints.NonNeg())
    optimizer = keras.optimizers.SGD(learning_rate=1.0)
    with tracing.trace() as t:
        optimizer.apply_gradients([(np.array([3.0, -3.0], "float32"), weight)])
    np.testing.assert_array_equal(weight.numpy(), [0.0, 2.0])
    ends = [r for r in t.records if r["ph"] == "E" and r.get("args", {}).get("constraints")]
    assert [r["args"]["constraints"] for r in ends] == [{weight.name: "NonNeg"}]


def test_tracing_does_not_change_a_constrained_fit():
    untraced = scenarios_fit()
    with tracing.trace():
        traced = scenarios_fit()
    for a, b in zip(untraced, traced):
        np.testing.assert_array_equal(a, b)


def scenarios_fit():
    from tests.layers.make_constraint_fixtures import fit
    return [np.asarray(w) for w in fit(keras, keras.optimizers.Adam(learning_rate=0.3))["weights"]]


def test_a_model_with_constraints_goes_through_a_keras_file(tmp_path):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        layers.Dense(3, kernel_constraint=constraints.MaxNorm(1.5, axis=[0]),
                     bias_constraint="non_neg"),
        layers.PReLU(alpha_constraint=constraints.MinMaxNorm(0.1, 0.9, rate=0.5))])
    path = str(tmp_path / "constrained.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.get_config() == model.get_config()
    dense = loaded.layers[0]
    assert dense.kernel.constraint.get_config() == {"max_value": 1.5, "axis": [0]}
    assert isinstance(dense.bias.constraint, constraints.NonNeg)
    for a, b in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_the_keras_2_2_loop_applies_the_constraints_too():
    from tests.layers.make_constraint_fixtures import fit
    from tracekeras.compat import v1
    v1.disable_eager_execution()
    try:
        weights = fit(keras, keras.optimizers.SGD(learning_rate=0.5))["weights"]
    finally:
        v1.enable_eager_execution()
    for mine, theirs in zip(weights, EXPECTED["fits"]["sgd"]["weights"]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-6)
