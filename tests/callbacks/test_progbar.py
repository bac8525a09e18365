"""Progbar and ProgbarLogger print Keras's exact text (a fake clock fixes the timings)."""
import pytest

from tracekeras import callbacks as cbks
from tracekeras.utils import progbar as progbar_module
from tracekeras.utils.progbar import Progbar, format_eta, format_time

from .fakes import FakeClock, FakeModel


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock(1000.0)
    monkeypatch.setattr(progbar_module, "clock", fake)
    monkeypatch.setattr(progbar_module, "dynamic_display", lambda: True)
    return fake


FULL = "[" + "=" * 30 + "]"


@pytest.mark.parametrize("seconds, text", [
    (2.0, " 2s/step"), (0, " 0s/step"), (1.0, " 1s/step"), (0.004, " 4ms/step"),
    (1e-3, " 1ms/step"), (0.00035, " 350us/step"), (0.0000004, " 0us/step")])
def test_time_formats(seconds, text):
    assert format_time(seconds, "step") == text


@pytest.mark.parametrize("eta, text", [(3700, "1:01:40"), (75, "1:15"), (5.7, "5s"),
                                       (60, "60s")])
def test_eta_formats(eta, text):
    assert format_eta(eta) == text


def test_verbose1_bar_redrawn_in_place(clock, capsys):
    bar = Progbar(3)
    clock.advance(0.1)
    bar.update(1, [("loss", 0.5)])
    clock.advance(0.1)
    bar.update(2, [("loss", 0.3)])
    clock.advance(0.1)
    bar.update(3, [("loss", 0.1)])
    first = "1/3 [=========>....................] - ETA: 0s - loss: 0.5000"
    second = "2/3 [===================>..........] - ETA: 0s - loss: 0.4000"   # running mean
    third = "3/3 " + FULL + " - 0s 100ms/step - loss: 0.3000\n"
    assert capsys.readouterr().out == ("\r" + first + "\b" * len(first) + "\r" + second
                                       + "\b" * len(second) + "\r" + third)


def test_updates_closer_than_interval_are_skipped_but_not_the_last(clock, capsys):
    bar = Progbar(4, stateful_metrics=["loss"])
    clock.advance(0.1)
    bar.update(1, [("loss", 1.0)])
    capsys.readouterr()
    clock.advance(0.01)
    bar.update(2, [("loss", 0.9)])
    assert capsys.readouterr().out == ""
    clock.advance(0.01)
    bar.update(4, [("loss", 0.8)])
    line = "4/4 " + FULL + " - 0s 7ms/step - loss: 0.8000\n"   # (0.02 s / 3 steps); stateful
    assert capsys.readouterr().out.endswith("\r" + line)


def test_shorter_line_is_padded_and_small_values_use_e_notation(clock, capsys):
    bar = Progbar(2, stateful_metrics=["loss"])
    clock.advance(0.1)
    bar.update(1, [("loss", 0.000123)])
    first = "1/2 [==============>...............] - ETA: 0s - loss: 1.2300e-04"
    clock.advance(0.1)
    bar.update(2, [("loss", -0.5)])
    second = "2/2 " + FULL + " - 0s 100ms/step - loss: -0.5000"
    pad = " " * (len(first) - len(second))
    assert capsys.readouterr().out == ("\r" + first + "\b" * len(first) + "\r" + second + pad
                                       + "\n")


def test_without_dynamic_display_each_update_is_a_new_line(clock, capsys, monkeypatch):
    monkeypatch.setattr(progbar_module, "dynamic_display", lambda: False)
    bar = Progbar(2)
    clock.advance(1.0)
    bar.update(1)
    clock.advance(2.0)
    bar.update(2)
    assert capsys.readouterr().out == ("\n1/2 [==============>...............] - ETA: 1s"
                                       "\n2/2 " + FULL + " - 3s 2s/step\n")


def test_unknown_target(clock, capsys):
    bar = Progbar(None)
    clock.advance(0.5)
    bar.update(7, [("loss", 2.0)])
    assert capsys.readouterr().out == "\r      7/Unknown - 0s 71ms/step - loss: 2.0000"


def test_verbose2_one_line_at_the_end_keras_quirk_for_negative_values(clock, capsys):
    bar = Progbar(4, verbose=2, stateful_metrics=["loss", "accuracy", "delta"])
    for step in range(1, 5):
        clock.advance(0.5)
        bar.update(step, [("loss", 0.26), ("accuracy", 0.925), ("delta", -0.5)])
    assert capsys.readouterr().out == ("4/4 - 2s - loss: 0.2600 - accuracy: 0.9250 - "
                                       "delta: -5.0000e-01 - 2s/epoch - 500ms/step\n")


def fit(model, verbose, epochs, steps, batch_logs, epoch_logs, clock, val=None):
    cl = cbks.CallbackList(None, add_history=True, add_progbar=True, model=model,
                           verbose=verbose, epochs=epochs, steps=steps)
    cl.on_train_begin()
    for epoch in range(epochs):
        cl.on_epoch_begin(epoch)
        for step in range(steps):
            cl.on_train_batch_begin(step)
            clock.advance(0.1)
            cl.on_train_batch_end(step, batch_logs[step])
        logs = dict(epoch_logs)
        if val:
            cl.on_test_begin()
            cl.on_test_batch_begin(0)
            cl.on_test_batch_end(0, {"loss": 9.0})
            cl.on_test_end({"loss": 9.0})
            logs.update(val)
        cl.on_epoch_end(epoch, logs)
    cl.on_train_end(logs)
    return cl


def test_fit_verbose1_as_keras_prints_it(clock, capsys):
    batch_logs = [{"loss": 0.5, "accuracy": 0.25}, {"loss": 0.4, "accuracy": 0.5},
                  {"loss": 0.3, "accuracy": 0.75}]
    fit(FakeModel(), 1, 2, 3, batch_logs, {"loss": 0.3, "accuracy": 0.75}, clock,
        val={"val_loss": 0.35, "val_accuracy": 0.7})
    lines = ["1/3 [=========>....................] - ETA: 0s - loss: 0.5000 - accuracy: 0.2500",
             "2/3 [===================>..........] - ETA: 0s - loss: 0.4000 - accuracy: 0.5000",
             "3/3 " + FULL + " - ETA: 0s - loss: 0.3000 - accuracy: 0.7500",
             "3/3 " + FULL + " - 0s 100ms/step - loss: 0.3000 - accuracy: 0.7500 - val_loss: "
             "0.3500 - val_accuracy: 0.7000"]
    epoch = "\r" + lines[0]
    for prev, line in zip(lines, lines[1:]):
        pad = " " * max(0, len(prev) - len(line))
        epoch += "\b" * len(prev) + "\r" + line + pad
    epoch += "\n"
    assert capsys.readouterr().out == "Epoch 1/2\n" + epoch + "Epoch 2/2\n" + epoch


def test_fit_verbose2_and_single_epoch_has_no_epoch_line(clock, capsys):
    fit(FakeModel(), 2, 1, 4, [{"loss": 1.0}] * 4, {"loss": 0.26, "accuracy": 0.925}, clock)
    assert capsys.readouterr().out == ("4/4 - 0s - loss: 0.2600 - accuracy: 0.9250 - "
                                       "400ms/epoch - 100ms/step\n")


def test_fit_verbose2_epochs_print_epoch_lines(clock, capsys):
    fit(FakeModel(), 2, 2, 469, [{"loss": 1.0}] * 469, {"loss": 0.26, "accuracy": 0.925},
        clock)
    line = ("469/469 - 47s - loss: 0.2600 - accuracy: 0.9250 - 47s/epoch - 100ms/step\n")
    assert capsys.readouterr().out == "Epoch 1/2\n" + line + "Epoch 2/2\n" + line


def test_evaluate_and_predict_bars(clock, capsys):
    model = FakeModel()
    cl = cbks.CallbackList(None, add_progbar=True, model=model, verbose=1, epochs=1, steps=2)
    cl.on_test_begin()
    for step in range(2):
        cl.on_test_batch_begin(step)
        clock.advance(0.1)
        cl.on_test_batch_end(step, {"loss": 0.5, "accuracy": 0.5})
    cl.on_test_end({"loss": 0.5, "accuracy": 0.5})
    out = capsys.readouterr().out
    assert out.endswith("\r2/2 " + FULL + " - 0s 100ms/step - loss: 0.5000 - accuracy: "
                        "0.5000\n")
    cl = cbks.CallbackList(None, add_progbar=True, model=model, verbose=1, epochs=1, steps=2)
    cl.on_predict_begin()
    for step in range(2):
        cl.on_predict_batch_begin(step)
        clock.advance(0.1)
        cl.on_predict_batch_end(step, {"outputs": [1, 2]})
    cl.on_predict_end()
    out = capsys.readouterr().out
    assert "outputs" not in out
    assert out.endswith("\r2/2 " + FULL + " - 0s 100ms/step\n")


def test_silent_at_verbose0_and_bad_count_mode():
    cl = cbks.CallbackList(None, add_progbar=False, model=FakeModel(), verbose=0, epochs=1,
                           steps=2)
    assert not any(isinstance(c, cbks.ProgbarLogger) for c in cl)
    with pytest.raises(ValueError, match=r'Unknown `count_mode`: batches. Expected values are '
                                         r'\["samples", "steps"\]'):
        cbks.ProgbarLogger("batches")


def test_unknown_steps_are_counted_and_known_from_the_second_epoch(clock, capsys):
    cl = cbks.CallbackList(None, add_progbar=True, model=FakeModel(), verbose=2, epochs=2,
                           steps=None)
    assert cl._should_call_train_batch_hooks          # the batches seen give the target
    cl.on_train_begin()
    for epoch in range(2):
        cl.on_epoch_begin(epoch)
        for step in range(5):
            cl.on_train_batch_begin(step)
            clock.advance(0.125)
            cl.on_train_batch_end(step, {"loss": 1.0})
        cl.on_epoch_end(epoch, {"loss": 0.5})
    line = "5/5 - 1s - loss: 0.5000 - 625ms/epoch - 125ms/step\n"
    assert capsys.readouterr().out == "Epoch 1/2\n" + line + "Epoch 2/2\n" + line
