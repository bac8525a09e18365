"""``timeseries_dataset_from_array`` against tf_keras 2.21 (fixtures from
make_timeseries_fixtures.py): every batch of windows and targets, the cardinality, and
Keras's errors. A shuffled dataset is checked for the same windows with their targets: its
order comes from the draws of ``Dataset.shuffle``, which this test leaves to that method's
own tests."""
import json
import os

import numpy as np
import pytest

from tracekeras import utils
from tracekeras.preprocessing import timeseries_dataset_from_array

HERE = os.path.join(os.path.dirname(__file__), "data")
with open(os.path.join(HERE, "timeseries.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "timeseries.npz"))


def series(float64=False):
    data = np.arange(50 * 3, dtype=np.float64 if float64 else np.float32).reshape(50, 3)
    return data, np.arange(50, dtype=np.int64) * 10


def make(arguments):
    arguments = dict(arguments)
    data, targets = series(arguments.pop("float64", False))
    if arguments.pop("no_targets", False):
        targets = None
    return targets is not None, utils.timeseries_dataset_from_array(data, targets, **arguments)


def expected_batches(name, count):
    return [(ARRAYS[f"{name}/batch{i}/x"], ARRAYS.get(f"{name}/batch{i}/y"))
            for i in range(count)]


@pytest.mark.parametrize("name", sorted(n for n in KERAS["cases"] if n != "shuffled"))
def test_batches_equal_tf_keras(name):
    case = KERAS["cases"][name]
    with_targets, dataset = make(case["arguments"])
    batches = list(dataset.as_numpy_iterator())
    assert int(dataset.cardinality()) == case["cardinality"]
    assert len(batches) == case["batches"]
    for batch, (x, y) in zip(batches, expected_batches(name, case["batches"])):
        got_x, got_y = batch if with_targets else (batch, None)
        assert got_x.dtype == x.dtype
        np.testing.assert_array_equal(got_x, x)
        if with_targets:
            assert got_y.dtype == y.dtype
            np.testing.assert_array_equal(got_y, y)


def test_a_shuffled_dataset_holds_tf_keras_s_windows_with_their_targets():
    case = KERAS["cases"]["shuffled"]
    _, dataset = make(case["arguments"])
    batches = list(dataset.as_numpy_iterator())
    assert len(batches) == case["batches"]

    def pairs(of):
        return sorted((tuple(x.ravel()), int(y)) for xs, ys in of for x, y in zip(xs, ys))
    assert pairs(batches) == pairs(expected_batches("shuffled", case["batches"]))


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_bad_arguments_raise_what_tf_keras_raises(name):
    data, targets = series()
    case = KERAS["errors"][name]
    with pytest.raises(Exception) as raised:
        timeseries_dataset_from_array(data, targets, **case["arguments"])
    assert [type(raised.value).__name__, str(raised.value)] == case["raised"]
