"""``tf.GradientTape`` as a script uses it (TensorFlow's autodiff guide, run on tracekeras).

The answers are TensorFlow 2.21's for the same lines: gradients come back as
tensors, in the structure of the sources; unconnected and non-trainable sources
get None; only floating tensors can be watched; ``persistent`` allows several
``gradient`` calls; ``watched_variables`` lists what the tape followed.
"""
import logging

import numpy as np
import pytest

from tracekeras import shim


def test_scalar_variable(tf):
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x ** 2
    dy_dx = tape.gradient(y, x)
    assert isinstance(dy_dx, tf.Tensor) and dy_dx.numpy() == 6.0


def test_list_and_dict_sources_with_a_python_list_on_the_left(tf):
    w = tf.Variable(tf.ones((3, 2)), name="w")
    b = tf.Variable(tf.zeros(2, dtype=tf.float32), name="b")
    with tf.GradientTape(persistent=True) as tape:
        y = [[1.0, 2.0, 3.0]] @ w + b
        loss = tf.reduce_mean(y ** 2)
    dl_dw, dl_db = tape.gradient(loss, [w, b])
    assert dl_dw.numpy().tolist() == [[6.0, 6.0], [12.0, 12.0], [18.0, 18.0]]
    grads = tape.gradient(loss, {"w": w, "b": b})
    assert grads["b"].numpy().tolist() == [6.0, 6.0]


def test_unconnected_non_trainable_and_computed_sources_get_none(tf):
    x0 = tf.Variable(3.0, name="x0")
    x1 = tf.Variable(3.0, name="x1", trainable=False)
    x2 = tf.Variable(2.0, name="x2") + 1.0
    x3 = tf.constant(3.0, name="x3")
    with tf.GradientTape() as tape:
        y = (x0 ** 2) + (x1 ** 2) + (x2 ** 2)
    grads = tape.gradient(y, [x0, x1, x2, x3])
    assert float(grads[0]) == 6.0 and grads[1:] == [None, None, None]
    assert [v.name for v in tape.watched_variables()] == ["x0:0"]


def test_unconnected_gradients_zero(tf):
    x, y = tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape() as tape:
        z = y * y
    assert tape.gradient(z, x, unconnected_gradients="zero").numpy() == 0.0


def test_watch_a_constant_and_persistent_tape(tf):
    x = tf.constant([1.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y
    assert tape.gradient(z, x).numpy().tolist() == [4.0, 108.0]
    assert tape.gradient(y, x).numpy().tolist() == [2.0, 6.0]


def test_integer_tensors_are_not_watched(tf, caplog):
    x = tf.constant(10)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * x
    assert tape.gradient(y, x) is None
    assert "The dtype of the watched tensor must be floating" in caplog.text


def test_leaving_the_tape_through_numpy_gives_none(tf):
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_mean(np.mean(x ** 2, axis=0), axis=0)
    assert tape.gradient(y, x) is None


def test_variable_prints_as_tf(tf):
    assert str(tf.Variable(0.0).assign_add(1.0)) == (
        "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>")
    assert tf.Variable([1, 2]).dtype == np.int32 and tf.Variable(1.5).dtype == np.float32


def test_a_gradient_of_a_gradient_is_the_second_derivative(tf):
    """Deep Learning with Python, ch. 3: acceleration as the gradient of a speed computed by an
    inner tape; TensorFlow 2.21 prints 0.0 9.8."""
    time = tf.Variable(0.0)
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            position = 4.9 * time ** 2
        speed = inner_tape.gradient(position, time)
    acceleration = outer_tape.gradient(speed, time)
    assert float(speed) == 0.0 and acceleration.numpy() == np.float32(9.8)


def test_a_gradient_through_an_op_without_a_second_order_rule_is_refused_in_one_line(tf):
    x = tf.Variable([3.0, 1.0, 2.0])
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            y = tf.reduce_sum(tf.sort(x) * tf.constant([1.0, 2.0, 3.0]) * x)
        dy_dx = inner_tape.gradient(y, x)
    with pytest.raises(shim.OperationNotImplementedByTracekeras,
                       match=r"^tracekeras does not implement the gradient of the gradient of "
                             r"tf.sort \(asked for by tf.GradientTape.gradient, used by "
                             r"test_tf_gradient_tape.py line \d+\)"):
        outer_tape.gradient(dy_dx, x)


def test_a_gradient_taken_outside_other_tapes_is_an_ordinary_tensor(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x
    g = tape.gradient(y, x)
    with tf.GradientTape() as tape2:
        z = g * x
    assert float(tape2.gradient(z, x)) == 4.0


def test_a_variable_slice_assigns_back_into_the_variable(tf):
    v = tf.Variable(tf.ones((3, 1)))
    v[0, 0].assign(3.0)
    v[1:].assign_add(tf.ones((2, 1)))
    assert v.numpy().ravel().tolist() == [3.0, 2.0, 2.0]


def test_dtype_arguments_take_tensorflow_enum_numbers(tf):
    """``tf.zeros(1, 1)`` (in the subclassing guide) is a float32 zero: 1 is DT_FLOAT."""
    assert tf.zeros(1, 1).dtype == np.float32 and tf.zeros(1, 1).shape == (1,)
    assert tf.as_dtype(3) == tf.int32 and tf.ones((2,), 9).dtype == np.int64
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`: 99"):
        tf.zeros(1, 99)


def test_clip_by_value_takes_tensorflow_argument_names(tf):
    x = tf.constant([-1.0, 0.5, 2.0])
    clipped = tf.clip_by_value(x, clip_value_min=0.0, clip_value_max=1.0)
    assert clipped.numpy().tolist() == [0.0, 0.5, 1.0]
