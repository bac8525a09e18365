"""Variable and GradientTape semantics (as tf.Variable and tf.GradientTape behave)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracekeras import backend
from tracekeras.backend import GradientTape, Tensor, Variable, ops

from .helpers import SETTINGS, arrays, shapes

# -- Variable ------------------------------------------------------------------

def test_variable_name_gets_the_output_index():
    v = Variable(np.zeros(3), name="dense/kernel")
    assert v.name == "dense/kernel:0"
    assert Variable(np.zeros(1)).name == "Variable:0"


def test_variable_dtype_defaults():
    assert Variable([1.0, 2.0]).dtype == np.float32            # Python numbers -> floatx
    assert Variable(np.zeros(2, np.float64)).dtype == np.float64  # an array keeps its dtype
    assert Variable(np.zeros(2), dtype="float32").dtype == np.float32
    assert Variable(lambda: np.ones(2, np.float32)).dtype == np.float32   # an initializer call


def test_variable_copies_its_initial_value_and_numpy_returns_a_copy():
    init = np.zeros(3, np.float32)
    v = Variable(init)
    init[0] = 5
    assert v.value[0] == 0
    copy = v.numpy()
    copy[1] = 7
    assert v.value[1] == 0


def test_assign_is_in_place():
    v = Variable(np.zeros((2, 2), np.float32))
    buffer = v.value
    view = v.value[0]
    assert v.assign(np.ones((2, 2))) is v
    assert v.value is buffer and view.tolist() == [1.0, 1.0]
    v.assign_add(np.full((2, 2), 2.0))
    v.assign_sub(0.5)                                 # a scalar delta broadcasts
    assert v.value is buffer
    np.testing.assert_array_equal(v.value, np.full((2, 2), 2.5, np.float32))
    assert v.dtype == np.float32                      # float64 values were cast, not promoted
    backend.set_value(v, np.zeros((2, 2)))
    assert v.value is buffer and not v.value.any()
    got = backend.get_value(v)
    got[0, 0] = 9
    assert v.value[0, 0] == 0


@pytest.mark.parametrize("method", ["assign", "assign_add", "assign_sub"])
def test_assign_with_wrong_shape_raises_and_changes_nothing(method):
    v = Variable(np.ones((2, 3), np.float32), name="dense/kernel")
    with pytest.raises(ValueError) as info:
        getattr(v, method)(np.zeros((3, 2)))
    message = str(info.value)
    assert "dense/kernel:0" in message and "(2, 3)" in message and "(3, 2)" in message
    np.testing.assert_array_equal(v.value, np.ones((2, 3)))


def test_assign_accepts_a_tensor_and_a_variable():
    v = Variable(np.zeros(2, np.float32))
    v.assign(Tensor(np.array([1.0, 2.0], np.float32)))
    v.assign_add(Variable(np.array([1.0, 1.0], np.float32)))
    np.testing.assert_array_equal(v.value, [2.0, 3.0])


# -- GradientTape --------------------------------------------------------------

def test_trainable_variables_are_watched_and_non_trainable_are_not():
    w = Variable(np.array([1.0, 2.0]), name="w")
    frozen = Variable(np.array([3.0, 4.0]), name="frozen", trainable=False)
    with GradientTape() as tape:
        y = ops.reduce_sum(w * frozen)
    gw, gf = tape.gradient(y, [w, frozen])
    np.testing.assert_array_equal(gw, frozen.value)
    assert gf is None


def test_unconnected_source_gets_none_and_shapes_follow_sources():
    a, b = Variable(np.ones(2)), Variable(np.ones(3))
    with GradientTape() as tape:
        y = ops.reduce_sum(a * 3.0)
    grads = tape.gradient(y, [a, b])
    np.testing.assert_array_equal(grads[0], [3.0, 3.0])
    assert grads[1] is None
    with GradientTape() as tape:
        y = ops.reduce_sum(a)
    assert isinstance(tape.gradient(y, a), np.ndarray)        # a single source: no list


def test_non_persistent_tape_gives_one_gradient():
    v = Variable(np.ones(2))
    with GradientTape() as tape:
        y = ops.reduce_sum(ops.square(v))
    tape.gradient(y, v)
    with pytest.raises(RuntimeError, match="non-persistent GradientTape"):
        tape.gradient(y, v)


def test_persistent_tape_gives_many_gradients():
    v = Variable(np.array([1.0, 2.0]))
    with GradientTape(persistent=True) as tape:
        y = ops.reduce_sum(ops.square(v))
        z = ops.reduce_sum(v * 5.0)
    np.testing.assert_array_equal(tape.gradient(y, v), [2.0, 4.0])
    np.testing.assert_array_equal(tape.gradient(z, v), [5.0, 5.0])
    np.testing.assert_array_equal(tape.gradient(y, v), [2.0, 4.0])


def test_watch_makes_a_constant_differentiable():
    c = Tensor(np.array([1.0, 2.0]))
    d = Tensor(np.array([1.0, 2.0]))
    with GradientTape() as tape:
        tape.watch(c)
        y = ops.reduce_sum(c * c + d * d)
    gc, gd = tape.gradient(y, [c, d])
    np.testing.assert_array_equal(gc, [2.0, 4.0])
    assert gd is None


def test_a_source_used_twice_accumulates():
    v = Variable(np.array([3.0]))
    with GradientTape() as tape:
        y = v * v + v
    np.testing.assert_array_equal(tape.gradient(y, v), [7.0])


def test_gradient_of_a_source_with_respect_to_itself_is_the_seed():
    v = Variable(np.array([3.0, 4.0]))
    with GradientTape() as tape:
        pass
    np.testing.assert_array_equal(tape.gradient(v, v), [1.0, 1.0])


def test_ops_outside_a_tape_are_not_recorded():
    v = Variable(np.ones(2))
    out = v * 2.0
    assert not out.tracked
    with GradientTape() as tape:
        inside = v * 2.0
    assert inside.tracked and len(tape.nodes) == 1


def test_nested_tapes_each_record_only_what_ran_while_they_were_open():
    v = Variable(np.array([1.0, 2.0]))
    with GradientTape() as outer:
        a = ops.square(v)                             # outer only
        with GradientTape(persistent=True) as inner:
            b = ops.reduce_sum(a * 3.0) + ops.reduce_sum(v * 2.0)   # both tapes
        c = b + ops.reduce_sum(v)                     # outer only: the inner tape closed
    assert len(outer.nodes) == 8
    np.testing.assert_array_equal(inner.gradient(b, v), [2.0, 2.0])   # not through square
    assert inner.gradient(c, v) is None                                # c is not on the inner tape
    np.testing.assert_array_equal(outer.gradient(c, v), [9.0, 15.0])  # 6v + 2 + 1


def test_inner_tape_does_not_follow_tensors_of_the_outer_tape():
    v = Variable(np.array([1.0, 2.0]))
    with GradientTape() as outer:
        a = ops.square(v)
        with GradientTape(persistent=True) as inner:
            b = ops.reduce_sum(a * 3.0) + ops.reduce_sum(v * 2.0)
    assert len(inner.nodes) == 3                  # v * 2, its reduce_sum, the add
    assert inner.gradient(b, a) is None
    np.testing.assert_array_equal(outer.gradient(b, v), [8.0, 14.0])


def test_output_gradients_weight_the_target():
    v = Variable(np.array([1.0, 2.0]))
    with GradientTape() as tape:
        y = v * 3.0
    np.testing.assert_array_equal(tape.gradient(y, v, output_gradients=np.array([1.0, 10.0])),
                                  [3.0, 30.0])


def test_watch_a_non_trainable_variable():
    frozen = Variable(np.array([1.0, 2.0]), trainable=False)
    with GradientTape() as tape:
        tape.watch(frozen)
        y = ops.reduce_sum(frozen * frozen)
    np.testing.assert_array_equal(tape.gradient(y, frozen), [2.0, 4.0])


def test_watch_accessed_variables_false():
    v = Variable(np.array([1.0]))
    with GradientTape(watch_accessed_variables=False) as tape:
        y = v * 2.0
    assert tape.gradient(y, v) is None


def test_watch_is_per_tape():
    c = Tensor(np.array([1.0]))
    with GradientTape() as first:
        first.watch(c)
        first.gradient(c * 2.0, c)
    with GradientTape() as second:
        y = c * 3.0
    assert second.gradient(y, c) is None


# -- floatx: float32 graphs stay float32 ---------------------------------------

def f32(shape, seed=0, low=-1.0, high=1.0):
    return np.random.default_rng(seed).uniform(low, high, shape).astype(np.float32)


FLOAT32_CASES = {  # name: function of two float32 Variables (x: (3, 4), w: (4, 5))
    "dense_relu": lambda x, w: backend.nn.relu(
        ops.bias_add(ops.matmul(x, w), ops.reduce_sum(w, 0))),
    "python_scalars": lambda x, w: (x * 0.5 + 1.0 - 2.0 / (ops.abs(x) + 1.0)
                                    + ops.maximum(x, 0.0) + ops.clip_by_value(x, -0.5, 0.5)),
    "int_scalars": lambda x, w: x * 2 + 1 - x / 3,
    "numpy_float64_scalar": lambda x, w: x * np.float64(0.5),
    "reductions": lambda x, w: (ops.reduce_mean(x, axis=0)
                                + ops.reduce_sum(ops.reduce_sum(w, axis=1)[:3])),
    "unary": lambda x, w: ops.sqrt(ops.square(x) + 1.0) + ops.exp(x) + ops.log(ops.abs(x) + 1.0)
    - x,
    "activations": lambda x, w: (backend.nn.sigmoid(x) + backend.nn.tanh(x) + backend.nn.elu(x)
                                 + backend.nn.selu(x) + backend.nn.softplus(x)
                                 + backend.nn.softsign(x) + backend.nn.leaky_relu(x)
                                 + backend.nn.softmax(x) + backend.nn.log_softmax(x)),
    "sparse_ce": lambda x, w: backend.nn.sparse_softmax_cross_entropy_with_logits(
        np.array([0.0, 1.0, 3.0]), ops.matmul(x, w)),
    "softmax_ce": lambda x, w: backend.nn.softmax_cross_entropy_with_logits(
        np.eye(5)[[0, 1, 2]], ops.matmul(x, w)),
    "sigmoid_ce": lambda x, w: backend.nn.sigmoid_cross_entropy_with_logits(
        np.ones((3, 4)), x),
    "shapes": lambda x, w: ops.concatenate([ops.reshape(x, (3, 4)), ops.gather(w, [0, 1, 1])],
                                           axis=1)[1:, :],
    "where_dropout": lambda x, w: ops.where(x.value > 0, x, 0.0)
    + backend.nn.dropout(x, 0.5, np.random.default_rng(0)),
}


@pytest.mark.parametrize("name", sorted(FLOAT32_CASES))
def test_float32_graphs_stay_float32(name):
    assert backend.floatx() == "float32"
    x = Variable(f32((3, 4), 1), name="x")
    w = Variable(f32((4, 5), 2), name="w")
    with GradientTape() as tape:
        out = FLOAT32_CASES[name](x, w)
        loss = ops.reduce_mean(out)
    assert out.dtype == np.float32, out.dtype
    assert loss.dtype == np.float32
    for grad in tape.gradient(loss, [x, w]):
        assert grad is None or np.asarray(grad).dtype == np.float32, np.asarray(grad).dtype


def test_convert_uses_floatx_for_python_numbers_and_float64_lists():
    assert backend.convert(1.5).dtype == np.float32
    assert backend.convert([1.5, 2.5]).dtype == np.float32
    assert backend.convert(np.zeros(2)).dtype == np.float64      # an explicit array is kept
    assert backend.convert([1, 2]).dtype.kind == "i"


@SETTINGS
@given(x=arrays(shapes(min_dims=1), -2, 2), scalar=st.floats(-3, 3, width=32))
def test_float32_with_scalars_property(x, scalar):
    v = Variable(x.astype(np.float32))
    with GradientTape() as tape:
        out = ops.reduce_sum(v * scalar + scalar - v / (abs(scalar) + 1.0))
    assert out.dtype == np.float32
    assert tape.gradient(out, v).dtype == np.float32


def test_a_tape_records_only_the_ops_of_its_own_thread():
    """Two models trained in two threads: each thread's tape sees its own ops only.

    The order is forced: thread A opens its tape and waits while thread B computes with a
    trainable variable (watched by B's own tape) and asks for its gradient; then A computes
    and asks for its. Before tapes were per thread, B's ops landed on A's tape too.
    """
    import threading

    from tracekeras.backend.tape import GradientTape
    from tracekeras.backend.tensor import Variable

    a_open, b_done = threading.Event(), threading.Event()
    results = {}

    def thread_a():
        v = Variable(np.array([2.0], np.float32))
        with GradientTape() as tape:
            a_open.set()
            b_done.wait(10)
            y = ops.multiply(v, v)
        results["a_nodes"] = len(tape.nodes)
        results["a_grad"] = np.asarray(tape.gradient(y, v))

    def thread_b():
        a_open.wait(10)
        w = Variable(np.array([3.0], np.float32))
        with GradientTape() as tape:
            z = ops.multiply(ops.multiply(w, w), w)
        results["b_grad"] = np.asarray(tape.gradient(z, w))
        b_done.set()

    threads = [threading.Thread(target=thread_a), threading.Thread(target=thread_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert results["a_nodes"] == 1                       # v * v, and nothing of thread B
    np.testing.assert_array_equal(results["a_grad"], [4.0])
    np.testing.assert_array_equal(results["b_grad"], [27.0])


def test_a_scalar_variable_gives_a_numpy_scalar_as_tensorflow():
    """``tf.Variable(0.01).numpy()`` is ``np.float32(0.01)`` in TensorFlow 2.21 (what
    ``keras.backend.get_value`` of a learning rate prints); a vector stays an array."""
    from tracekeras.backend import Variable, get_value
    value = get_value(Variable(np.float32(0.01)))
    assert type(value) is np.float32 and value == np.float32(0.01)
    vector = Variable(np.zeros(3, "float32")).numpy()
    assert isinstance(vector, np.ndarray) and vector.shape == (3,)


def test_keras_backend_square_and_transpose():
    """``K.square(K.transpose(t)) + 10`` of Hands-On Machine Learning's chapter 12 (tf_keras
    2.21 gives [[11, 26], [14, 35], [19, 46]]), and the gradient through both."""
    t = Variable(np.array([[1., 2., 3.], [4., 5., 6.]], "float32"))
    with GradientTape() as tape:
        out = backend.square(backend.transpose(t)) + 10
    np.testing.assert_array_equal(np.asarray(out), [[11., 26.], [14., 35.], [19., 46.]])
    np.testing.assert_array_equal(np.asarray(tape.gradient(out, t)), 2 * t.numpy())


def test_a_list_of_targets_sums_their_gradients():
    """``tape.gradient([z1, z2, z3], [w1, w2])`` (Hands-On Machine Learning, chapter 12) is
    the gradient of their sum; ``output_gradients`` weigh each target, and the summed
    gradient can be differentiated again. TensorFlow 2.21 gives [136, 30], [132, 30], and
    [74, 20] then [12, 4] for the cases below."""
    from tracekeras.shim.tf_names import GradientTape as TfTape

    def f(w1, w2):
        return 3 * w1 ** 2 + 2 * w1 * w2

    w1, w2 = Variable(np.float32(5.)), Variable(np.float32(3.))
    with TfTape() as tape:
        targets = [f(w1, w2 + 2.), f(w1, w2 + 5.), f(w1, w2 + 7.)]
    assert [float(g) for g in tape.gradient(targets, [w1, w2])] == [136.0, 30.0]
    with TfTape() as tape:
        targets = [f(w1, w2 + 2.), f(w1, w2 + 5.)]
    grads = tape.gradient(targets, [w1, w2], output_gradients=[np.float32(1.), np.float32(2.)])
    assert [float(g) for g in grads] == [132.0, 30.0]
    with TfTape(persistent=True) as outer:
        with TfTape() as inner:
            targets = [f(w1, w2), f(w1, w2 + 1.)]
        grads = inner.gradient(targets, [w1, w2])
    assert [float(g) for g in grads] == [74.0, 20.0]
    assert [float(g) for g in outer.gradient(grads[0], [w1, w2])] == [12.0, 4.0]
