"""EarlyStopping driven by synthetic epoch logs (patience, baseline, restore, warm-up)."""
import logging

import numpy as np
import pytest

from tracekeras import callbacks as cbks

from .fakes import FakeModel, run_fit


def fit_with(callback, values, monitor="val_loss", model=None, steps=1, **extra):
    """Run epochs whose logs carry ``values[epoch]`` for ``monitor``; weights move each epoch."""
    model = model or FakeModel()
    epochs_run = []

    class MoveWeights(cbks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            model.set_weights([np.full_like(w, epoch) for w in model.get_weights()])
            epochs_run.append(epoch)

    cl = cbks.CallbackList([MoveWeights(), callback], add_history=True, model=model, verbose=0,
                           epochs=len(values), steps=steps)
    run_fit(cl, len(values), steps, lambda e, s: {"loss": 1.0},
            lambda e: dict({monitor: values[e], "loss": 1.0}, **extra))
    return model, epochs_run


def test_patience_counts_epochs_without_improvement(capsys):
    es = cbks.EarlyStopping(patience=2, verbose=1)
    model, run = fit_with(es, [1.0, 0.9, 0.95, 0.92, 0.5])
    assert run == [0, 1, 2, 3]                       # stopped after epoch 3 (2 waits)
    assert es.stopped_epoch == 3 and es.best == 0.9 and es.wait == 2
    assert model.history.history["val_loss"] == [1.0, 0.9, 0.95, 0.92]
    assert capsys.readouterr().out == "Epoch 4: early stopping\n"


def test_patience_zero_stops_on_first_non_improvement_but_never_at_epoch_0():
    es = cbks.EarlyStopping(patience=0)
    _, run = fit_with(es, [1.0, 1.1, 0.5])
    assert run == [0, 1]
    es = cbks.EarlyStopping(monitor="loss", patience=0)
    _, run = fit_with(es, [1.0, 1.0], monitor="loss")
    assert run == [0, 1] and es.stopped_epoch == 1


def test_min_delta_and_mode_auto_for_accuracy():
    es = cbks.EarlyStopping(monitor="val_accuracy", min_delta=0.05, patience=1)
    assert es.monitor_op is np.greater and es.min_delta == 0.05
    _, run = fit_with(es, [0.5, 0.53, 0.9], monitor="val_accuracy")
    assert run == [0, 1]                             # +0.03 is not an improvement
    assert cbks.EarlyStopping(monitor="val_auc").monitor_op is np.greater
    assert cbks.EarlyStopping(monitor="val_loss", min_delta=0.1).min_delta == -0.1
    assert cbks.EarlyStopping(monitor="loss", mode="max").monitor_op is np.greater


def test_restore_best_weights(capsys):
    es = cbks.EarlyStopping(patience=2, restore_best_weights=True, verbose=1)
    model, run = fit_with(es, [1.0, 0.7, 0.8, 0.9, 0.1])
    assert run == [0, 1, 2, 3] and es.best_epoch == 1
    assert all(np.all(w == 1) for w in model.get_weights())   # the weights of epoch 1
    assert capsys.readouterr().out == ("Epoch 4: early stopping\n"
                                       "Restoring model weights from the end of the best epoch: "
                                       "2.\n")


def test_restore_first_counted_weights_when_nothing_improves():
    es = cbks.EarlyStopping(patience=1, restore_best_weights=True, baseline=0.5)
    model, run = fit_with(es, [0.9, 0.95, 0.97])
    assert run == [0, 1]
    assert es.best_epoch == 0 and all(np.all(w == 0) for w in model.get_weights())


def test_baseline_keeps_counting_until_beaten():
    es = cbks.EarlyStopping(patience=2, baseline=0.5)
    _, run = fit_with(es, [0.8, 0.9, 0.1])
    assert run == [0, 1]                 # improved at epoch 0 but not below the baseline
    es = cbks.EarlyStopping(patience=2, baseline=0.5)
    _, run = fit_with(es, [0.4, 0.45, 0.47, 0.3])
    assert run == [0, 1, 2]              # baseline beaten at 0: wait restarts from there


def test_start_from_epoch_ignores_warm_up_epochs():
    es = cbks.EarlyStopping(patience=1, start_from_epoch=2, restore_best_weights=True)
    model, run = fit_with(es, [0.1, 0.2, 0.9, 0.95, 0.99])
    assert run == [0, 1, 2, 3]           # epochs 0 and 1 (the best values) are not counted
    assert es.best == 0.9 and es.best_epoch == 2
    assert all(np.all(w == 2) for w in model.get_weights())


def test_instances_are_reset_by_on_train_begin():
    es = cbks.EarlyStopping(patience=0)
    fit_with(es, [1.0, 2.0])
    _, run = fit_with(es, [3.0, 2.0, 1.0])
    assert run == [0, 1, 2] and es.stopped_epoch == 0


def test_missing_monitor_warns_and_does_not_stop(caplog):
    es = cbks.EarlyStopping(patience=0)
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        _, run = fit_with(es, [1.0, 2.0, 3.0], monitor="accuracy")
    assert run == [0, 1, 2]
    assert caplog.records[0].getMessage() == (
        "Early stopping conditioned on metric `val_loss` which is not available. Available "
        "metrics are: accuracy,loss")
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        es.get_monitor_value({"loss": 1.0, "accuracy": 0.5})
    assert caplog.records[-1].getMessage().endswith("Available metrics are: loss,accuracy")


def test_unknown_mode_falls_back_to_auto(caplog):
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        es = cbks.EarlyStopping(mode="upwards")
    assert es.monitor_op is np.less
    assert caplog.records[0].getMessage() == ("EarlyStopping mode upwards is unknown, fallback "
                                              "to auto mode.")


@pytest.mark.parametrize("seed", range(5))
def test_stop_epoch_matches_a_direct_count(seed):
    """Invariant: the run stops exactly when `patience` epochs in a row fail to improve."""
    rng = np.random.default_rng(seed)
    values = list(rng.random(12))
    patience = int(rng.integers(0, 4))
    es = cbks.EarlyStopping(patience=patience)
    _, run = fit_with(es, values)
    best, wait, expected = np.inf, 0, len(values)
    for epoch, v in enumerate(values):
        wait += 1
        if v < best:
            best, wait = v, 0
        elif wait >= patience and epoch > 0:
            expected = epoch + 1
            break
    assert len(run) == expected
