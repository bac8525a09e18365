"""Mistakes in fit/evaluate/predict arguments: tf_keras's exception type, raised before any
weight or ``iterations`` changes.

The facts come from real tf_keras 2.21: ``data/argument_errors.json``, written by
``make_fixtures.py`` from the cases of ``scenarios.py`` (never read
from /work/shared). tf_keras finds several of these only after an epoch has
trained (``validation_data=5``: ``IndexError`` with weights and ``iterations``
changed); tracekeras raises the same type before the first step.
"""
import json
import os

import numpy as np
import pytest

import tracekeras

from .scenarios import CASES, X, Y, model_for, run, state

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "argument_errors.json")) as f:
    KERAS = json.load(f)

# Where tracekeras departs from tf_keras on purpose, and why.
DEPARTURES = {
    # tf_keras silently trains on the first half and validates on the last (split_at < 0)
    "fit-validation_split-above-one": "builtins.ValueError",
    # tf.errors.InvalidArgumentError mid-step; tracekeras has no TF error types
    "fit-class_weight-missing-class": "builtins.ValueError",
    # tf_keras 2.21's tf.reshape of a partially known shape fails; its code means to multiply
    "fit-class_weight-with-sample_weight": None,
}
# Where tf_keras words a message on purpose, tracekeras gives that message exactly.
KERAS_WORDED = ["fit-validation_data-y-too-short", "fit-validation_data-sample_weight-too-short",
                "fit-validation_split-one", "fit-sample_weight-too-short",
                "fit-steps_per_epoch-zero", "fit-validation_freq-float",
                "evaluate-sample_weight-too-short"]
# Raised inside a traced function, tf_keras's message ends with the error's own line: ours.
KERAS_IN_USER_CODE = ["fit-validation_data-wrong-features", "fit-validation_data-a-dict"]
# Elsewhere tf_keras's message is an accident ("tuple index out of range", "'<=' not supported
# between instances of 'str' and 'int'"): tracekeras says what was expected and received.
WORDS = {
    "fit-validation_data-an-int": ["`validation_data` must be", "validation_data=5", "int",
                                   "batch dimension"],
    "fit-validation_data-a-string": ["`validation_data` must be", "'abc'", "str"],
    "fit-validation_split-above-one": ["between 0 and 1", "validation_split=1.5"],
    "fit-validation_split-negative": ["between 0 and 1", "validation_split=-0.1"],
    "fit-validation_split-a-string": ["between 0 and 1", "validation_split='0.2'", "str"],
    "fit-class_weight-a-list": ["Expected `class_weight` to be a dict",
                                "class_weight=[1.0, 2.0, 3.0]", "list"],
    "fit-class_weight-missing-class": ["Class 2", "no entry in `class_weight`"],
    "fit-class_weight-non-numeric": ["values of `class_weight` to be numbers",
                                     "class_weight={0: 'a', 1: 1.0, 2: 1.0}"],
    "fit-steps_per_epoch-a-string": ["`steps_per_epoch` must be an integer or None",
                                     "steps_per_epoch='3'"],
    "fit-initial_epoch-negative": ["non-negative integer", "initial_epoch=-1"],
    "fit-initial_epoch-float": ["must be an integer", "initial_epoch=0.5", "float"],
    "fit-initial_epoch-a-string": ["must be an integer", "initial_epoch='1'", "str"],
    "fit-batch_size-float": ["must be an integer or None", "batch_size=2.5", "float"],
    "fit-batch_size-whole-float": ["must be an integer or None", "batch_size=2.0", "float"],
    "fit-batch_size-a-string": ["must be an integer or None", "batch_size='32'", "str"],
    "fit-batch_size-zero": ["positive integer", "batch_size=0"],
    "fit-batch_size-negative": ["positive integer", "batch_size=-1"],
    "fit-epochs-float": ["must be an integer", "epochs=1.5", "float"],
    "fit-epochs-a-string": ["must be an integer", "epochs='2'", "str"],
    "fit-epochs-none": ["must be an integer", "epochs=None"],
    "fit-epochs-negative": ["non-negative integer", "epochs=-1"],
    "fit-validation_freq-zero": ["positive integer", "validation_freq=0"],
    "fit-validation_batch_size-float": ["must be an integer or None",
                                        "validation_batch_size=2.5"],
    "evaluate-batch_size-float": ["must be an integer or None", "batch_size=2.5"],
    "evaluate-batch_size-a-string": ["must be an integer or None", "batch_size='32'"],
    "predict-batch_size-float": ["must be an integer or None", "batch_size=2.5"],
    "predict-batch_size-a-string": ["must be an integer or None", "batch_size='32'"],
}


def expected_type(case):
    return DEPARTURES[case] if case in DEPARTURES else KERAS[case]["type"]


def test_the_fixture_holds_every_case_from_tf_keras():
    assert KERAS["_source"].startswith("tf_keras 2.21")
    assert sorted(k for k in KERAS if k != "_source") == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_an_argument_mistake_raises_tf_keras_type_before_any_change(case):
    got = run(tracekeras, case)
    assert got["type"] == expected_type(case), got["message"]
    if got["raised"]:
        assert not got["state_changed"], "the weights or iterations changed before the error"
    if case in KERAS_WORDED:
        assert got["message"] == KERAS[case]["message"]
    if case in KERAS_IN_USER_CODE:
        assert got["message"] == KERAS[case]["message"].rsplit("ValueError: ", 1)[1].strip()
    for word in WORDS.get(case, []):
        assert word in got["message"], (word, got["message"])


def test_every_case_raising_in_tf_keras_is_checked_for_its_message():
    raising = [c for c, _, _ in CASES if expected_type(c) is not None]
    # messages made outside the argument checks (the loss's reshape, an adapter, the step
    # loop): only their type and the unchanged state are checked
    unchecked = [c for c in raising if c not in KERAS_WORDED + KERAS_IN_USER_CODE
                 and c not in WORDS
                 and c not in ("fit-sample_weight-2d-wrong-shape",
                               "fit-sample_weight-a-string", "fit-steps_per_epoch-negative")]
    assert unchecked == []


def test_validation_data_that_cannot_be_batched_fails_before_the_first_step():
    """tf_keras trains an epoch, then raises IndexError; tracekeras raises first."""
    assert KERAS["fit-validation_data-an-int"]["state_changed"]   # tf_keras changes state first
    assert KERAS["fit-validation_data-an-int"]["message"] == "tuple index out of range"
    model = model_for(tracekeras)
    before = state(model)
    with pytest.raises(IndexError, match=r"validation_data=5, whose x is a scalar of type int"):
        model.fit(X, Y, validation_data=5, verbose=0)
    assert state(model) == before and before[1] == 0


def test_validation_data_of_mismatched_lengths_fails_before_the_first_step():
    model = model_for(tracekeras)
    before = state(model)
    with pytest.raises(ValueError, match="x sizes: 10\n  y sizes: 3\n"):
        model.fit(X, Y, validation_data=(X, Y[:3]), verbose=0)
    assert state(model) == before


@pytest.mark.parametrize("kwargs", [{"batch_size": 2.5}, {"batch_size": "32"},
                                    {"epochs": 1.5}, {"initial_epoch": 0.5, "epochs": 2}])
def test_a_count_of_the_wrong_type_is_a_type_error_as_in_tf_keras(kwargs):
    """tf_keras raises TypeError for these, and so does tracekeras."""
    model = model_for(tracekeras)
    with pytest.raises(TypeError, match="must be an integer"):
        model.fit(X, Y, verbose=0, **kwargs)
    assert int(model.optimizer.iterations.numpy()) == 0


def test_validation_freq_is_read_only_when_there_is_validation():
    """tf_keras never reads validation_freq without validation data: neither do we."""
    model = model_for(tracekeras)
    model.fit(X, Y, validation_freq=0, epochs=1, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == 1
    assert np.isfinite(model.get_weights()[0]).all()
