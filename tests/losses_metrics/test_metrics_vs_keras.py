"""Metric results after several update_state batches, against real Keras (tf_keras 2.21
reference)."""
import numpy as np
import pytest

from tracekeras import metrics

from .helpers import array, labels, load

CASES = load("metrics")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_metric_result_matches_keras(case):
    metric = getattr(metrics, case["metric"])(**case["config"])
    for y_true, y_pred, sample_weight in case["batches"]:
        args = [labels(y_true)] + ([] if y_pred is None else [array(y_pred)])
        metric.update_state(*args, sample_weight=array(sample_weight))
    result = metric.result()
    assert np.asarray(result).dtype == np.float32
    np.testing.assert_allclose(result, np.asarray(case["result"], np.float32), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reset_state_then_replay_gives_the_same_result(case):
    metric = getattr(metrics, case["metric"])(**case["config"])
    for _ in range(2):
        metric.reset_state()
        for y_true, y_pred, sample_weight in case["batches"]:
            args = [labels(y_true)] + ([] if y_pred is None else [array(y_pred)])
            metric.update_state(*args, sample_weight=array(sample_weight))
    np.testing.assert_allclose(metric.result(), np.asarray(case["result"], np.float32),
                               rtol=1e-5, atol=1e-6)
