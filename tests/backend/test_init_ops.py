"""``tf.random_uniform_initializer`` against TensorFlow 2.21 (data/tf_init_ops.json, from
make_init_ops_fixtures.py): unseeded, TensorFlow's numbers of the global seed's stream,
new ones each call; seeded, the same numbers each call; its config; its errors."""
import json
import os

import numpy as np
import pytest

from . import init_ops_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_init_ops.json")) as f:
    RESULTS = json.load(f)["results"]


@pytest.mark.parametrize("case", cases.CASES, ids=[c.__name__ for c in cases.CASES])
def test_initializes_as_tensorflow_does(shim_tf, case):
    expected, mine = RESULTS[case.__name__], cases.recorded(shim_tf, case)
    if "error" in expected:
        assert mine == expected
        return
    assert json.loads(json.dumps(mine, default=str)).keys() == expected.keys()
    np.testing.assert_equal(json.loads(json.dumps(mine["value"])), expected["value"])


def test_every_case_has_a_fixture():
    assert sorted(RESULTS) == sorted(case.__name__ for case in cases.CASES)
