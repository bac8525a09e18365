"""IoU, BinaryIoU, MeanIoU, OneHotIoU, OneHotMeanIoU, F1Score and FBetaScore against tf_keras
2.21 (``make_f_score_iou_fixtures.py``): results batch by batch, weighted or not, after a
reset, in a fit's history, and their configs (with a round trip) and refusals."""
import json
import os

import numpy as np
import pytest

from tracekeras import metrics, shim
from tracekeras.backend import clear_session

from . import f_score_iou_cases as cases

DATA = os.path.join(os.path.dirname(__file__), "data")
KERAS = dict(np.load(os.path.join(DATA, "f_score_iou.npz")))
with open(os.path.join(DATA, "f_score_iou.json")) as f:
    FACTS = json.load(f)


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def test_results_batch_by_batch(tf):
    ours = cases.results(tf)
    assert sorted(ours) == sorted(k for k in KERAS if not k.startswith("fit/"))
    for name, value in ours.items():
        assert value.dtype == KERAS[name].dtype and value.shape == KERAS[name].shape, name
        np.testing.assert_allclose(value, KERAS[name], rtol=1e-6, err_msg=name)


def test_the_fixture_tells_metrics_apart():
    """Weights, averages, thresholds and ignored classes each change a result."""
    for a, b in (("mean_iou/plain", "mean_iou/weighted"),
                 ("mean_iou/plain", "mean_iou_ignore/plain"),
                 ("f1_micro/plain", "f1_macro_threshold/plain")):
        assert not np.allclose(KERAS[a], KERAS[b]), (a, b)


def test_a_fit_logs_tf_keras_s_values(tf):
    ours = cases.fit(tf)
    assert sorted(ours) == sorted(k for k in KERAS if k.startswith("fit/"))
    for name, value in ours.items():
        np.testing.assert_allclose(value, KERAS[name], rtol=1e-5, err_msg=name)


def test_configs_refusals_and_a_round_trip(tf):
    assert cases.configs(tf) == FACTS["configs"]
    assert cases.refusals(tf) == FACTS["refusals"]
    classes = {"m": "MeanIoU", "i": "IoU", "b": "BinaryIoU", "o": "OneHotIoU",
               "om": "OneHotMeanIoU", "f": "F1Score", "fb": "FBetaScore"}
    for name, config in FACTS["configs"].items():
        metric = metrics.deserialize({"class_name": classes[name], "config": config})
        assert json.loads(json.dumps(metric.get_config())) == config, name


def test_labels_out_of_range_are_refused_before_the_state_changes():
    metric = metrics.MeanIoU(3)
    metric.update_state([0, 1], [0, 1])
    with pytest.raises(ValueError, match="`labels` out of bound"):
        metric.update_state([0, 3], [0, 1])
    assert float(metric.result()) == 1.0
