"""How often a layer's ``call`` runs, against tf_keras 2.21 (``make_call_count_fixtures.py``):
once when a Functional model is built, whatever dimensions are unknown (tracekeras's second
run on other placeholder sizes, to learn which output sizes follow the unknown ones, leaves
the layer's Python state as it was: lists and dicts changed in place too); and once per step
in fit with ``run_eagerly=True``. A traced fit (the default) runs the Python body of ``call``
in tf_keras only while ``tf.function`` traces the step (twice on the first step, as the
optimizer makes its variables, then never); tracekeras has no graph and runs it every step,
as tf_keras does eagerly (docs/differences.md, "No tf.function")."""
import json
import os

import pytest

import tracekeras as keras
from tests.build.call_count_cases import SHAPES, construction, fits

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "call_counts.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


def counted(record, placeholders):
    """The record without the shapes the first ``placeholders`` calls saw (Keras's symbolic
    tensors have None where tracekeras's placeholders have a size)."""
    record = dict(record)
    record["shapes"] = record["shapes"][placeholders:]
    return record


@pytest.mark.parametrize("label", sorted(SHAPES))
def test_functional_construction_runs_call_once(label):
    got = construction(keras, SHAPES[label])
    assert counted(got, 1) == counted(FACTS["construction"][label], 1)
    assert len(got["shapes"][0]) == len(FACTS["construction"][label]["shapes"][0])


def test_fit_runs_call_once_a_step_as_tf_keras_eagerly():
    expected = FACTS["fit eagerly"]
    for run_eagerly in (True, False):
        got = fits(keras, run_eagerly)
        assert counted(got["functional"], 1) == counted(expected["functional"], 1)
        assert got["subclassed"] == expected["subclassed"]
    # what tf_keras does when it traces: the difference tracekeras keeps
    assert FACTS["fit traced"]["subclassed"]["count"] == 2


def test_compute_output_shape_takes_a_shape_tuple():
    Counting = __import__("tests.build.call_count_cases", fromlist=["make"]).make(keras)[0]
    layer = Counting()
    assert layer.compute_output_shape((None, None, 3)) == (None, None, 3)
    assert layer.count == 1
