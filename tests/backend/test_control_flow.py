"""``tf.cond``, ``tf.while_loop``, ``tf.switch_case``, ``tf.py_function``,
``tf.numpy_function`` and ``tf.custom_gradient`` against TensorFlow 2.21.

Every case of ``control_flow_scenarios`` runs through the shim's ``tensorflow`` and is
compared with what real TensorFlow gave (``data/tf_control_flow.json``, written by
``make_tf_case_fixtures.py``): results (tensors, Python values, containers), errors
(type and message), gradients, and a ``Dataset.map``'s ``element_spec`` and elements.
The gradients are also checked against central differences of tracekeras's own forward.
"""
import json
import os

import pytest

from . import control_flow_scenarios as scenarios
from . import tf_cases

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_control_flow.json")) as f:
    FIXTURES = json.load(f)



@pytest.mark.parametrize("name, call, check", scenarios.CASES, ids=[c[0] for c in scenarios.CASES])
def test_call_matches_tensorflow(tf, name, call, check):
    tf_cases.assert_same(tf_cases.outcome(call, tf), FIXTURES[name], check, name)


def test_custom_gradient_cases_match_tensorflow(tf):
    for name, (call, check) in scenarios.custom_cases(tf).items():
        tf_cases.assert_same(tf_cases.outcome(call), FIXTURES[name], check, name, rtol=1e-5)


def weighted_sum(tf, call, inputs):
    out = call(tf, *inputs)
    return tf.reduce_sum(out * scenarios.weights(out.shape))


@pytest.mark.parametrize("name, call, names", scenarios.GRADIENTS,
                         ids=[c[0] for c in scenarios.GRADIENTS])
def test_gradient_matches_tensorflow_and_central_differences(tf, name, call, names):
    got = tf_cases.outcome(tf_cases.gradient_case, tf, scenarios, call, names)
    tf_cases.assert_same(got, FIXTURES[name], path=name, rtol=1e-5)
    if name in ("numpy_function_gradient", "custom_reversed", "custom_two_inputs",
                "custom_two_results"):
        return   # gradients chosen to differ from the function's own (or none through it)
    grads = got["dict"]["gradients"]["list"]
    tf_cases.assert_central_differences(tf, weighted_sum, call, scenarios.INPUTS, names, grads)


@pytest.mark.parametrize("name, build", scenarios.DATASETS,
                         ids=[c[0] for c in scenarios.DATASETS])
def test_dataset_spec_and_elements_match_tensorflow(tf, name, build):
    want = FIXTURES[name]
    dataset = build(tf)
    assert repr(dataset.element_spec) == want["spec"]
    got = tf_cases.outcome(lambda: [tf_cases.encode(e) and e for e in dataset])
    if "error" in want:
        assert got["error"]["type"] == want["error"]["type"]
        assert "is double, but expects float" in got["error"]["message"]
        return
    elements = [{"python": {"type": e["tensor"]["dtype"], "value": e["tensor"]["values"]}}
                if "tensor" in e and not e["tensor"]["shape"] else e for e in got["list"]]
    tf_cases.assert_same({"list": [scalars(e) for e in elements]},
                         {"list": [scalars(e) for e in want["elements"]["list"]]}, path=name)


def scalars(encoded):
    """A dataset element with its 0-d tensors and NumPy scalars written alike."""
    if "tuple" in encoded:
        return {"tuple": [scalars(e) for e in encoded["tuple"]]}
    if "tensor" in encoded and not encoded["tensor"]["shape"]:
        return {"python": {"type": encoded["tensor"]["dtype"],
                           "value": encoded["tensor"]["values"]}}
    return encoded


def test_a_graph_packs_a_single_loop_result_but_eager_tensorflow_refuses_it(tf):
    """Eagerly TensorFlow iterates the body's result (a scalar cannot be); in a tf.function
    or a Dataset.map the graph packs it."""
    with pytest.raises(TypeError, match="Cannot iterate over a scalar tensor"):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])
    out = tf.data.Dataset.from_tensor_slices([1, 2]).map(
        lambda v: tf.while_loop(lambda i: i < 3, lambda i: i + 1, [v]))
    assert [int(e[0]) for e in out] == [3, 3]
