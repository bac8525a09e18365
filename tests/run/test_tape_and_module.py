"""GradientTape and tf.Module as the TensorFlow Core guides use them (autodiff, basic
training loops, intro to modules), against real TensorFlow 2.21: each case of
``tape_module_cases.py`` runs on the shim's ``tf`` and must give what
``data/tape_module.json`` (``make_tape_module_fixtures.py``) recorded: the same values and
dtypes, None where TensorFlow gives None, the same error type and message (TensorFlow's
message may carry a ``{{function_node ...}}`` prefix naming its kernel; ours is its tail)."""
import json
import os
import sys

import numpy as np
import pytest

from tracekeras import shim

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tape_module_cases import CASES, outcome  # noqa: E402

with open(os.path.join(HERE, "data", "tape_module.json")) as f:
    FIXTURE = json.load(f)["cases"]


def same(ours, theirs, where):
    if isinstance(theirs, dict) and "error" in theirs:
        assert isinstance(ours, dict) and ours.get("error") == theirs["error"], (where, ours)
        assert ours["message"] and theirs["message"].endswith(ours["message"]), (where, ours)
    elif isinstance(theirs, dict) and "dtype" in theirs:
        assert isinstance(ours, dict) and ours.get("dtype") == theirs["dtype"], (where, ours)
        np.testing.assert_allclose(ours["value"], theirs["value"], rtol=1e-5, err_msg=where)
    elif isinstance(theirs, dict):
        assert isinstance(ours, dict) and sorted(ours) == sorted(theirs), (where, ours)
        for key in theirs:
            same(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, list):
        assert isinstance(ours, list) and len(ours) == len(theirs), (where, ours)
        for i, (a, b) in enumerate(zip(ours, theirs)):
            same(a, b, f"{where}[{i}]")
    else:
        assert ours == theirs, (where, ours, theirs)


def test_every_case_has_a_fixture():
    assert sorted(CASES) == sorted(FIXTURE)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_tensorflow(name):
    with shim.activated():
        import tensorflow as tf
        ours = outcome(CASES[name], tf)
    same(ours, FIXTURE[name], name)


def test_watching_an_integer_warns_with_the_dtype():
    import logging
    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)   # another test's script may have quietened it
    try:
        with shim.activated():
            import tensorflow as tf
            with tf.GradientTape() as tape:
                tape.watch(tf.constant(10))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert seen == ["The dtype of the watched tensor must be floating (e.g. tf.float32), "
                    "got tf.int32"]
