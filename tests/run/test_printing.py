"""What a program prints under tracekeras is what it prints under TensorFlow 2.21: each case
of ``printing_cases.py`` (dtypes, tensors and variables as ``str``, ``repr`` and
``f"{}"``, the NumPy scalar ``numpy()`` hands back for a 0-d tensor, the warnings of a
complex-to-real cast) runs on the shim's ``tf`` and must give the lines
``data/printing.json`` (``make_printing_fixtures.py``) recorded, line for line."""
import json
import os
import sys

import numpy as np
import pytest

from tracekeras import shim

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from printing_cases import CASES, outcome  # noqa: E402

with open(os.path.join(HERE, "data", "printing.json")) as f:
    FIXTURE = json.load(f)["cases"]


def test_every_case_has_a_fixture():
    assert sorted(CASES) == sorted(FIXTURE)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_prints_as_tensorflow(name):
    with shim.activated():
        import tensorflow as tf
        ours = outcome(CASES[name], tf)
    theirs = FIXTURE[name]
    for i, (a, b) in enumerate(zip(ours, theirs)):
        assert a == b, f"{name} line {i}: {a!r} where TensorFlow prints {b!r}"
    assert len(ours) == len(theirs), name


def test_a_dtype_is_still_a_numpy_dtype_to_numpy():
    with shim.activated():
        import tensorflow as tf
        t = tf.constant([1.5, 2.0])
        assert np.zeros(2, t.dtype).dtype == np.float32
        assert np.asarray([1, 2]).astype(t.dtype).dtype == np.float32
        assert t.dtype.kind == "f" and t.dtype.itemsize == 4 and t.dtype.type is np.float32
        assert np.dtype(tf.string) == object and np.issubdtype(tf.int32, np.integer)
