"""The focal crossentropies, the rate-at-rate metrics, MeanTensor, MeanRelativeError and
R2Score against real Keras (tf_keras 2.21 facts written by make_more_fixtures.py)."""
import json

import numpy as np
import pytest

from tracekeras import losses, metrics
from tracekeras.backend import Variable

from .helpers import array, labels, load
from .test_losses_vs_keras import run

LOSS_CASES = load("more_losses")
METRIC_CASES = load("more_metrics")
CONFIGS = load("more_configs")
ERRORS = load("more_errors")


@pytest.mark.parametrize("case", LOSS_CASES, ids=[c["id"] for c in LOSS_CASES])
def test_focal_loss_value_and_gradient_match_keras(case):
    loss = getattr(losses, case["loss"])(reduction=case["reduction"], **case["config"])
    source = Variable(array(case["logits"] if case["logits"] is not None else case["y_pred"]),
                      name="source")
    value, grad = run(case, loss, source)
    expected = np.asarray(case["value"], np.float32)
    assert value.shape == expected.shape
    np.testing.assert_allclose(value.value, expected, rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(grad, np.asarray(case["grad"], np.float32), rtol=1e-4, atol=1e-6)


def test_focal_loss_functions_give_per_sample_losses():
    y_true = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], np.float32)
    y_pred = np.array([[0.8, 0.3], [0.4, 0.9], [0.6, 0.2]], np.float32)
    assert losses.binary_focal_crossentropy(y_true, y_pred).shape == (3,)
    assert losses.categorical_focal_crossentropy(y_true[:2], y_pred[:2]).shape == (2,)
    assert losses.get("binary_focal_crossentropy") is losses.binary_focal_crossentropy


def update(metric, batches):
    for y_true, y_pred, sample_weight in batches:
        args = [labels(y_true)] + ([] if y_pred is None else [array(y_pred)])
        metric.update_state(*args, sample_weight=array(sample_weight))


@pytest.mark.parametrize("case", METRIC_CASES, ids=[c["id"] for c in METRIC_CASES])
def test_metric_result_matches_keras(case):
    metric = getattr(metrics, case["metric"])(**case["config"])
    update(metric, case["batches"])
    result = np.asarray(metric.result())
    expected = np.asarray(case["result"], np.float32)
    assert result.dtype == np.float32 and result.shape == expected.shape
    np.testing.assert_allclose(result, expected, rtol=1e-5, atol=1e-6)
    metric.reset_state()
    update(metric, case["batches"])
    np.testing.assert_allclose(metric.result(), expected, rtol=1e-5, atol=1e-6)


CONFIG_CASES = [("losses", c) for c in CONFIGS["losses"]] + [
    ("metrics", c) for c in CONFIGS["metrics"]]


@pytest.mark.parametrize("kind, cls", CONFIG_CASES, ids=[f"{k}.{c}" for k, c in CONFIG_CASES])
def test_config_matches_keras(kind, cls):
    expected = CONFIGS[kind][cls]
    if kind == "losses":
        obj = getattr(losses, cls)()
    elif cls in ("MeanTensor", "R2Score"):
        obj = getattr(metrics, cls)()
    elif cls == "MeanRelativeError":
        obj = metrics.MeanRelativeError([1.0, 2.0], name="m")
    else:
        obj = getattr(metrics, cls)(0.5, name="m")
    assert json.loads(json.dumps(obj.get_config(), default=str)) == expected


def refusals():
    m = metrics
    shaped = m.MeanTensor()
    shaped.update_state(np.ones((2, 3), np.float32))
    return {
        "specificity_above_one": lambda: m.SensitivityAtSpecificity(1.5),
        "sensitivity_below_zero": lambda: m.SpecificityAtSensitivity(-0.1),
        "recall_above_one": lambda: m.PrecisionAtRecall(2),
        "precision_below_zero": lambda: m.RecallAtPrecision(-1),
        "num_thresholds_zero": lambda: m.PrecisionAtRecall(0.5, num_thresholds=0),
        "mean_tensor_new_shape": lambda: shaped.update_state(np.ones((3, 2))),
        "mean_tensor_no_value": lambda: m.MeanTensor().result(),
        "r2_bad_aggregation": lambda: m.R2Score(class_aggregation="mean"),
        "r2_negative_regressors": lambda: m.R2Score(num_regressors=-1),
        "r2_one_dimensional": lambda: m.R2Score().update_state(np.ones(3), np.ones(3)),
        "cce_bool_axis": lambda: losses.categorical_crossentropy(
            [[0.0, 1.0]], [[0.3, 0.7]], axis=True),
        "focal_bool_axis": lambda: losses.categorical_focal_crossentropy(
            [[0.0, 1.0]], [[0.3, 0.7]], axis=False),
    }


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_refusals_match_keras(name):
    expected = ERRORS[name]
    with pytest.raises(ValueError) as info:
        refusals()[name]()
    assert expected["type"] == "builtins.ValueError"
    assert str(info.value) == expected["message"]


def test_mean_tensor_state_takes_the_first_shape_and_a_given_shape():
    m = metrics.MeanTensor(shape=(2,))
    assert m.total.shape == (2,) and m.count.shape == (2,)
    assert metrics.MeanTensor().total is None
    m.update_state([4.0, 6.0], sample_weight=[1.0, 0.0])
    np.testing.assert_array_equal(m.result(), np.array([4.0, 0.0], np.float32))


FUNCTIONS = load("more_functions")


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_accuracy_functions_return_tensors_as_keras(name):
    from tracekeras.backend.tensor import Tensor
    case = FUNCTIONS[name]
    value = getattr(metrics, name)(labels(case["y_true"]), array(case["y_pred"]), **case["kwargs"])
    assert isinstance(value, Tensor) == case["is_tensor"]
    assert value.numpy().dtype == np.dtype(case["dtype"])
    np.testing.assert_allclose(value.numpy(), np.asarray(case["value"], np.float32))
