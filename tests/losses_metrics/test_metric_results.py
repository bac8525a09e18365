"""``Metric.result()`` hands back a new Tensor: a custom metric whose ``result`` returns its
own weight (the Keras guide's ``CategoricalTruePositives``) gives a value that
``reset_state`` does not change afterwards. data/metric_results.json is tf_keras 2.21's
answer (tests/make_scenario_facts.py).
"""
import json
import os

import pytest

import tracekeras as keras

from .metric_result_scenarios import CASES, guide_metric_class

with open(os.path.join(os.path.dirname(__file__), "data", "metric_results.json")) as f:
    KERAS = json.load(f)["results"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_results_are_tf_keras_s(name):
    assert sorted(KERAS) == sorted(CASES)
    assert CASES[name](keras) == KERAS[name]


def test_the_result_is_not_the_weight_itself():
    metric = guide_metric_class(keras)()
    metric.update_state(None, None)
    result = metric.result()
    assert result is not metric.true_positives
    metric.update_state(None, None)
    assert float(result) == 2.0 and float(metric.result()) == 4.0
