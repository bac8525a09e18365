"""Every op of tracekeras.backend.nn: forward value vs hand-written NumPy, gradient vs central
differences (Hypothesis over shapes, float64 inputs)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tracekeras.backend import GradientTape, Tensor, Variable, nn

from .helpers import SETTINGS, arrays, check_gradients, shapes


def np_softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805

ACTIVATIONS = {  # name: (op, reference, kink)
    "relu": (nn.relu, lambda x: np.maximum(x, 0), 0.0),
    "leaky_relu": (nn.leaky_relu, lambda x: np.where(x > 0, x, 0.2 * x), 0.0),
    "leaky_relu_0.3": (lambda x: nn.leaky_relu(x, alpha=0.3),
                       lambda x: np.where(x > 0, x, 0.3 * x), 0.0),
    "sigmoid": (nn.sigmoid, np_sigmoid, None),
    "tanh": (nn.tanh, np.tanh, None),
    "softplus": (nn.softplus, lambda x: np.log1p(np.exp(x)), None),
    "softsign": (nn.softsign, lambda x: x / (1 + np.abs(x)), 0.0),
    "elu": (nn.elu, lambda x: np.where(x > 0, x, np.exp(x) - 1), 0.0),
    "elu_0.5": (lambda x: nn.elu(x, alpha=0.5), lambda x: np.where(x > 0, x, 0.5 * (np.exp(x) - 1)),
                0.0),
    "selu": (nn.selu, lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * (np.exp(x) - 1)), 0.0),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@SETTINGS
@given(data=st.data())
def test_activations(name, data):
    op, reference, kink = ACTIVATIONS[name]
    x = data.draw(arrays(data.draw(shapes()), -3, 3, kink))
    np.testing.assert_allclose(op(x).value, reference(x), rtol=1e-12, atol=1e-12)
    check_gradients(op, x)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@SETTINGS
@given(data=st.data())
def test_softmax_and_log_softmax_on_any_axis(name, data):
    x = data.draw(arrays(data.draw(shapes(min_dims=1)), -3, 3))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    op = getattr(nn, name)
    expected = np_softmax(x, axis)
    np.testing.assert_allclose(op(x, axis=axis).value,
                               expected if name == "softmax" else np.log(expected), atol=1e-12)
    check_gradients(lambda t: op(t, axis=axis), x)


def test_softmax_and_sigmoid_keep_their_logits():
    x = Tensor(np.array([[1.0, 2.0]]))
    assert nn.softmax(x).keras_logits is x
    assert nn.sigmoid(x).keras_logits is x
    assert nn.relu(x).keras_logits is None


@SETTINGS
@given(x=arrays(shapes(min_dims=1), -2, 2), rate=st.sampled_from([0.0, 0.25, 0.5]))
def test_dropout_scales_kept_values_and_masks_the_gradient(x, rate):
    def op(t):
        return nn.dropout(t, rate, np.random.default_rng(7))   # the same mask every call
    keep = np.random.default_rng(7).random(x.shape) >= rate
    np.testing.assert_allclose(op(x).value, np.where(keep, x / (1 - rate), 0.0))
    check_gradients(op, x)


@st.composite
def logits_and_sparse_labels(draw):
    batch = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=2)))
    classes = draw(st.integers(2, 5))
    logits = draw(arrays(batch + (classes,), -4, 4))
    labels = draw(hnp.arrays(np.int64, batch, elements=st.integers(0, classes - 1)))
    return logits, labels


@SETTINGS
@given(case=logits_and_sparse_labels(), label_form=st.sampled_from(["int", "float", "column"]))
def test_sparse_softmax_cross_entropy(case, label_form):
    logits, labels = case
    given_labels = {"int": labels, "float": labels.astype(np.float32),   # Keras passes floats
                    "column": labels[..., None]}[label_form]
    expected = -np.log(np.take_along_axis(np_softmax(logits), labels[..., None], -1)[..., 0])
    op = nn.sparse_softmax_cross_entropy_with_logits
    np.testing.assert_allclose(op(given_labels, logits).value, expected, rtol=1e-10)
    check_gradients(lambda t: op(given_labels, t), logits)


@SETTINGS
@given(data=st.data())
def test_softmax_cross_entropy(data):
    shape = data.draw(shapes(min_dims=1, max_dims=3))
    shape = shape[:-1] + (max(shape[-1], 2),)
    logits = data.draw(arrays(shape, -4, 4))
    raw = data.draw(arrays(shape, 0.01, 1.0))
    labels = raw / raw.sum(axis=-1, keepdims=True)            # soft labels, rows sum to 1
    expected = -(labels * np.log(np_softmax(logits))).sum(axis=-1)
    op = nn.softmax_cross_entropy_with_logits
    np.testing.assert_allclose(op(labels, logits).value, expected, rtol=1e-10)
    check_gradients(lambda t: op(labels, t), logits)
    unnormalised = raw * 2                                   # TF's rule holds without normalising
    check_gradients(lambda t: op(unnormalised, t), logits)


@SETTINGS
@given(data=st.data())
def test_sigmoid_cross_entropy(data):
    shape = data.draw(shapes(min_dims=1))
    logits = data.draw(arrays(shape, -6, 6))
    labels = data.draw(arrays(shape, 0.0, 1.0))
    p = np_sigmoid(logits)
    expected = -(labels * np.log(p) + (1 - labels) * np.log(1 - p))
    op = nn.sigmoid_cross_entropy_with_logits
    np.testing.assert_allclose(op(labels, logits).value, expected, rtol=1e-9, atol=1e-12)
    check_gradients(lambda t: op(labels, t), logits)


def test_cross_entropies_are_stable_for_large_logits():
    logits = np.array([[1000.0, 0.0, -1000.0]], dtype=np.float32)
    out = nn.sparse_softmax_cross_entropy_with_logits(np.array([0]), logits).value
    np.testing.assert_allclose(out, [0.0], atol=1e-6)
    out = nn.sigmoid_cross_entropy_with_logits(np.array([0.0, 1.0], np.float32),
                                               np.array([1000.0, -1000.0], np.float32)).value
    np.testing.assert_allclose(out, [1000.0, 1000.0])
    assert np.isfinite(out).all()


def test_cross_entropy_gradient_reaches_logits_through_a_variable():
    logits = Variable(np.array([[0.5, -0.5]]))
    labels = np.array([[1.0, 0.0]])
    with GradientTape() as tape:
        loss = nn.softmax_cross_entropy_with_logits(labels, logits)
    g_logits = tape.gradient(loss, logits)
    np.testing.assert_allclose(g_logits, np_softmax(logits.value) - labels)
