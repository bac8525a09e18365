"""A Tensor behaves as TensorFlow's eager tensor does in Python and NumPy code.

Mixed arithmetic with NumPy stays on the tape whichever side the array is on
(a custom loss's ``y_true - y_pred`` with a NumPy ``y_true``); every Tensor,
a 0-d loss value included, converts with ``np.asarray``, ``float``, ``int``,
``bool``, ``format``, and indexes, iterates and has a ``len`` like TF's.
"""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, Variable, ops
from tracekeras.models import Sequential
from tracekeras.utils import set_random_seed


@pytest.mark.parametrize("expression", [
    lambda a, t: a - t, lambda a, t: a + t, lambda a, t: a * t, lambda a, t: a / t,
    lambda a, t: a ** t, lambda a, t: a @ ops.reshape(t, (3, 1)),
    lambda a, t: np.float32(2.0) - t, lambda a, t: a[0] * t,
], ids=["sub", "add", "mul", "div", "pow", "matmul", "numpy_scalar", "numpy_row_scalar"])
def test_numpy_on_the_left_gives_a_tensor_on_the_tape(expression):
    a = np.array([1.0, 2.0, 3.0], "float32")
    v = Variable(np.array([0.5, 1.0, 1.5], "float32"))
    with GradientTape() as tape:
        out = expression(a, v)
        loss = ops.reduce_sum(out)
    assert isinstance(out, Tensor)
    grad = tape.gradient(loss, v)
    assert grad is not None and np.all(np.isfinite(grad))


def test_numpy_functions_still_take_tensors_as_arrays():
    t = Tensor(np.array([1.0, 4.0], "float32"))
    result = np.sqrt(t)
    assert isinstance(result, np.ndarray)
    np.testing.assert_array_equal(result, [1.0, 2.0])


def test_custom_loss_with_numpy_target_first_trains():
    """``y_true - y_pred`` in a custom loss: no 'No gradients provided', the kernel moves."""
    set_random_seed(0)
    x = np.random.rand(32, 4).astype("float32")
    y = np.random.rand(32, 1).astype("float32")
    model = Sequential([layers.Dense(1)])

    def my_loss(y_true, y_pred):
        return ops.reduce_mean(ops.square(y_true - y_pred))

    model.compile(optimizer="sgd", loss=my_loss)
    model.build((None, 4))
    before = model.get_weights()[0].copy()
    model.fit(x, y, epochs=1, batch_size=16, verbose=0)
    assert not np.array_equal(before, model.get_weights()[0])


def test_batches_reach_train_step_as_tensors():
    seen = []

    class Probe(Sequential):
        def train_step(self, data):
            seen.append(data)
            return super().train_step(data)

    model = Probe([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), batch_size=2, verbose=0)
    assert all(isinstance(t, Tensor) for batch in seen for t in batch)


@pytest.fixture
def loss_value():
    """A 0-d Tensor as a loss gives it: its value a NumPy scalar, not a 0-d array."""
    return ops.reduce_mean(Tensor(np.array([1.25, 2.0], "float32")))


def test_zero_d_tensor_converts_like_tf(loss_value):
    assert isinstance(loss_value.value, np.generic)
    array = np.asarray(loss_value)
    assert isinstance(array, np.ndarray) and array.shape == () and array.dtype == np.float32
    assert float(loss_value) == 1.625 and int(loss_value) == 1
    assert bool(loss_value) is True
    assert format(loss_value, ".4f") == "1.6250"
    assert f"{loss_value:.2f}" == "1.62"
    assert loss_value.numpy() == np.float32(1.625)
    assert np.array([loss_value]).tolist() == [1.625]
    with pytest.raises(TypeError):
        len(loss_value)
    with pytest.raises(TypeError):
        iter(loss_value)


def test_tensor_indexes_iterates_and_has_len():
    t = Tensor(np.arange(6, dtype="int32").reshape(3, 2))
    assert len(t) == 3
    rows = list(t)
    assert all(isinstance(r, Tensor) for r in rows) and [r.numpy().tolist() for r in rows] == [
        [0, 1], [2, 3], [4, 5]]
    assert int(t[2, 1]) == 5
    assert t[Tensor(np.array(1, "int32"))].numpy().tolist() == [2, 3]
    assert list(range(Tensor(np.array(3, "int32")))) == [0, 1, 2]
    with pytest.raises(ValueError):
        bool(t)   # as TF: the truth value of a many-element tensor is ambiguous


def test_comparison_and_logic_operators_give_bool_tensors():
    a = Tensor(np.array([1.0, 2.0, 3.0], "float32"))
    assert (a > 1.5).numpy().tolist() == [False, True, True]
    assert ((a >= 2) & (a < 3)).numpy().tolist() == [False, True, False]
    assert (~(a <= 1)).numpy().tolist() == [False, True, True]
    assert (-a).numpy().tolist() == [-1.0, -2.0, -3.0] and abs(-a).numpy().tolist() == [1, 2, 3]


def test_numpy_array_of_a_variable_is_a_snapshot_that_updates_leave_alone():
    # np.array copies (NumPy 2 trusts __array__(copy=True) to have copied), and TensorFlow's
    # variable answers np.asarray with its value read into a new array: a script keeping
    # np.array(model.weights[0]) to compare after fit sees the old numbers
    v = Variable(np.zeros(3, "float32"))
    kept = [np.array(v), np.asarray(v), np.asarray(v, dtype="float64"), v.numpy()]
    v.assign_add(np.ones(3, "float32"))
    for array in kept:
        np.testing.assert_array_equal(array, [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(np.asarray(v), [1.0, 1.0, 1.0])


def test_f_strings_format_as_tensorflow_s():
    import json
    import os

    from tracekeras import shim

    from .tensor_format_cases import cases
    with open(os.path.join(os.path.dirname(__file__), "data", "tf_tensor_format.json")) as f:
        expected = json.load(f)["formats"]
    with shim.activated():
        import tensorflow
        assert cases(tensorflow) == expected
