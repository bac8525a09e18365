"""``train_on_batch`` and ``test_on_batch`` reset the compiled metrics before their batch
(``reset_metrics=True``), so each result is its own batch's and the metrics keep it after,
as tf_keras 2.21 does (data/on_batch_metrics.json, made by make_on_batch_fixtures.py);
with ``reset_metrics=False`` they accumulate across both kinds of call."""
import json
import os

import numpy as np
import pytest

import tracekeras

from .on_batch_scenarios import cases

with open(os.path.join(os.path.dirname(__file__), "data", "on_batch_metrics.json")) as f:
    KERAS = json.load(f)["cases"]

OURS = cases(tracekeras)


@pytest.mark.parametrize("case", ["reset", "no_reset"])
def test_results_and_metric_state_after_each_call_match_tf_keras(case):
    assert [c["call"] for c in OURS[case]] == [c["call"] for c in KERAS[case]]
    for mine, theirs in zip(OURS[case], KERAS[case]):
        np.testing.assert_allclose(mine["result"], theirs["result"], rtol=1e-6)
        assert sorted(mine["state"]) == sorted(theirs["state"])
        for name, values in theirs["state"].items():
            np.testing.assert_allclose(mine["state"][name], values, rtol=1e-6)
