"""``tf.io.gfile`` and ``tf.io.write_file`` against TensorFlow 2.21.

The steps of ``gfile_scenarios`` run in order in a new empty folder through the shim's
``tensorflow``, and each outcome (value, or error type and message) is compared with what
real TensorFlow gave for the same step (``data/tf_gfile.json``, written by
``make_tf_case_fixtures.py gfile``).
"""
import json
import os

import pytest

from tracekeras.shim import NOT_IMPLEMENTED

from . import gfile_scenarios as scenarios
from . import tf_cases

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_gfile.json")) as f:
    FIXTURES = json.load(f)



def test_steps_match_tensorflow(tf):
    with tf_cases.inside_new_folder():
        for name, call, check in scenarios.STEPS:
            tf_cases.assert_same(tf_cases.outcome(call, tf), FIXTURES[name], check, name)
    assert {s[0] for s in scenarios.STEPS} == set(FIXTURES) - {"_meta"}


def test_errors_are_tf_errors(tf):
    with tf_cases.inside_new_folder():
        with pytest.raises(tf.errors.NotFoundError):
            tf.io.gfile.listdir("missing")
        with pytest.raises(tf.errors.OpError):
            tf.io.gfile.remove("missing")


def test_cloud_paths_end_in_the_one_line_error(tf):
    with pytest.raises(NOT_IMPLEMENTED, match="tracekeras does not implement tf.io.gfile on gs://"):
        tf.io.gfile.exists("gs://bucket/file")
