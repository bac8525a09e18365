"""A list or tuple that holds tensors, given to an op, is packed as TensorFlow packs it
(data/tf_autopacking.json, from make_autopacking_fixtures.py): the same value and dtype,
the gradient reaching every tensor in it (it was converted through NumPy, off the tape,
so the keras.io MIL example's attention weights, scored by ``tf.math.softmax`` of a list,
never trained), and TensorFlow's error for tensors of two dtypes."""
import json
import os

import numpy as np
import pytest

from . import autopacking_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_autopacking.json")) as f:
    RESULTS = json.load(f)["results"]


@pytest.mark.parametrize("name, call", cases.CASES, ids=[c[0] for c in cases.CASES])
def test_packs_as_tensorflow_does(shim_tf, name, call):
    expected, mine = RESULTS[name], cases.recorded(shim_tf, call)
    if "error" in expected:
        assert mine == expected
        return
    assert mine["dtype"] == expected["dtype"]
    np.testing.assert_allclose(mine["value"], expected["value"], rtol=1e-6)
    if expected["gradients"] is None:
        assert mine["gradients"] is None
        return
    assert [g is None for g in mine["gradients"]] == [g is None for g in expected["gradients"]]
    for g, theirs in zip(mine["gradients"], expected["gradients"]):
        if theirs is not None:
            np.testing.assert_allclose(g, theirs, rtol=1e-5, atol=1e-6)


def test_every_case_has_a_fixture():
    assert sorted(RESULTS) == sorted(name for name, _ in cases.CASES)
