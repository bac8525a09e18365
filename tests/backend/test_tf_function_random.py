"""Random ops inside a script's ``tf.function`` draw TensorFlow's numbers under a seed
(data/tf_function_random.json, made by make_tf_function_random_fixtures.py with
TensorFlow 2.21): the traced graph's seeds, kernels that go on from call to call, a new
graph (kernels afresh) for another shape or Python value or object, and an eager stream
that the function's ops leave alone."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim

from .tf_function_random_scenarios import CASES

with open(os.path.join(os.path.dirname(__file__), "data", "tf_function_random.json")) as f:
    TENSORFLOW = json.load(f)


@pytest.fixture
def tf():
    with shim.activated():
        import tensorflow
        yield tensorflow
        tensorflow.random.set_seed(None)


def assert_close(got, want, path):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for key in want:
            assert_close(got[key], want[key], f"{path}.{key}")
    elif isinstance(want, list) and any(isinstance(w, list) for w in want):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            assert_close(g, w, f"{path}[{i}]")
    else:
        np.testing.assert_allclose(np.asarray(got, dtype=float), np.asarray(want, dtype=float),
                                   rtol=1e-6, atol=1e-7, err_msg=path)


@pytest.mark.parametrize("name,run", CASES, ids=[name for name, _ in CASES])
def test_random_ops_in_a_tf_function_draw_tensorflows_numbers(tf, name, run):
    assert_close(run(tf), TENSORFLOW[name], name)


def test_every_case_has_a_fixture():
    assert sorted(TENSORFLOW) == sorted([name for name, _ in CASES] + ["_source"])
