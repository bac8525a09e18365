"""A gradient TensorFlow hands over as IndexedSlices comes marked (``IndexedSlicesGradient``)
in the same cases (data/tf_indexed_slices.json, made by make_indexed_slices_fixtures.py):
a gather from the first axis, an embedding lookup, several of them added up; not a
gather mixed with a dense use, nor one along another axis. The values are the dense sum
either way; arithmetic on a marked gradient gives a plain array."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session
from tracekeras.backend.tape import IndexedSlicesGradient, indexed_slices

from . import indexed_slices_scenarios

with open(os.path.join(os.path.dirname(__file__), "data", "tf_indexed_slices.json")) as f:
    TF = json.load(f)


@pytest.fixture(scope="module")
def ours():
    clear_session()
    with shim.activated():
        import tensorflow
        return indexed_slices_scenarios.cases(tensorflow)


@pytest.mark.parametrize("case", sorted(k for k in TF if k != "_source"))
def test_the_gradient_is_sliced_where_tensorflow_s_is(ours, case):
    assert ours[case]["indexed_slices"] == TF[case]["indexed_slices"]
    if "dense" in TF[case]:
        np.testing.assert_allclose(ours[case]["dense"], TF[case]["dense"], rtol=1e-6)


def test_arithmetic_on_a_marked_gradient_gives_a_plain_array():
    g = indexed_slices(np.ones((2, 3), "float32"))
    assert type(g) is IndexedSlicesGradient
    for result in (g * 2, g + g, np.sqrt(g), -g):
        assert type(result) is np.ndarray
    assert type(np.asarray(g)) is np.ndarray
