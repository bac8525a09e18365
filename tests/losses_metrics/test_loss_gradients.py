"""Gradients of every loss (through the backend tape) against central differences, in float64."""
import numpy as np
import pytest

from tracekeras import losses
from tracekeras.backend import GradientTape, Variable, nn, ops

RNG = np.random.default_rng(7)
N, K = 4, 3
LABELS = RNG.integers(0, K, size=N)
ONEHOT = np.eye(K)[LABELS]
BINARY = RNG.integers(0, 2, size=(N, K)).astype(np.float64)
TARGET = RNG.uniform(0.2, 1.5, size=(N, K))
WEIGHTS = RNG.uniform(0.5, 2.0, size=N)

# (id, loss, y_true, activation applied to the variable, variable's range)
CASES = [
    ("scce_probs", losses.SparseCategoricalCrossentropy(), LABELS, "normalise", (0.1, 1)),
    ("scce_softmax", losses.SparseCategoricalCrossentropy(), LABELS, "softmax", (-2, 2)),
    ("scce_logits", losses.SparseCategoricalCrossentropy(from_logits=True), LABELS, None, (-2, 2)),
    ("cce_probs", losses.CategoricalCrossentropy(), ONEHOT, None, (0.1, 1)),
    (
        "cce_softmax",
        losses.CategoricalCrossentropy(label_smoothing=0.1),
        ONEHOT,
        "softmax",
        (-2, 2),
    ),
    ("cce_logits", losses.CategoricalCrossentropy(from_logits=True), ONEHOT, None, (-2, 2)),
    ("bce_probs", losses.BinaryCrossentropy(), BINARY, None, (0.05, 0.95)),
    ("bce_sigmoid", losses.BinaryCrossentropy(label_smoothing=0.2), BINARY, "sigmoid", (-2, 2)),
    ("bce_logits", losses.BinaryCrossentropy(from_logits=True), BINARY, None, (-2, 2)),
    ("mse", losses.MeanSquaredError(), TARGET, None, (-2, 2)),
    ("mae", losses.MeanAbsoluteError(), TARGET, None, (-2, 2)),
    ("mape", losses.MeanAbsolutePercentageError(), TARGET, None, (-2, 2)),
    ("msle", losses.MeanSquaredLogarithmicError(), TARGET, None, (0.1, 2)),
    ("huber", losses.Huber(delta=0.5), TARGET, None, (-2, 2)),
    ("hinge", losses.Hinge(), BINARY, None, (-2, 2)),
    ("squared_hinge", losses.SquaredHinge(), BINARY, None, (-2, 2)),
    ("categorical_hinge", losses.CategoricalHinge(), ONEHOT, None, (-2, 2)),
    ("kld", losses.KLDivergence(), ONEHOT * 0.8 + 0.05, None, (0.1, 0.9)),
    ("poisson", losses.Poisson(), TARGET, None, (0.2, 2)),
    ("log_cosh", losses.LogCosh(), TARGET, None, (-2, 2)),
    ("cosine", losses.CosineSimilarity(), TARGET, None, (-2, 2)),
]


def forward(loss, y_true, activation, x, sample_weight):
    if activation == "normalise":  # probabilities that sum to 1, not from a softmax
        pred = ops.divide(x, ops.reduce_sum(x, axis=-1, keepdims=True))
    elif activation is not None:
        pred = getattr(nn, activation)(x)
    else:
        pred = x
    return loss(y_true, pred, sample_weight=sample_weight)


def numeric_gradient(loss, y_true, activation, x0, sample_weight, h=1e-6):
    grad = np.zeros_like(x0)
    for idx in np.ndindex(x0.shape):
        up, down = x0.copy(), x0.copy()
        up[idx] += h
        down[idx] -= h
        f_up = forward(loss, y_true, activation, Variable(up, name="x"), sample_weight).value
        f_down = forward(loss, y_true, activation, Variable(down, name="x"), sample_weight).value
        grad[idx] = (f_up - f_down) / (2 * h)
    return grad


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("weighted", [False, True])
def test_gradient_matches_central_differences(case, weighted):
    _, loss, y_true, activation, (low, high) = case
    x0 = RNG.uniform(low, high, size=(N, K))
    x0[np.abs(x0) < 0.05] = 0.3  # keep |x| and hinge kinks away from the step
    sample_weight = WEIGHTS if weighted else None
    x = Variable(x0, name="x", dtype="float64")
    with GradientTape() as tape:
        value = forward(loss, y_true, activation, x, sample_weight)
    assert value.dtype == np.float64
    analytic = tape.gradient(value, x)
    numeric = numeric_gradient(loss, y_true, activation, x0, sample_weight)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)
