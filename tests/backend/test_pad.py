"""``tf.pad``: strings padded with a string, a scalar tensor as the amount, numbers in the
CONSTANT, REFLECT and SYMMETRIC modes and a bad mode's error, as TensorFlow 2.21 gives them
(data/tf_pad.json, made by make_pad_fixtures.py)."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import GradientTape, Variable, clear_session, ops

from .pad_cases import cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_pad.json")) as f:
    TF = json.load(f)


@pytest.fixture(scope="module")
def ours():
    clear_session()
    with shim.activated():
        import tensorflow
        return json.loads(json.dumps(cases(tensorflow)))


@pytest.mark.parametrize("case", sorted(k for k in TF if k != "_source"))
def test_pad_is_tensorflow_s(ours, case):
    assert ours[case] == TF[case]


def test_the_gradient_of_a_constant_pad_is_the_central_part():
    from tracekeras.backend.spatial import pad
    v = Variable(np.array([[1.0, 2.0]], np.float32))
    with GradientTape() as tape:
        loss = ops.reduce_sum(pad(v, [[1, 1], [2, 0]], constant_values=5.0) * 3.0)
    np.testing.assert_array_equal(tape.gradient(loss, v), [[3.0, 3.0]])
