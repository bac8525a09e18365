"""Second derivatives of the backend ops: an outer tape's gradient of an inner tape's
gradient against central differences of the first-gradient function.

Every op with a differentiable backward rule (``backward_ops``) is checked on shapes
Hypothesis draws (broadcasting, batch dimensions, axes); inputs are float64 so central
differences are precise. Linear ops are squared first, so their second derivatives are
not all zero.
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tracekeras.backend import array_ops, math_ops, nn, ops

from .helpers import SETTINGS, arrays, check_second_gradients, shapes


@st.composite
def broadcast_pair(draw, low=-2.0, high=2.0, away_from=None):
    shape_a, shape_b = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3,
                                                               max_side=3)).input_shapes
    return (draw(arrays(shape_a, low, high, away_from)),
            draw(arrays(shape_b, low, high, away_from)))


BINARY = {
    "add": lambda a, b: ops.square(ops.add(a, b)),
    "subtract": lambda a, b: ops.square(ops.subtract(a, b)),
    "multiply": lambda a, b: ops.multiply(ops.multiply(a, b), a),
    "divide": lambda a, b: ops.divide(a, b),
    "maximum": lambda a, b: ops.multiply(ops.maximum(a, b), ops.multiply(a, b)),
    "where": lambda a, b: ops.where(value_of(a) > 0, ops.square(a), ops.multiply(a, b)),
}


def value_of(t):
    return np.asarray(t.value)


@pytest.mark.parametrize("name", sorted(BINARY))
@SETTINGS
@given(data=st.data())
def test_broadcasting_binary_ops(name, data):
    a, b = data.draw(broadcast_pair(low=0.5 if name == "divide" else -2.0,
                                    away_from=0.0 if name != "divide" else None))
    if name == "maximum":
        b = b + 0.3   # ties have no second derivative to compare with
    check_second_gradients(BINARY[name], a, b)


UNARY = {
    "negative": (lambda a: ops.multiply(ops.negative(a), ops.square(a)), -2.0),
    "square": (ops.square, -2.0),
    "sqrt": (ops.sqrt, 0.5),
    "exp": (ops.exp, -2.0),
    "log": (ops.log, 0.5),
    "abs": (lambda a: ops.multiply(ops.abs(a), a), -2.0),
    "pow": (lambda a: math_ops.pow(a, 3.0), -2.0),
    "sin": (math_ops.sin, -2.0),
    "cos": (math_ops.cos, -2.0),
    "log1p": (math_ops.log1p, 0.5),
    "reciprocal": (math_ops.reciprocal, 0.5),
    "rsqrt": (math_ops.rsqrt, 0.5),
    "tanh": (nn.tanh, -2.0),
    "sigmoid": (nn.sigmoid, -2.0),
    "softplus": (nn.softplus, -2.0),
    "relu": (lambda a: ops.multiply(nn.relu(a), ops.square(a)), -2.0),
    "elu": (nn.elu, -2.0),
    "leaky_relu": (lambda a: ops.multiply(nn.leaky_relu(a), a), -2.0),
    "clip_by_value": (lambda a: ops.square(ops.clip_by_value(a, -1.0, 1.0)), -2.0),
    "identity": (lambda a: ops.square(array_ops.identity(a)), -2.0),
    "cast": (lambda a: ops.square(ops.cast(a, "float64")), -2.0),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@SETTINGS
@given(data=st.data())
def test_elementwise_ops(name, data):
    fn, low = UNARY[name]
    shape = data.draw(shapes(max_dims=2))
    kinks = name in ("abs", "relu", "elu", "leaky_relu", "clip_by_value")
    x = data.draw(arrays(shape, low, 2.0, away_from=0.0 if kinks else None))
    if name == "clip_by_value":
        x = np.where(np.abs(np.abs(x) - 1) < 0.05, x * 0.9, x)
    check_second_gradients(fn, x)


def test_pow_with_a_variable_exponent():
    rng = np.random.default_rng(3)
    check_second_gradients(math_ops.pow, rng.uniform(0.5, 2, (2, 3)), rng.uniform(-2, 2, (3,)))


@SETTINGS
@given(data=st.data())
def test_matmul_with_batch_dimensions(data):
    batch = data.draw(st.sampled_from([(), (2,), (2, 1)]))
    n, k, m = (data.draw(st.integers(1, 3)) for _ in range(3))
    a = data.draw(arrays(batch + (n, k)))
    b = data.draw(arrays(data.draw(st.sampled_from([(), batch[-1:]])) + (k, m)))
    check_second_gradients(lambda x, y: ops.square(ops.matmul(x, y)), a, b)


@pytest.mark.parametrize("transpose_a, transpose_b", [(True, False), (False, True), (True, True)])
def test_matmul_with_transposed_operands(transpose_a, transpose_b):
    rng = np.random.default_rng(5)
    a = rng.normal(size=(2, 4, 3) if transpose_a else (2, 3, 4))
    b = rng.normal(size=(5, 4) if transpose_b else (4, 5))
    check_second_gradients(lambda x, y: ops.square(ops.matmul(
        x, y, transpose_a=transpose_a, transpose_b=transpose_b)), a, b)


def test_bias_add_and_a_dense_layer():
    rng = np.random.default_rng(4)
    x, w, bias = rng.normal(size=(3, 2)), rng.normal(size=(2, 4)), rng.normal(size=(4,))
    check_second_gradients(lambda x, w, b: nn.tanh(ops.bias_add(ops.matmul(x, w), b)), x, w,
                           bias)


@SETTINGS
@given(data=st.data())
def test_reductions(data):
    shape = data.draw(shapes(min_dims=1, max_dims=3))
    x = data.draw(arrays(shape))
    axis = data.draw(st.sampled_from([None, 0, -1] + ([(0, -1)] if len(shape) > 1 else [])))
    keepdims = data.draw(st.booleans())
    reduce = data.draw(st.sampled_from([ops.reduce_sum, ops.reduce_mean]))
    check_second_gradients(
        lambda a: ops.square(reduce(ops.multiply(a, a), axis=axis, keepdims=keepdims)), x)


@SETTINGS
@given(data=st.data())
def test_shape_ops(data):
    x = data.draw(arrays((2, 3, 2)))
    move = data.draw(st.sampled_from([
        lambda a: ops.reshape(a, (3, 4)),
        lambda a: array_ops.transpose(a, (2, 0, 1)),
        lambda a: array_ops.expand_dims(a, 1),
        lambda a: array_ops.squeeze(array_ops.expand_dims(a, 0)),
        lambda a: array_ops.tile(a, (1, 2, 1)),
        lambda a: ops.broadcast_to(a, (2, 2, 3, 2)),
        lambda a: ops.concatenate([a, ops.square(a)], axis=1),
        lambda a: array_ops.stack([a, ops.square(a)], axis=2),
        lambda a: a[:, 1:, 0],
        lambda a: ops.gather(a, [2, 0, 2], axis=1),
        lambda a: array_ops.unstack(a, axis=1)[1],
        lambda a: array_ops.split(a, 3, axis=1)[2],
        lambda a: math_ops.cumsum(a, axis=1),
    ]))
    check_second_gradients(lambda a: ops.multiply(ops.square(move(a)), move(a)), x)


@SETTINGS
@given(data=st.data())
def test_softmax_and_crossentropies(data):
    logits = data.draw(arrays((3, 4)))
    labels = np.random.default_rng(5).dirichlet(np.ones(4), size=3)
    kind = data.draw(st.sampled_from(["softmax", "log_softmax", "softmax_ce", "sparse_ce",
                                      "sigmoid_ce"]))
    fn = {
        "softmax": lambda a: nn.softmax(a),
        "log_softmax": lambda a: nn.log_softmax(a),
        "softmax_ce": lambda a: nn.softmax_cross_entropy_with_logits(labels, a),
        "sparse_ce": lambda a: nn.sparse_softmax_cross_entropy_with_logits(
            np.array([3, 0, 1]), a),
        "sigmoid_ce": lambda a: nn.sigmoid_cross_entropy_with_logits(labels, a),
    }[kind]
    check_second_gradients(fn, logits)


def test_the_norm_of_a_gradient():
    rng = np.random.default_rng(6)
    check_second_gradients(lambda a: array_ops.norm(ops.multiply(a, a), axis=1),
                           rng.uniform(0.5, 2, (3, 2)))
