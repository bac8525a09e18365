"""tracekeras's callbacks print and decide exactly what tf_keras 2.21 did on the same scenarios.

The scenarios are in scenarios.py; data/keras_callbacks_reference.json is
their outcome on real tf_keras 2.21 (progress bars of fit/evaluate/predict at verbose 1
and 2 with known and unknown steps, EarlyStopping, ReduceLROnPlateau,
LearningRateScheduler, TerminateOnNaN, ModelCheckpoint, CSVLogger).
"""
import json
import os

import numpy as np
import pytest

from tracekeras import callbacks as kc
from tracekeras.callbacks import callback_list
from tracekeras.utils import progbar

from .fakes import FakeVariable
from .scenarios import run_all

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(scope="module")
def outcomes():
    saved = progbar.clock, callback_list.clock

    def set_clock(fn):
        progbar.clock = callback_list.clock = fn
    try:
        ours = run_all(kc, lambda v: FakeVariable("learning_rate", np.float32(v)), set_clock)
    finally:
        progbar.clock, callback_list.clock = saved
    with open(os.path.join(HERE, "data", "keras_callbacks_reference.json")) as f:
        keras = json.load(f)
    assert keras.pop("_source") == "tf_keras 2.21.0"
    return json.loads(json.dumps(ours)), keras


def scenario_names():
    with open(os.path.join(HERE, "data", "keras_callbacks_reference.json")) as f:
        return sorted(k for k in json.load(f) if not k.startswith("_"))


@pytest.mark.parametrize("name", scenario_names())
def test_same_as_tf_keras(outcomes, name):
    ours, keras = outcomes
    assert ours[name] == keras[name]
