"""The TensorFlow calls of the time series tutorial: the same results as TensorFlow.

Every case of ``time_series_scenarios.CASES`` runs through the shim's ``tensorflow`` and
is compared with what real TensorFlow 2.21 returned or raised
(``data/tf_time_series_ops.json``, written by ``make_time_series_fixtures.py``): an eager
tensor's ``set_shape`` with compatible shapes (None dims, a tuple, a TensorShape, an
unknown rank) and incompatible ones (a dim, the rank), and the tutorial's
``split_window`` (slices, ``tf.stack`` of label columns, ``set_shape``).
"""
import json
import pathlib

import pytest

from .time_series_scenarios import CASES, outcome

FIXTURES = json.loads((pathlib.Path(__file__).parent / "data" / "tf_time_series_ops.json")
                      .read_text(encoding="utf-8"))


@pytest.mark.parametrize("name,call", CASES, ids=[case[0] for case in CASES])
def test_call_matches_tensorflow(shim_tf, name, call):
    assert outcome(call, shim_tf) == FIXTURES[name]


def test_every_case_has_a_fixture():
    assert sorted(FIXTURES) == sorted([name for name, _ in CASES] + ["_meta"])
    assert FIXTURES["_meta"]["tensorflow"] == "2.21.0"
