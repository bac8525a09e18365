"""Gradients of gradients: nested tapes, a persistent tape differentiating its own
gradient, ``jacobian``/``batch_jacobian``, against real TensorFlow 2.21.

The numbers are ``data/tf_second_order.json`` (``make_second_order_fixtures.py``
with real TensorFlow, same table in ``second_order_scenarios.py``). Ops without a
differentiable backward rule refuse in one line naming the op.
"""
import json
import os

import numpy as np
import pytest

from tracekeras import shim

from .second_order_scenarios import CASES, INPUTS, JACOBIANS, TARGET_LISTS, second_order

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_second_order.json"), encoding="utf-8") as f:
    FIXTURES = json.load(f)



def assert_matches(ours, theirs, name):
    assert len(ours) == len(theirs), name
    for i, (got, want) in enumerate(zip(ours, theirs)):
        if want is None:
            assert got is None, f"{name}[{i}]: TensorFlow gives no gradient"
            continue
        assert got is not None, f"{name}[{i}]: TensorFlow gives a gradient"
        want_array = np.asarray(want["values"], np.float64).reshape(want["shape"])
        np.testing.assert_allclose(np.asarray(got, np.float64), want_array, rtol=2e-4,
                                   atol=2e-5, err_msg=f"{name}[{i}]")


@pytest.mark.parametrize("mode", ["nested", "persistent"])
@pytest.mark.parametrize("name, call, names", CASES, ids=[c[0] for c in CASES])
def test_second_derivatives_match_tensorflow(tf, name, call, names, mode):
    firsts, seconds = second_order(tf, call, names, mode=mode)
    want = FIXTURES["cases"][name]
    assert_matches(firsts, want["first"], f"{name} first")
    assert_matches(seconds, want["second"], f"{name} second")


@pytest.mark.parametrize("name, call, names", JACOBIANS + TARGET_LISTS,
                         ids=[c[0] for c in JACOBIANS + TARGET_LISTS])
def test_jacobians_and_target_lists_match_tensorflow(tf, name, call, names):
    result = call(tf, *[tf.constant(INPUTS[n]) for n in names])
    assert_matches([None if j is None else j.numpy() for j in result],
                   FIXTURES["jacobians"][name], name)


def test_the_book_acceleration_is_the_second_derivative(tf):
    """Deep Learning with Python, ch. 3: TensorFlow prints 0.0 9.8."""
    time = tf.Variable(0.0)
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            position = 4.9 * time ** 2
        speed = inner_tape.gradient(position, time)
    acceleration = outer_tape.gradient(speed, time)
    assert (float(speed), acceleration.numpy()) == (0.0, np.float32(9.8))


def test_a_gradient_inside_its_own_persistent_tape_differentiates_again(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x ** 4
        dy_dx = tape.gradient(y, x)
        d2y_dx2 = tape.gradient(dy_dx, x)
    d3y_dx3 = tape.gradient(d2y_dx2, x)
    assert [float(dy_dx), float(d2y_dx2), float(d3y_dx3)] == [32.0, 48.0, 48.0]


def test_an_outer_tape_not_following_the_gradient_sees_a_constant(tf):
    x, w = tf.Variable(1.5), tf.Variable(3.0, trainable=False)
    with tf.GradientTape(persistent=True, watch_accessed_variables=False) as outer:
        outer.watch(w)
        with tf.GradientTape() as inner:
            y = x * x * w
        g = inner.gradient(y, x)   # 2 x w: the outer tape follows w, not x
    assert float(g) == 9.0
    assert float(outer.gradient(g, w)) == 3.0 and outer.gradient(g, x) is None


@pytest.mark.parametrize("op, call", [
    ("tf.sort", lambda tf, x: tf.sort(x) * x),
    ("tf.math.reduce_prod", lambda tf, x: tf.reduce_prod(x * x)),
    ("tf.math.softsign", lambda tf, x: tf.nn.softsign(x)),
])
def test_an_op_without_a_second_order_rule_refuses_in_one_line(tf, op, call):
    x = tf.Variable([3.0, 1.0, 2.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(call(tf, x))
        g = inner.gradient(y, x)
    with pytest.raises(shim.OperationNotImplementedByTracekeras) as refused:
        outer.gradient(g, x)
    message = str(refused.value)
    assert message.startswith(f"tracekeras does not implement the gradient of the gradient of "
                              f"{op} (asked for by tf.GradientTape.gradient, used by "
                              "test_second_order.py line ")
    assert "\n" not in message


def test_first_order_gradients_under_an_outer_tape_are_the_numpy_rules(tf):
    """Taken while another tape records, a first gradient has the same numbers as alone."""
    x = tf.constant(INPUTS["x"])
    w = tf.constant(INPUTS["w"])

    def first(outer_active):
        tapes = [tf.GradientTape() for _ in range(2)]
        if outer_active:
            tapes[0].__enter__()
            tapes[0].watch(w)
        with tapes[1] as tape:
            tape.watch([x, w])
            loss = tf.reduce_mean(tf.nn.softmax(tf.matmul(x, w)) ** 2)
        grads = tape.gradient(loss, [x, w])
        if outer_active:
            tapes[0].__exit__(None, None, None)
        return [g.numpy() for g in grads]
    alone, nested = first(False), first(True)
    for a, b in zip(alone, nested):
        np.testing.assert_array_equal(a, b)


def test_a_non_persistent_tape_asked_inside_its_own_block_keeps_the_numpy_rules(tf):
    """It is used up by the call, so recording its gradient would serve nobody: the training
    loop that calls ``gradient`` inside the ``with`` block stays on the fast rules."""
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = tf.sin(x) * x
        g = tape.gradient(y, x)
    assert float(g) == pytest.approx(np.sin(2.0) + 2.0 * np.cos(2.0), rel=1e-6)
    assert tape.nodes == [] and not g.tracked


def test_output_gradients_of_another_structure_than_the_targets_are_refused(tf):
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y, z = x * 2.0, x * 3.0
    with pytest.raises(ValueError, match="2 tensors, received 1"):
        tape.gradient([y, z], x, output_gradients=[tf.ones(2)])
    # the refusal used nothing up: the non-persistent tape still gives its gradient
    assert tape.gradient([y, z], x).numpy().tolist() == [5.0, 5.0]
