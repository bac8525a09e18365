"""Metrics: Keras semantics by hand, Hypothesis invariants, confusion metrics by hand."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tracekeras import metrics
from tracekeras.backend import GradientTape, Variable, nn

PROBS = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3]], np.float32)
LABELS = np.array([1, 1, 2, 0])          # argmax hits on rows 0 and 2


@pytest.mark.parametrize("labels", [LABELS, LABELS[:, None], LABELS.astype(np.float32)[:, None]],
                         ids=["(n,)", "(n,1)", "(n,1) float"])
def test_sparse_categorical_accuracy_accepts_n_and_n1_labels(labels):
    matches = metrics.sparse_categorical_accuracy(labels, PROBS)
    assert matches.shape == (4,)
    np.testing.assert_array_equal(matches, [1, 0, 1, 0])
    m = metrics.SparseCategoricalAccuracy()
    m.update_state(labels, PROBS)
    assert m.result() == 0.5


def test_accuracy_functions():
    onehot = np.eye(3, dtype=np.float32)[LABELS]
    np.testing.assert_array_equal(metrics.categorical_accuracy(onehot, PROBS), [1, 0, 1, 0])
    y = np.array([[1.0, 0.0], [0.0, 0.0]], np.float32)
    p = np.array([[0.6, 0.4], [0.5, 0.51]], np.float32)
    # 0.5 is not > 0.5, so row 2 predicts [0, 1]: one of two right
    np.testing.assert_array_equal(metrics.binary_accuracy(y, p), [1.0, 0.5])
    np.testing.assert_array_equal(metrics.binary_accuracy(y, p, threshold=0.55), [1.0, 1.0])
    np.testing.assert_array_equal(metrics.accuracy(np.array([1, 2, 3]), np.array([1, 0, 3])),
                                  [1.0, 0.0, 1.0])
    # top-k: a tie at the boundary counts as in the top k (tf.math.in_top_k)
    np.testing.assert_array_equal(metrics.sparse_top_k_categorical_accuracy(LABELS, PROBS, k=2),
                                  [1, 1, 1, 1])
    np.testing.assert_array_equal(metrics.sparse_top_k_categorical_accuracy(LABELS, PROBS, k=1),
                                  [1, 0, 1, 0])


def test_accuracy_with_sample_weight_is_the_weighted_mean():
    m = metrics.SparseCategoricalAccuracy()
    m.update_state(LABELS, PROBS, sample_weight=np.array([1.0, 3.0, 1.0, 0.0]))
    assert m.result() == pytest.approx(2 / 5)


def test_metrics_never_enter_the_gradient():
    w = Variable(np.log(PROBS), name="w")
    m = metrics.SparseCategoricalCrossentropy()
    with GradientTape() as tape:
        probs = nn.softmax(w)
        m.update_state(LABELS, probs)     # a tape Tensor given to a metric is detached
    assert tape.nodes and all(node.name == "tf.nn.softmax" for node in tape.nodes)
    # and, as in Keras, the softmax output's logits were used
    expected = -np.log(PROBS[np.arange(4), LABELS].astype(np.float64)).mean()
    assert m.result() == pytest.approx(expected, rel=1e-5)


def test_mean_over_loss_batches_like_the_losses_container():
    m = metrics.Mean(name="loss")
    for value, batch in [(2.5, 128), (2.0, 128), (1.0, 44)]:
        m.update_state(np.float32(value), sample_weight=batch)
    assert m.result() == pytest.approx((2.5 * 128 + 2.0 * 128 + 44) / 300, rel=1e-7)
    assert [v.name for v in m.variables] == ["total:0", "count:0"]   # as tf_keras 2.21


def test_metric_names_and_config():
    assert metrics.AUC().name == "auc" and metrics.AUC().name == "auc_1"
    m = metrics.MeanMetricWrapper(metrics.sparse_categorical_accuracy, name="accuracy")
    m.name = "output_1_accuracy"
    assert m.name == "output_1_accuracy" and m.dtype == "float32"
    assert m.get_config() == {"name": "output_1_accuracy", "dtype": "float32",
                              "fn": metrics.sparse_categorical_accuracy}
    clone = metrics.MeanMetricWrapper.from_config(
        {"name": "acc", "dtype": "float32", "fn": "sparse_categorical_accuracy"})
    assert clone._fn is metrics.sparse_categorical_accuracy
    b = metrics.BinaryAccuracy(threshold=0.3)
    assert b.get_config() == {"name": "binary_accuracy", "dtype": "float32", "threshold": 0.3}
    again = metrics.deserialize(metrics.serialize(b))
    assert isinstance(again, metrics.BinaryAccuracy) and again.get_config() == b.get_config()


# -- Hypothesis invariants ------------------------------------------------------

values_and_weights = st.integers(1, 12).flatmap(lambda n: st.tuples(
    hnp.arrays(np.float32, n, elements=st.floats(-100, 100, width=32)),
    hnp.arrays(np.float32, n, elements=st.floats(0.0625, 10, width=32))))


@settings(max_examples=40, deadline=None)
@given(values_and_weights, st.integers(1, 5))
def test_mean_over_batches_is_the_weighted_mean(vw, n_batches):
    values, weights = vw
    m = metrics.Mean()
    for chunk_v, chunk_w in zip(np.array_split(values, n_batches),
                                np.array_split(weights, n_batches)):
        m.update_state(chunk_v, sample_weight=chunk_w)
    expected = (values.astype(np.float64) * weights).sum() / weights.astype(np.float64).sum()
    assert m.result() == pytest.approx(expected, rel=1e-4, abs=1e-3)


classification = st.integers(1, 20).flatmap(lambda n: st.tuples(
    hnp.arrays(np.int64, n, elements=st.integers(0, 3)),
    hnp.arrays(np.float32, (n, 4), elements=st.floats(0, 1, width=32)),
    st.lists(st.integers(1, n), max_size=4)))


@settings(max_examples=40, deadline=None)
@given(classification)
def test_accuracy_is_in_01_and_independent_of_batching(data):
    labels, probs, cuts = data
    whole = metrics.SparseCategoricalAccuracy()
    whole.update_state(labels, probs)
    batched = metrics.SparseCategoricalAccuracy()
    for part_l, part_p in zip(np.split(labels, sorted(set(cuts))),
                              np.split(probs, sorted(set(cuts)))):
        if len(part_l):
            batched.update_state(part_l, part_p)
    assert 0.0 <= whole.result() <= 1.0
    assert batched.result() == pytest.approx(whole.result().numpy(), abs=1e-6)


binary = st.integers(1, 30).flatmap(lambda n: st.tuples(
    hnp.arrays(np.float32, n, elements=st.sampled_from([0.0, 1.0])),
    hnp.arrays(np.float32, n, elements=st.floats(0, 1, width=32)),
    st.lists(st.integers(1, n), max_size=4)))


@settings(max_examples=40, deadline=None)
@given(binary)
def test_confusion_metrics_are_independent_of_batching(data):
    y, p, cuts = data
    for make in (metrics.AUC, lambda: metrics.AUC(curve="PR"), metrics.Precision,
                 lambda: metrics.Recall(thresholds=[0.2, 0.7])):
        whole, batched = make(), make()
        whole.update_state(y, p)
        for part_y, part_p in zip(np.split(y, sorted(set(cuts))), np.split(p, sorted(set(cuts)))):
            if len(part_y):
                batched.update_state(part_y, part_p)
        np.testing.assert_allclose(batched.result(), whole.result(), atol=1e-6)
        assert np.all((0 <= np.asarray(whole.result())) & (np.asarray(whole.result()) <= 1 + 1e-6))


# -- confusion metrics by hand ---------------------------------------------------

Y = np.array([0, 0, 1, 1, 1, 0], np.float32)
P = np.array([0.1, 0.6, 0.35, 0.8, 0.7, 0.2], np.float32)


def test_precision_and_recall_by_hand():
    # at 0.5: predicted positive = {0.6, 0.8, 0.7}: tp = 2, fp = 1; fn = 1 (0.35)
    p, r = metrics.Precision(), metrics.Recall()
    p.update_state(Y, P)
    r.update_state(Y, P)
    assert p.result() == pytest.approx(2 / 3) and r.result() == pytest.approx(2 / 3)
    p = metrics.Precision(thresholds=[0.3, 0.65])
    p.update_state(Y, P)   # 0.3: tp 3 fp 1; 0.65: tp 2 fp 0
    np.testing.assert_allclose(p.result(), [0.75, 1.0])
    top1 = metrics.Precision(top_k=1)
    top1.update_state(np.array([[0, 1, 0], [1, 0, 0]]),
                      np.array([[0.2, 0.5, 0.3], [0.1, 0.6, 0.3]]))
    assert top1.result() == pytest.approx(0.5)
    cls = metrics.Recall(class_id=2)
    cls.update_state(np.array([[0, 0, 1], [0, 0, 1]]), np.array([[0.2, 0.1, 0.7], [0.6, 0.1, 0.3]]))
    assert cls.result() == pytest.approx(0.5)


def test_auc_roc_by_hand_with_three_thresholds():
    # thresholds [-eps, 0.5, 1 + eps]: (fpr, tpr) = (1, 1), (1/3, 2/3), (0, 0)
    auc = metrics.AUC(num_thresholds=3)
    auc.update_state(Y, P)
    trapezoids = (1 - 1 / 3) * (1 + 2 / 3) / 2 + (1 / 3) * (2 / 3) / 2
    assert auc.result() == pytest.approx(trapezoids)
    minoring = metrics.AUC(num_thresholds=3, summation_method="minoring")
    minoring.update_state(Y, P)
    assert minoring.result() == pytest.approx((2 / 3) * (2 / 3))


def test_auc_roc_with_many_thresholds_is_the_rank_statistic():
    # with fine thresholds ROC AUC -> P(score of a positive > score of a negative)
    auc = metrics.AUC(num_thresholds=1000)
    auc.update_state(Y, P)
    pos, neg = P[Y == 1], P[Y == 0]
    assert auc.result() == pytest.approx((pos[:, None] > neg[None, :]).mean(), abs=1e-3)


def test_auc_pr_interpolation_by_hand():
    # Davis & Goadrich with thresholds [-eps, 0.5, 1 + eps]:
    # tp = [3, 2, 0], fp = [3, 1, 0], fn = [0, 1, 3]
    auc = metrics.AUC(num_thresholds=3, curve="PR")
    auc.update_state(Y, P)
    tp, p = np.array([3.0, 2, 0]), np.array([6.0, 3, 0])
    slope1 = (tp[0] - tp[1]) / (p[0] - p[1])
    inter1 = tp[1] - slope1 * p[1]
    first = slope1 * ((tp[0] - tp[1]) + inter1 * np.log(p[0] / p[1])) / (tp[1] + 1)
    slope2 = (tp[1] - tp[2]) / (p[1] - p[2])
    second = slope2 * (tp[1] - tp[2]) / 3      # p[2] = 0: log ratio taken as 0
    assert auc.result() == pytest.approx(first + second, rel=1e-6)


def test_auc_errors():
    with pytest.raises(ValueError, match=r'Invalid AUC curve value: "XY". Expected values are '
                                         r'\["PR", "ROC", "PR_GAIN"\]'):
        metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match="Argument `num_thresholds` must be an integer > 1. "
                                         "Received: num_thresholds=1"):
        metrics.AUC(num_thresholds=1)
    with pytest.raises(ValueError,
                       match=r"Threshold values must be in \[0, 1\]. Received: \[1.5\]"):
        metrics.Precision(thresholds=[0.5, 1.5])


def test_result_is_a_tensor_as_keras_gives_it():
    """Keras wraps each metric's ``result`` (``result_wrapper``): a caller gets a Tensor,
    so the text generation tutorial's ``mean.result().numpy()`` works; the metric's own
    ``result`` still computes with NumPy, and the logs of fit hold Python numbers."""
    from tracekeras.backend import Tensor
    mean = metrics.Mean()
    mean.update_state([1.0, 2.0])
    result = mean.result()
    assert isinstance(result, Tensor) and result.numpy() == np.float32(1.5)
    assert isinstance(metrics.Mean.result(mean), np.ndarray | np.generic)
    precision = metrics.Precision(thresholds=[0.3, 0.7])
    precision.update_state([1, 0, 1], [0.8, 0.5, 0.4])
    assert isinstance(precision.result(), Tensor)
    assert precision.result().numpy().tolist() == pytest.approx([2 / 3, 1.0])
