"""ReduceLROnPlateau and LearningRateScheduler change the optimizer's learning rate Variable."""
import logging

import numpy as np
import pytest

from tracekeras import callbacks as cbks

from .fakes import FakeModel, run_fit


def fit(callback, values, monitor="val_loss", lr=0.1):
    model = FakeModel()
    model.optimizer.learning_rate.assign(np.float32(lr))
    lrs = []

    class SeeLR(cbks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            lrs.append(float(model.optimizer.learning_rate.numpy()))

    cl = cbks.CallbackList([callback, SeeLR()], add_history=True, model=model, verbose=0,
                           epochs=len(values), steps=1)
    run_fit(cl, len(values), 1, lambda e, s: {"loss": 1.0},
            lambda e: {monitor: values[e], "loss": 1.0})
    return model, lrs


def test_plateau_reduces_after_patience_with_cooldown(capsys):
    cb = cbks.ReduceLROnPlateau(factor=0.5, patience=1, cooldown=2, verbose=1)
    model, lrs = fit(cb, [1.0] * 6)
    f32 = np.float32
    # Keras's cooldown: the counter is decremented before the test, so with cooldown=2 the
    # rate is cut at the end of epochs 1, 3 and 5 (index), 2 epochs apart.
    assert lrs == [float(f32(v)) for v in (0.1, 0.1, 0.05, 0.05, 0.025, 0.025)]
    assert model.history.history["lr"] == [f32(v) for v in (0.1, 0.1, 0.05, 0.05, 0.025, 0.025)]
    first, second = max(f32(0.1) * 0.5, 0), max(f32(0.05) * 0.5, 0)
    third = max(f32(0.025) * 0.5, 0)
    assert capsys.readouterr().out == (
        f"\nEpoch 2: ReduceLROnPlateau reducing learning rate to {first}.\n"
        f"\nEpoch 4: ReduceLROnPlateau reducing learning rate to {second}.\n"
        f"\nEpoch 6: ReduceLROnPlateau reducing learning rate to {third}.\n")
    assert str(first) == "0.05"


def test_plateau_improvement_resets_wait_and_min_delta():
    cb = cbks.ReduceLROnPlateau(factor=0.5, patience=2, min_delta=0.1)
    _, lrs = fit(cb, [1.0, 0.95, 0.8, 0.75, 0.74, 0.2])
    # 0.95 (-0.05) no improvement, 0.8 improves (-0.2), 0.75 and 0.74 do not -> reduce at 4
    assert lrs[:5] == [pytest.approx(0.1)] * 5 and lrs[5] == pytest.approx(0.05)


def test_plateau_respects_min_lr_and_stops_reducing_at_it():
    cb = cbks.ReduceLROnPlateau(factor=0.1, patience=1, min_lr=0.05)
    model, lrs = fit(cb, [1.0] * 4)
    assert lrs == [pytest.approx(0.1), pytest.approx(0.1), pytest.approx(0.05),
                   pytest.approx(0.05)]


def test_plateau_mode_auto_maximises_accuracy():
    cb = cbks.ReduceLROnPlateau(monitor="val_accuracy", factor=0.5, patience=1)
    _, lrs = fit(cb, [0.5, 0.6, 0.6], monitor="val_accuracy")
    assert lrs == [pytest.approx(0.1)] * 3
    _, lrs = fit(cbks.ReduceLROnPlateau(monitor="val_accuracy", factor=0.5, patience=1),
                 [0.5, 0.4, 0.3, 0.3], monitor="val_accuracy")
    assert lrs[2] == pytest.approx(0.05)


def test_plateau_errors_and_warnings(caplog):
    with pytest.raises(ValueError, match=r"ReduceLROnPlateau does not support a factor >= 1.0. "
                                         r"Got 1.5"):
        cbks.ReduceLROnPlateau(factor=1.5)
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        fit(cbks.ReduceLROnPlateau(), [1.0], monitor="loss_x")
    assert caplog.records[0].getMessage() == (
        "Learning rate reduction is conditioned on metric `val_loss` which is not available. "
        "Available metrics are: loss_x,loss,lr")


def test_plateau_with_a_plain_number_learning_rate_uses_the_setter():
    model = FakeModel()
    model.optimizer.learning_rate = 0.1
    cb = cbks.ReduceLROnPlateau(factor=0.5, patience=0)
    cb.set_model(model)
    cb.on_train_begin()
    cb.on_epoch_end(0, {"val_loss": 1.0})
    cb.on_epoch_end(1, {"val_loss": 1.0})
    assert model.optimizer.learning_rate == pytest.approx(0.05)


def test_scheduler_two_argument_schedule(capsys):
    cb = cbks.LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch else lr, verbose=1)
    model, lrs = fit(cb, [1.0, 1.0, 1.0])
    assert lrs == [pytest.approx(0.1), pytest.approx(0.05), pytest.approx(0.025)]
    assert model.history.history["lr"] == [pytest.approx(v) for v in (0.1, 0.05, 0.025)]
    out = capsys.readouterr().out.splitlines()
    assert (
        out[1]
        == f"Epoch 1: LearningRateScheduler setting learning rate to {float(np.float32(0.1))}."
    )
    assert out[0] == ""


def test_scheduler_one_argument_schedule_and_float_check():
    _, lrs = fit(cbks.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1)), [1.0, 1.0])
    assert lrs == [pytest.approx(0.01), pytest.approx(0.02)]  # set at epoch begin
    with pytest.raises(
        ValueError,
        match=r'The output of the "schedule" function should be '
        r"float. Got: 1",
    ):
        fit(cbks.LearningRateScheduler(lambda epoch: 1), [1.0])
    with pytest.raises(ValueError, match=r"The dtype of `lr` Tensor should be float. Got: int64"):
        fit(cbks.LearningRateScheduler(lambda epoch: np.array(1, np.int64)), [1.0])


def test_scheduler_needs_an_optimizer_with_a_rate():
    cb = cbks.LearningRateScheduler(lambda epoch: 0.1)
    model = FakeModel()
    model.optimizer = object()
    cb.set_model(model)
    with pytest.raises(ValueError, match='Optimizer must have a "lr" attribute.'):
        cb.on_epoch_begin(0)


def test_plateau_lr_of_0_001_prints_as_tf_keras_prints_it(capsys):
    """ReduceLROnPlateau puts the optimizer's float32 rate in the logs after the callback
    list made them Python numbers; the progress bar makes it one again (tf_keras 2.21 prints
    Adam's default ``lr: 0.0010``, not ``1.0000e-03``: float32(0.001) is not above 1e-3 in
    float32 but is in float64)."""
    model = FakeModel()
    model.optimizer.learning_rate.assign(np.float32(0.001))
    cl = cbks.CallbackList([cbks.ReduceLROnPlateau()], add_history=True, add_progbar=True,
                           model=model, verbose=1, epochs=1, steps=1)
    run_fit(cl, 1, 1, lambda e, s: {"loss": 1.0}, lambda e: {"val_loss": 1.0, "loss": 1.0})
    assert " - lr: 0.0010" in capsys.readouterr().out
