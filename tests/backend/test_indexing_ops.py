"""``tf.gather_nd``, ``tf.scatter_nd``, ``tf.tensor_scatter_nd_*``, ``tf.boolean_mask``,
``tf.unique``, ``tf.math.bincount``, ``tf.nn.embedding_lookup`` and ``tf.searchsorted``
against TensorFlow 2.21.

Every case of ``indexing_scenarios`` runs through the shim's ``tensorflow`` and is compared
with what real TensorFlow gave (``data/tf_indexing.json``, written by
``make_tf_case_fixtures.py indexing``): values, dtypes, shapes, errors (type and message),
gradients (or TensorFlow's refusal to take one); the gradients are also checked against
central differences of tracekeras's own forward, and the ops that have a second derivative
are differentiated twice.
"""
import json
import os

import numpy as np
import pytest

from . import indexing_scenarios as scenarios
from . import tf_cases

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_indexing.json")) as f:
    FIXTURES = json.load(f)



@pytest.mark.parametrize("name, call, check", scenarios.CASES, ids=[c[0] for c in scenarios.CASES])
def test_op_matches_tensorflow(tf, name, call, check):
    tf_cases.assert_same(tf_cases.outcome(call, tf), FIXTURES[name], check, name)


def weighted_sum(tf, call, inputs):
    out = call(tf, *inputs)
    return tf.reduce_sum(out * scenarios.weights(out.shape))


@pytest.mark.parametrize("name, call, names", scenarios.GRADIENTS,
                         ids=[c[0] for c in scenarios.GRADIENTS])
def test_gradient_matches_tensorflow_and_central_differences(tf, name, call, names):
    got = tf_cases.outcome(tf_cases.gradient_case, tf, scenarios, call, names)
    tf_cases.assert_same(got, FIXTURES[name], path=name, rtol=1e-5)
    if "error" not in got:
        tf_cases.assert_central_differences(tf, weighted_sum, call, scenarios.INPUTS, names,
                                            got["dict"]["gradients"]["list"])


def test_every_case_has_a_fixture():
    names = {c[0] for c in scenarios.CASES} | {c[0] for c in scenarios.GRADIENTS}
    assert names == set(FIXTURES) - {"_meta"}


@pytest.mark.parametrize("op", ["gather_nd", "scatter_nd", "update", "add"])
def test_second_derivatives_through_the_linear_ops(tf, op):
    """The gradient of the gradient: each op's backward rule is written with the other."""
    x = tf.constant(scenarios.INPUTS["rows"])
    calls = {"gather_nd": lambda v: tf.gather_nd(v, [[1, 0], [0, 1], [1, 0]]),
             "scatter_nd": lambda v: tf.scatter_nd([[2], [0]], v, [3, 2]),
             "update": lambda v: tf.tensor_scatter_nd_update(v, [[1]], [[7.0, 8.0]]),
             "add": lambda v: tf.tensor_scatter_nd_add(v, [[1], [1]], v)}
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(calls[op](x) ** 2)
        g = inner.gradient(y, x)
        z = tf.reduce_sum(g * g)
    second = outer.gradient(z, x)
    step, numeric = 1e-3, np.zeros(x.shape)
    for i in range(numeric.size):
        sums = []
        for sign in (1, -1):
            moved = scenarios.INPUTS["rows"].astype("float64").copy()
            moved.reshape(-1)[i] += sign * step
            v = tf.constant(moved.astype("float32"))
            with tf.GradientTape() as tape:
                tape.watch(v)
                y = tf.reduce_sum(calls[op](v) ** 2)
            sums.append(float(tf.reduce_sum(tape.gradient(y, v) ** 2)))
        numeric.reshape(-1)[i] = (sums[0] - sums[1]) / (2 * step)
    np.testing.assert_allclose(np.asarray(second), numeric, rtol=2e-2, atol=2e-2)
