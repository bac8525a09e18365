"""``tf.math``'s segment reductions and ``tf.gather``'s index checks against real TensorFlow.

Every case of ``segment_scenarios.CASES`` runs through the shim's ``tensorflow`` and is
compared with what TensorFlow 2.21 gave (``data/tf_segment_ops.json``, written by
``make_segment_fixtures.py``): outputs and gradients (dtype, shape, values), or the
error's class and message. Then the gradients against central differences (float64, with
ties kept away: a max's gradient is not differentiable there), and second derivatives
through ``backward_ops``.
"""
import json
import os

import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, segment_ops

from .helpers import check_gradients
from .segment_scenarios import CASES, describe

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_segment_ops.json")) as f:
    FIXTURES = json.load(f)



def test_every_case_has_a_fixture():
    assert sorted(name for name, _ in CASES) == sorted(k for k in FIXTURES if k != "_meta")


@pytest.mark.parametrize("name,call", CASES, ids=[case[0] for case in CASES])
def test_segment_op_matches_tensorflow(tf, name, call):
    got, expected = describe(call, tf), FIXTURES[name]
    assert got.keys() == expected.keys(), got
    if "error" in expected:
        assert got == expected
        return
    for key, want in expected.items():
        assert (got[key]["dtype"], got[key]["shape"]) == (want["dtype"], want["shape"]), key
        np.testing.assert_allclose(got[key]["values"], want["values"], rtol=1e-6, atol=1e-6,
                                   err_msg=key)


def test_errors_are_tensorflow_s_invalid_argument_error(tf):
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"is out of range \[0, 2\)"):
        tf.math.unsorted_segment_sum(np.ones((3, 2), "float32"), [0, 2, 1], 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"not in \[0, 3\)"):
        tf.gather(np.ones((3, 2), "float32"), [-1])


IDS = np.array([2, 0, -1, 2, 0, 1], "int64")      # a dropped row; no empty segment
SORTED_IDS = np.array([0, 0, 1, 1, 1, 2])
DATA = np.random.RandomState(3).uniform(-2, 2, (6, 3))     # distinct: no ties


@pytest.mark.parametrize("name", ["unsorted_segment_sum", "unsorted_segment_mean",
                                  "unsorted_segment_sqrt_n", "unsorted_segment_max",
                                  "unsorted_segment_min"])
def test_unsorted_gradients_are_central_differences(name):
    op = getattr(segment_ops, name)
    check_gradients(lambda x: op(x, IDS, 3), DATA)


@pytest.mark.parametrize("name", ["segment_sum", "segment_mean", "segment_max", "segment_min"])
def test_sorted_gradients_are_central_differences(name):
    op = getattr(segment_ops, name)
    check_gradients(lambda x: op(x, SORTED_IDS), DATA)


@pytest.mark.parametrize("name", ["unsorted_segment_mean", "unsorted_segment_max"])
def test_ids_over_two_axes_gradient_is_central_differences(name):
    cube = np.random.RandomState(4).uniform(-2, 2, (2, 3, 2))
    ids = np.array([[1, 0, 1], [-1, 1, 0]])
    op = getattr(segment_ops, name)
    check_gradients(lambda x: op(x, ids, 2), cube)


def first_gradient(op, x, w):
    """d sum(w * op(x ** 3)) / dx, taken on a tape."""
    with GradientTape() as tape:
        out = op(x * x * x)
    return tape.gradient(out, x, output_gradients=w)


@pytest.mark.parametrize("name", ["unsorted_segment_sum", "unsorted_segment_mean",
                                  "unsorted_segment_max", "segment_mean", "segment_min"])
def test_second_derivatives_are_central_differences_of_the_first(name):
    """d/dx sum(v * d/dx sum(w * op(x ** 3))): the outer tape goes through backward_ops."""
    unsorted = name.startswith("unsorted")
    op = getattr(segment_ops, name)
    ids = IDS if unsorted else SORTED_IDS

    def call(x):
        return op(x, ids, 3) if unsorted else op(x, ids)
    w = np.linspace(0.5, 1.5, 9).reshape(3, 3)
    v = np.linspace(-1, 1, DATA.size).reshape(DATA.shape)
    x = Variable(DATA.copy())
    with GradientTape() as outer:
        g = first_gradient(call, x, w)
    second = np.asarray(outer.gradient(g, x, output_gradients=v))

    def first_total(x_value):
        return np.sum(np.asarray(first_gradient(call, Variable(x_value), w)) * v)
    eps, numeric = 1e-6, np.zeros_like(DATA)
    for index in np.ndindex(DATA.shape):
        up, down = DATA.copy(), DATA.copy()
        up[index] += eps
        down[index] -= eps
        numeric[index] = (first_total(up) - first_total(down)) / (2 * eps)
    np.testing.assert_allclose(second, numeric, rtol=1e-5, atol=1e-6)
