"""Every op of tracekeras.backend.ops: forward value vs NumPy, gradient vs central differences.

Shapes are drawn by Hypothesis (broadcasting for the binary ops, batch
dimensions for matmul, axis/keepdims for reductions); inputs are float64 so
central differences are precise.
"""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tracekeras.backend import GradientTape, Tensor, Variable, ops

from .helpers import SETTINGS, arrays, check_gradients, shapes


@st.composite
def broadcast_pair(draw, low=-2.0, high=2.0, away_from=None):
    shape_a, shape_b = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3,
                                                               max_side=3)).input_shapes
    return (draw(arrays(shape_a, low, high, away_from)),
            draw(arrays(shape_b, low, high, away_from)))


BINARY = {
    "add": (ops.add, np.add, {}),
    "subtract": (ops.subtract, np.subtract, {}),
    "multiply": (ops.multiply, np.multiply, {}),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@SETTINGS
@given(data=st.data())
def test_broadcasting_binary_ops(name, data):
    op, reference, _ = BINARY[name]
    a, b = data.draw(broadcast_pair())
    np.testing.assert_allclose(op(a, b).value, reference(a, b))
    check_gradients(op, a, b)


@SETTINGS
@given(pair=broadcast_pair())
def test_divide_broadcasting(pair):
    a, b = pair
    b = np.where(np.abs(b) < 0.3, 0.3 + np.abs(b), b)   # keep away from zero
    np.testing.assert_allclose(ops.divide(a, b).value, a / b)
    check_gradients(ops.divide, a, b)


@pytest.mark.parametrize("name", ["maximum", "minimum"])
@SETTINGS
@given(pair=broadcast_pair())
def test_maximum_minimum_broadcasting(name, pair):
    a, b = pair
    ab = np.broadcast_arrays(a, b)
    assume(np.all(np.abs(ab[0] - ab[1]) > 1e-3))   # no ties: the kink is not differentiable
    op = getattr(ops, name)
    np.testing.assert_allclose(op(a, b).value, getattr(np, name)(a, b))
    check_gradients(op, a, b)


def test_maximum_tie_sends_gradient_to_first_input():
    a, b = Variable(np.array([1.0, 2.0])), Variable(np.array([1.0, 3.0]))
    with GradientTape() as tape:
        out = ops.maximum(a, b)
    ga, gb = tape.gradient(out, [a, b])
    np.testing.assert_array_equal(ga, [1.0, 0.0])
    np.testing.assert_array_equal(gb, [0.0, 1.0])


UNARY = {  # name: (op, numpy reference, low, high, kink to stay away from)
    "negative": (ops.negative, np.negative, -2, 2, None),
    "square": (ops.square, np.square, -2, 2, None),
    "sqrt": (ops.sqrt, np.sqrt, 0.1, 3, None),
    "exp": (ops.exp, np.exp, -2, 2, None),
    "log": (ops.log, np.log, 0.1, 3, None),
    "abs": (ops.abs, np.abs, -2, 2, 0.0),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@SETTINGS
@given(data=st.data())
def test_unary_ops(name, data):
    op, reference, low, high, kink = UNARY[name]
    x = data.draw(arrays(data.draw(shapes()), low, high, kink))
    np.testing.assert_allclose(op(x).value, reference(x))
    check_gradients(op, x)


@SETTINGS
@given(x=arrays(shapes(min_dims=1), -2, 2).filter(
    lambda v: np.all(np.abs(np.abs(v) - 0.5) > 0.01)))
def test_clip_by_value(x):
    np.testing.assert_allclose(ops.clip_by_value(x, -0.5, 0.5).value, np.clip(x, -0.5, 0.5))
    check_gradients(lambda t: ops.clip_by_value(t, -0.5, 0.5), x)


@SETTINGS
@given(x=arrays(shapes(), -2, 2))
def test_cast_float64_to_float64_and_to_float32(x):
    check_gradients(lambda t: ops.cast(t, "float64"), x)
    v = Variable(x)
    with GradientTape() as tape:
        out = ops.cast(v, "float32")
    assert out.dtype == np.float32
    g = tape.gradient(out, v, output_gradients=np.ones(x.shape, np.float32))
    assert g.dtype == np.float64                       # back to the source dtype
    np.testing.assert_array_equal(g, np.ones_like(x))


def test_cast_to_int_has_no_gradient():
    v = Variable(np.array([1.5, 2.5]))
    with GradientTape() as tape:
        out = ops.cast(v, "int32")
    assert out.dtype == np.int32
    assert tape.gradient(out, v) is None


def test_stop_gradient_blocks_the_gradient():
    v = Variable(np.array([1.0, 2.0]))
    with GradientTape() as tape:
        out = ops.multiply(ops.stop_gradient(v), v)
    np.testing.assert_array_equal(tape.gradient(out, v), [1.0, 2.0])   # only the live factor


@st.composite
def matmul_operands(draw, batch_dims=0):
    m, k, n = (draw(st.integers(1, 4)) for _ in range(3))
    batch = tuple(draw(st.integers(1, 3)) for _ in range(batch_dims))
    return draw(arrays(batch + (m, k))), draw(arrays((k, n)))


@pytest.mark.parametrize("batch_dims", [0, 1, 2])
@SETTINGS
@given(data=st.data())
def test_matmul_2d_and_batched_left_operand(batch_dims, data):
    a, b = data.draw(matmul_operands(batch_dims))
    np.testing.assert_allclose(ops.matmul(a, b).value, a @ b)
    check_gradients(ops.matmul, a, b)


def test_matmul_batched_both_operands():
    rng = np.random.default_rng(1)
    check_gradients(ops.matmul, rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 4, 5)))


@pytest.mark.parametrize("transpose_a, transpose_b", [(True, False), (False, True), (True, True)])
def test_matmul_with_transposed_operands(transpose_a, transpose_b):
    rng = np.random.default_rng(2)
    a = rng.normal(size=(2, 4, 3) if transpose_a else (2, 3, 4))
    b = rng.normal(size=(5, 4) if transpose_b else (4, 5))
    expected = (np.swapaxes(a, -1, -2) if transpose_a else a) @ (b.T if transpose_b else b)
    np.testing.assert_allclose(ops.matmul(a, b, transpose_a=transpose_a,
                                          transpose_b=transpose_b).value, expected)
    check_gradients(lambda x, y: ops.matmul(x, y, transpose_a=transpose_a,
                                            transpose_b=transpose_b), a, b)


@SETTINGS
@given(data=st.data())
def test_bias_add(data):
    shape = data.draw(shapes(min_dims=1))
    x = data.draw(arrays(shape))
    bias = data.draw(arrays(shape[-1:]))
    np.testing.assert_allclose(ops.bias_add(x, bias).value, x + bias)
    check_gradients(ops.bias_add, x, bias)


@st.composite
def array_and_axis(draw, min_dims=1):
    x = draw(arrays(draw(shapes(min_dims=min_dims))))
    axis = draw(st.none() | st.integers(-x.ndim, x.ndim - 1)
                | hnp.valid_tuple_axes(x.ndim, min_size=1))
    return x, axis, draw(st.booleans())


@pytest.mark.parametrize("name", ["reduce_sum", "reduce_mean"])
@SETTINGS
@given(case=array_and_axis())
def test_reductions(name, case):
    x, axis, keepdims = case
    op = getattr(ops, name)
    reference = np.sum if name == "reduce_sum" else np.mean
    np_axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    np.testing.assert_allclose(op(x, axis=axis, keepdims=keepdims).value,
                               reference(x, axis=np_axis, keepdims=keepdims))
    check_gradients(lambda t: op(t, axis=axis, keepdims=keepdims), x)


@SETTINGS
@given(data=st.data())
def test_reshape(data):
    x = data.draw(arrays(shapes()))
    target = data.draw(st.sampled_from([(-1,), (1, x.size), (x.size, 1), x.shape[::-1], ()]
                                       if x.size == 1 else
                                       [(-1,), (1, x.size), (x.size, 1), x.shape[::-1]]))
    np.testing.assert_array_equal(ops.reshape(x, target).value, x.reshape(target))
    check_gradients(lambda t: ops.reshape(t, target), x)


@SETTINGS
@given(data=st.data())
def test_concatenate(data):
    base = data.draw(shapes(min_dims=1))
    axis = data.draw(st.integers(-len(base), len(base) - 1))
    sizes = data.draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    parts = []
    for n in sizes:
        shape = list(base)
        shape[axis] = n
        parts.append(data.draw(arrays(tuple(shape))))
    np.testing.assert_array_equal(ops.concatenate(parts, axis=axis).value,
                                  np.concatenate(parts, axis=axis))
    check_gradients(lambda *ts: ops.concatenate(list(ts), axis=axis), *parts)


@SETTINGS
@given(data=st.data())
def test_getitem_basic_indices(data):
    x = data.draw(arrays(shapes(min_dims=1)))
    index = data.draw(hnp.basic_indices(x.shape, allow_newaxis=True))
    np.testing.assert_array_equal(ops.getitem(x, index).value, x[index])
    check_gradients(lambda t: ops.getitem(t, index), x)


@SETTINGS
@given(data=st.data())
def test_getitem_integer_array_with_repeats(data):
    x = data.draw(arrays(shapes(min_dims=1)))
    index = np.array(data.draw(st.lists(st.integers(0, x.shape[0] - 1), min_size=1,
                                        max_size=5)))
    np.testing.assert_array_equal(ops.getitem(x, index).value, x[index])
    check_gradients(lambda t: ops.getitem(t, index), x)   # repeated rows add up


@SETTINGS
@given(data=st.data())
def test_gather_with_repeats(data):
    params = data.draw(arrays(shapes(min_dims=1)))
    idx_shape = data.draw(shapes(min_dims=0, max_dims=2))
    indices = data.draw(hnp.arrays(np.int64, idx_shape,
                                   elements=st.integers(0, params.shape[0] - 1)))
    np.testing.assert_array_equal(ops.gather(params, indices).value, params[indices])
    check_gradients(lambda t: ops.gather(t, indices), params)


@SETTINGS
@given(data=st.data())
def test_where_broadcasting(data):
    sc, sa, sb = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3,
                                                             max_side=3)).input_shapes
    cond = data.draw(hnp.arrays(bool, sc))
    a, b = data.draw(arrays(sa)), data.draw(arrays(sb))
    np.testing.assert_array_equal(ops.where(cond, a, b).value, np.where(cond, a, b))
    check_gradients(lambda x, y: ops.where(cond, x, y), a, b)


def test_operators_route_through_the_ops():
    a, b = Variable(np.array([[1.0, 2.0]])), Variable(np.array([[3.0], [4.0]]))
    with GradientTape(persistent=True):
        out = (a + 1.0) * b - a / 2.0 + (-a) @ b + 2.0 / b + a[:, 0:1]
    expected = (a.value + 1) * b.value - a.value / 2 + (-a.value) @ b.value + 2 / b.value \
        + a.value[:, 0:1]
    np.testing.assert_allclose(out.value, expected)
    check_gradients(lambda x, y: (x + 1.0) * y - x / 2.0 + (-x) @ y + 2.0 / y + x[:, 0:1],
                    a.value, b.value)
    assert isinstance(out, Tensor)
