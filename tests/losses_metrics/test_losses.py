"""Losses against hand-computed NumPy values: reductions, sample weights, logits both ways."""
import numpy as np
import pytest

from tracekeras import losses
from tracekeras.backend import GradientTape, Tensor, Variable, nn

EPS = 1e-7
LOGITS = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0], [1.0, -2.0, 0.5]],
                  np.float32)
LABELS = np.array([0, 2, 2, 1])


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def log_softmax(x):
    s = x - x.max(-1, keepdims=True)
    return s - np.log(np.exp(s).sum(-1, keepdims=True))


def per_sample_sparse(logits, labels):
    return -log_softmax(logits.astype(np.float64))[np.arange(len(labels)), labels]


@pytest.mark.parametrize("reduction, combine", [
    ("auto", lambda v, w: (v * w).sum() / v.size),
    ("sum_over_batch_size", lambda v, w: (v * w).sum() / v.size),
    ("sum", lambda v, w: (v * w).sum()),
    ("none", lambda v, w: v * w),
])
def test_reductions_with_sample_weight(reduction, combine):
    w = np.array([1.0, 0.0, 2.0, 0.5], np.float32)
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, reduction=reduction)
    value = loss(LABELS[:, None], Tensor(LOGITS), sample_weight=w)
    expected = combine(per_sample_sparse(LOGITS, LABELS), w)
    np.testing.assert_allclose(value.value, expected, rtol=1e-6)


def test_sum_over_batch_size_divides_by_elements_not_by_the_weights():
    # Keras: a zero weight still counts in the denominator.
    w = np.array([1.0, 0.0, 0.0, 0.0], np.float32)
    value = losses.SparseCategoricalCrossentropy(from_logits=True)(LABELS, Tensor(LOGITS),
                                                                   sample_weight=w)
    assert value.value == pytest.approx(per_sample_sparse(LOGITS, LABELS)[0] / 4, rel=1e-6)


def test_sample_weight_column_is_squeezed_and_a_scalar_broadcasts():
    v = per_sample_sparse(LOGITS, LABELS)
    loss = losses.SparseCategoricalCrossentropy(from_logits=True)
    col = loss(LABELS, Tensor(LOGITS), sample_weight=np.array([[1.0], [2.0], [3.0], [4.0]]))
    assert col.value == pytest.approx((v * [1, 2, 3, 4]).mean(), rel=1e-6)
    scalar = loss(LABELS, Tensor(LOGITS), sample_weight=3.0)
    assert scalar.value == pytest.approx(3 * v.mean(), rel=1e-6)


def test_probabilities_are_clipped_but_softmax_outputs_use_their_logits():
    hard = np.array([[40.0, 0.0, 0.0]], np.float32)   # softmax puts ~1e-18 on the others
    label = np.array([1])
    from_probs = losses.sparse_categorical_crossentropy(label,
                                                        Tensor(softmax(hard).astype(np.float32)))
    assert from_probs.value[0] == pytest.approx(-np.log(EPS), rel=1e-4)   # clipped at 1e-7
    from_softmax = losses.sparse_categorical_crossentropy(label, nn.softmax(hard))
    assert from_softmax.value[0] == pytest.approx(40.0, rel=1e-6)         # the logits formula


def test_from_logits_true_on_a_softmax_output_still_uses_the_logits_and_warns():
    with pytest.warns(UserWarning, match="received `from_logits=True`, but the `output` argument "
                                         "was produced by a Softmax activation"):
        value = losses.sparse_categorical_crossentropy(LABELS, nn.softmax(LOGITS), from_logits=True)
    np.testing.assert_allclose(value.value, per_sample_sparse(LOGITS, LABELS), rtol=1e-6)


def test_categorical_crossentropy_both_ways():
    onehot = np.eye(3, dtype=np.float32)[LABELS]
    expected = per_sample_sparse(LOGITS, LABELS)
    probs = softmax(LOGITS).astype(np.float32)
    np.testing.assert_allclose(losses.categorical_crossentropy(onehot, Tensor(probs)).value,
                               expected, rtol=1e-5)
    np.testing.assert_allclose(
        losses.categorical_crossentropy(onehot, Tensor(LOGITS), from_logits=True).value,
        expected, rtol=1e-6)
    # label smoothing: y * (1 - ls) + ls / num_classes
    smooth = onehot * 0.9 + 0.1 / 3
    np.testing.assert_allclose(
        losses.categorical_crossentropy(onehot, Tensor(LOGITS), from_logits=True,
                                        label_smoothing=0.1).value,
        -(smooth * log_softmax(LOGITS)).sum(-1), rtol=1e-5)


def test_binary_crossentropy_both_ways_and_sigmoid_shortcut():
    y = np.array([[1.0, 0.0], [0.0, 1.0]], np.float32)
    x = np.array([[2.0, -1.0], [30.0, -30.0]], np.float32)
    p = 1 / (1 + np.exp(-x.astype(np.float64)))
    xd = x.astype(np.float64)
    exact = (np.maximum(xd, 0) - xd * y + np.log1p(np.exp(-np.abs(xd)))).mean(-1)
    np.testing.assert_allclose(losses.binary_crossentropy(y, Tensor(x), from_logits=True).value,
                               exact, rtol=1e-6)
    np.testing.assert_allclose(losses.binary_crossentropy(y, nn.sigmoid(x)).value, exact, rtol=1e-6)
    eps32 = np.float32(EPS)   # Keras clips in float32: to [1e-7, 1 - 1e-7 rounded to float32]
    pc = np.clip(p.astype(np.float32), eps32, np.float32(1) - eps32).astype(np.float64)
    clipped = -(y * np.log(pc + EPS) + (1 - y) * np.log(1 - pc + EPS)).mean(-1)
    np.testing.assert_allclose(losses.binary_crossentropy(y, Tensor(p.astype(np.float32))).value,
                               clipped, rtol=1e-4)


REGRESSION = [
    ("mean_squared_error", lambda t, p: ((p - t) ** 2).mean(-1)),
    ("mean_absolute_error", lambda t, p: np.abs(p - t).mean(-1)),
    ("mean_absolute_percentage_error",
     lambda t, p: 100 * np.abs((t - p) / np.maximum(np.abs(t), EPS)).mean(-1)),
    ("mean_squared_logarithmic_error",
     lambda t, p: ((np.log(np.maximum(p, EPS) + 1)
                    - np.log(np.maximum(t, EPS) + 1)) ** 2).mean(-1)),
    ("huber", lambda t, p: np.where(np.abs(p - t) <= 1, 0.5 * (p - t) ** 2,
                                    np.abs(p - t) - 0.5).mean(-1)),
    ("log_cosh", lambda t, p: np.log(np.cosh(p - t)).mean(-1)),
    ("poisson", lambda t, p: (p - t * np.log(p + EPS)).mean(-1)),
    ("kl_divergence", lambda t, p: (np.clip(t, EPS, 1) * np.log(np.clip(t, EPS, 1) /
                                                                 np.clip(p, EPS, 1))).sum(-1)),
    ("cosine_similarity", lambda t, p: -(t * p).sum(-1) / np.linalg.norm(t, axis=-1) /
     np.linalg.norm(p, axis=-1)),
    ("hinge", lambda t, p: np.maximum(1 - t * p, 0).mean(-1)),
    ("squared_hinge", lambda t, p: (np.maximum(1 - t * p, 0) ** 2).mean(-1)),
]


@pytest.mark.parametrize("name, formula", REGRESSION, ids=[r[0] for r in REGRESSION])
def test_regression_losses(name, formula):
    rng = np.random.default_rng(3)
    t = rng.uniform(0.1, 2.0, size=(5, 3)).astype(np.float32)
    p = rng.uniform(0.1, 2.0, size=(5, 3)).astype(np.float32)
    if "hinge" in name:
        t = np.where(t > 1, 1.0, -1.0).astype(np.float32)
    value = getattr(losses, name)(t, Tensor(p))
    np.testing.assert_allclose(value.value, formula(t.astype(np.float64), p.astype(np.float64)),
                               rtol=2e-5, atol=1e-6)


def test_hinge_turns_01_labels_into_pm1():
    p = np.array([[0.3, -0.4]], np.float32)
    assert losses.hinge(np.array([[1.0, 0.0]]), Tensor(p)).value[0] == pytest.approx(
        np.maximum(1 - np.array([1, -1]) * p[0], 0).mean())


def test_categorical_hinge():
    t = np.array([[0.0, 1.0, 0.0]], np.float32)
    p = np.array([[0.5, 0.2, 0.9]], np.float32)
    # pos = 0.2, neg = max((1 - t) * p) = 0.9 -> max(0.9 - 0.2 + 1, 0)
    assert losses.categorical_hinge(t, Tensor(p)).value[0] == pytest.approx(1.7)


def test_ignore_class_masks_and_averages_over_valid_entries():
    labels = np.array([0, 2, 7, 1])      # 7 is ignored (also out of range: no error then)
    value = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=7)(
        labels, Tensor(LOGITS))
    v = per_sample_sparse(LOGITS, np.array([0, 2, 0, 1]))
    assert value.value == pytest.approx((v[0] + v[1] + v[3]) / 3, rel=1e-6)


def test_temporal_sparse_labels_keep_the_time_axis():
    logits = np.random.default_rng(0).normal(size=(2, 3, 4)).astype(np.float32)
    labels = np.array([[0, 1, 3], [2, 2, 0]])
    per = losses.SparseCategoricalCrossentropy(from_logits=True, reduction="none")(
        labels[..., None], Tensor(logits))
    assert per.shape == (2, 3)
    expected = -np.take_along_axis(log_softmax(logits), labels[..., None], -1)[..., 0]
    np.testing.assert_allclose(per.value, expected, rtol=1e-5)


def test_float64_inputs_stay_float64():
    value = losses.MeanSquaredError()(np.zeros((2, 2)), Tensor(np.ones((2, 2))))
    assert value.dtype == np.float64 and value.value == 1.0


def test_loss_is_differentiable_with_sample_weights():
    w = Variable(LOGITS.copy(), name="w")
    with GradientTape() as tape:
        value = losses.SparseCategoricalCrossentropy()(LABELS, nn.softmax(w),
                                                       sample_weight=np.array([1, 2, 0, 1.0]))
    grad = tape.gradient(value, w)
    expected = (softmax(LOGITS) - np.eye(3)[LABELS]) * np.array([1, 2, 0, 1.0])[:, None] / 4
    np.testing.assert_allclose(grad, expected, rtol=1e-5, atol=1e-7)


def test_a_user_loss_subclass_and_a_user_function():
    class Doubled(losses.Loss):
        def call(self, y_true, y_pred):
            return 2 * np.abs(np.asarray(y_true) - y_pred.value).mean(-1)   # NumPy, no gradient

    value = Doubled(reduction="sum")(np.zeros((2, 2)), Tensor(np.ones((2, 2), np.float32)))
    assert value.value == pytest.approx(4.0)

    def my_loss(y_true, y_pred):
        return losses.mean_squared_error(y_true, y_pred) * 3.0

    wrapped = losses.LossFunctionWrapper(my_loss, name="my_loss")
    assert wrapped(np.zeros((2, 2)), Tensor(np.ones((2, 2), np.float32))).value == 3.0
    with pytest.raises(NotImplementedError):
        losses.Loss()(np.zeros(1), Tensor(np.ones(1)))
