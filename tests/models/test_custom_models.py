"""Models as users write them (Keras guides) give tf_keras's logs, names and numbers.

Each case in scenarios.py runs under the import shim (``import tensorflow`` resolves to
tracekeras) and is compared with data/models.json, written by make_fixtures.py from
tf_keras 2.21: History keys (``<output>_loss``, ``<output>_<metric>``), per-epoch
values and ``evaluate`` results, to float32 tolerance.
"""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import scenarios

with open(os.path.join(os.path.dirname(__file__), "data", "models.json")) as f:
    KERAS = json.load(f)["cases"]


def run_case(name):
    clear_session()
    with shim.activated():
        import tensorflow as tf
        return scenarios.CASES[name](tf, tf.keras)


@pytest.mark.parametrize("name", sorted(scenarios.CASES))
def test_case_matches_tf_keras(name):
    ours, ref = run_case(name), KERAS[name]
    assert sorted(ours["history"]) == sorted(ref["history"])
    assert sorted(ours["evaluate"]) == sorted(ref["evaluate"])
    for key, values in ref["history"].items():
        np.testing.assert_allclose(ours["history"][key], values, rtol=1e-5, atol=1e-6,
                                   err_msg=key)
    for key, value in ref["evaluate"].items():
        np.testing.assert_allclose(ours["evaluate"][key], value, rtol=1e-5, atol=1e-6,
                                   err_msg=key)
    for key, value in ref.get("outputs", {}).items():
        np.testing.assert_allclose(ours["outputs"][key], value, rtol=1e-5, atol=1e-6,
                                   err_msg=key)
    for key in ("is_functional", "weights", "metrics"):
        assert ours.get(key) == ref.get(key)
