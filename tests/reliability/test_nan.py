"""NaN and Inf: TerminateOnNaN as Keras, and the first non-finite step flagged in the trace.

Keras's TerminateOnNaN (tf_keras 2.21 reference, keras/callbacks.py): on every
batch end whose ``loss`` is NaN or infinite it prints
``Batch N: Invalid loss, terminating training`` and sets ``model.stop_training``;
``fit`` breaks out of the epoch after that batch (the update of that batch is
applied, as in Keras: the callback runs after the step), ends the epoch
(``on_epoch_end``, one more History entry) and stops.
"""
import numpy as np
import pytest

import tracekeras
from tracekeras import callbacks, layers, tracing
from tracekeras.models import Sequential
from tracekeras.utils import set_random_seed

BAD_SAMPLE = 5          # with batch_size 2 and no shuffling it falls in batch 2
STEPS = 5               # 10 samples, batch size 2


def model_and_data():
    set_random_seed(0)
    model = Sequential([layers.Dense(4, activation="relu"), layers.Dense(3, activation="softmax")])
    model.build((None, 3))
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    x = np.random.default_rng(0).standard_normal((10, 3)).astype(np.float32)
    x[BAD_SAMPLE] = np.inf
    return model, x, np.arange(10) % 3


def batch_losses(model, x, y, **fit_kwargs):
    seen = []
    record = callbacks.LambdaCallback(on_batch_end=lambda batch, logs: seen.append(logs["loss"]))
    history = model.fit(x, y, batch_size=2, shuffle=False, verbose=0,
                        callbacks=[record] + fit_kwargs.pop("callbacks", []), **fit_kwargs)
    return history, seen


def test_terminate_on_nan_prints_keras_message_and_stops_after_that_batch(capsys):
    model, x, y = model_and_data()
    history, seen = batch_losses(model, x, y, epochs=3, callbacks=[callbacks.TerminateOnNaN()])
    out = capsys.readouterr().out
    assert out.splitlines() == ["Batch 2: Invalid loss, terminating training"]
    assert np.isfinite(seen[:2]).all() and not np.isfinite(seen[2])
    assert len(seen) == 3                                   # no batch after the bad one
    assert int(model.optimizer.iterations.numpy()) == 3     # its update was applied (as Keras)
    assert len(history.history["loss"]) == 1 and history.epoch == [0]
    assert not np.isfinite(history.history["loss"][0])
    assert model.stop_training is True


def test_without_terminate_on_nan_training_goes_on_as_in_keras():
    model, x, y = model_and_data()
    history, seen = batch_losses(model, x, y, epochs=2)
    assert len(seen) == 2 * STEPS and len(history.history["loss"]) == 2
    assert np.isfinite(seen[:2]).all() and np.isnan(seen[2:]).all()


def step_spans(records):
    """{(epoch, step): merged args of B and E} of the train step spans."""
    steps = {}
    ids = {}
    for r in records:
        if r["name"] == tracing.STEP_NAME and r["ph"] == "B" and r["args"].get("kind") == "train":
            ids[r["id"]] = (r["args"]["epoch"], r["args"]["step"])
            steps[ids[r["id"]]] = dict(r["args"])
        elif r["ph"] == "E" and r.get("id") in ids:
            steps[ids[r["id"]]].update(r.get("args") or {})
    return steps


@pytest.mark.parametrize("terminate", [False, True])
def test_the_first_non_finite_step_is_flagged_and_kept_at_level_stages(terminate):
    model, x, y = model_and_data()
    extra = [callbacks.TerminateOnNaN()] if terminate else []
    with tracekeras.trace(level="stages") as t:
        batch_losses(model, x, y, epochs=2, callbacks=extra)
    steps = step_spans(t.records)
    flagged = [key for key, args in steps.items() if args.get("nan_loss") is True]
    assert flagged == [(0, 2)]          # the step whose loss first is not finite, only it
    if not terminate:
        # kept although it is neither a first step nor the last of its epoch: not folded
        assert sorted(steps) == [(0, 0), (0, 1), (0, 2), (0, 4), (1, 4)]
        folded = [r["args"]["folded"]["train"]["count"] for r in t.records
                  if r["ph"] == "E" and r["name"].endswith("enumerate_epochs")
                  and "folded" in r.get("args", {})]
        # the fold counts every step after the first ones, kept ones included (as in
        # tests/tracing/test_recorder.py): epoch 0 steps 2-4, epoch 1 steps 0-4
        assert folded == [3, 5]
