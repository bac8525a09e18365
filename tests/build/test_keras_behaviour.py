"""The build room's small cases give what tf_keras 2.21 gives (data/keras_behaviour.json).

Each case in scenarios.py ran on real Keras to make the reference; here
it runs on tracekeras and the outcome (value or error type + message) must be
the same line, except for the differences listed in DEVIATIONS with the reason.
"""
import json
import os

import pytest

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential

from .scenarios import outcome, scenarios

with open(os.path.join(os.path.dirname(__file__), "data", "keras_behaviour.json")) as f:
    KERAS = json.load(f)

DEVIATIONS = {
    # Keras's symbolic call fails inside TF's MatMul shape inference; tracekeras's input
    # spec catches the same mistake one step earlier, naming the layer and the axis.
    "shared_diff_shape": ('!! ValueError Input 0 of layer "dense" is incompatible with the '
                          "layer: expected axis -1 of input shape to have value 3, but received "
                          "input with shape (None, 4)"),
}
CASES = scenarios(layers, Sequential, Model)


@pytest.mark.parametrize("name,fn", CASES, ids=[name for name, _ in CASES])
def test_same_outcome_as_keras(name, fn):
    assert outcome(fn, clear_session) == DEVIATIONS.get(name, KERAS[name])


def test_every_reference_case_is_run():
    assert sorted(name for name, _ in CASES) == sorted(k for k in KERAS if not k.startswith("_"))
