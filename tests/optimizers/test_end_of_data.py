"""A train function called once more than there are batches counts as tf_keras 2.21's does.

The reference (data/tf_keras_end_of_data.json, made by make_end_of_data_fixtures.py)
is each ``end_of_data`` case run by tf_keras: a filtered dataset or a generator (whose
size Keras learns only when it runs out), a dataset shorter than ``steps_per_epoch``,
a custom train step with two optimizers, an Embedding model. In the traced train
function's last call, which finds no batch, the optimizers' ops that wait for no batch
run (one more ``iterations``, the learning rate of the schedule, the weight decay);
run eagerly, that call does nothing.
"""
import json
import os

import numpy as np
import pytest

from tracekeras import shim, trace
from tracekeras.backend import clear_session

from .end_of_data import CASES, EAGER_CASES, run

with open(os.path.join(os.path.dirname(__file__), "data", "tf_keras_end_of_data.json")) as f:
    KERAS = json.load(f)

RUNS = [(case, "graph") for case in CASES] + [(case, "eager") for case in EAGER_CASES]


def ours(case, mode):
    clear_session()
    with shim.activated():
        import tensorflow
        return run(tensorflow, case, mode == "eager")


@pytest.mark.parametrize("case,mode", RUNS, ids=[f"{c}-{m}" for c, m in RUNS])
def test_fit_counts_and_updates_as_tf_keras(case, mode):
    mine, keras = ours(case, mode), KERAS[f"{case}/{mode}"]
    assert mine["iterations"] == keras["iterations"]
    assert sorted(mine["history"]) == sorted(keras["history"])
    for key, values in keras["history"].items():
        np.testing.assert_allclose(mine["history"][key], values, rtol=1e-5, err_msg=key)
    for a, b in zip(mine["weights"], keras["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    for a, b in zip(mine.get("optimizer", []), keras.get("optimizer", [])):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    if "u_product" in keras:
        np.testing.assert_allclose(mine["u_product"], keras["u_product"], rtol=1e-5)


def test_the_trace_says_what_ran_without_a_batch():
    clear_session()
    with trace() as t, shim.activated():
        import tensorflow
        run(tensorflow, "filtered/AdamW")
    found = [r for r in t.records if r.get("name") == "tf.raw_ops.IteratorGetNext"]
    assert len(found) == 1     # the first epoch's last call; then Keras knows the size
    assert found[0]["args"]["error"] == "OutOfRangeError"
    assert found[0]["args"]["ran_without_data"] == [
        "AdamW.apply_gradients"]
