"""``evaluate()`` warns, as Keras does, when it receives sample weights (given, as the
third element of a Dataset's elements, or from ``fit``'s validation data) but ``compile``
had no ``weighted_metrics`` (``data/sample_weight_warning.json``, from tf_keras 2.21)."""
import json
import os

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import sample_weight_warning_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "sample_weight_warning.json")) as f:
    KERAS = json.load(f)


@pytest.fixture(scope="module")
def ours():
    clear_session()
    with shim.activated():
        import tensorflow as tf
        return cases.warnings_of(tf, tf.keras)


@pytest.mark.parametrize("name", sorted(KERAS))
def test_warnings_are_keras_s(ours, name):
    assert ours[name] == KERAS[name]
