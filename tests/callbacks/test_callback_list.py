"""CallbackList: assembly, the params and model it hands on, its trace, hook dispatch."""
import json
import logging
import os

import numpy as np
import pytest

import tracekeras
from tracekeras import callbacks as cbks
from tracekeras.callbacks import callback_list as callback_list_module

from .fakes import FakeClock, FakeModel, run_fit

HERE = os.path.dirname(os.path.abspath(__file__))


class Recorder(cbks.Callback):
    """Records every hook call as (hook, position)."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def __getattribute__(self, name):
        if name.startswith("on_") and name not in ("on_batch_begin", "on_batch_end"):
            calls = object.__getattribute__(self, "calls")

            def hook(*args):
                calls.append((name,) + tuple(a for a in args[:-1]))
            return hook
        return object.__getattribute__(self, name)


def test_defaults_added_in_keras_order_and_model_history_set():
    model = FakeModel()
    user = cbks.Callback()
    cl = cbks.CallbackList([user], add_history=True, add_progbar=True, model=model,
                           verbose=1, epochs=2, steps=8)
    assert [type(c).__name__ for c in cl.callbacks] == ["Callback", "History", "ProgbarLogger"]
    assert cl.callbacks[2].use_steps is True                       # count_mode "steps"
    assert model.history is cl.callbacks[1]
    assert all(c.model is model for c in cl.callbacks)
    assert all(c.params == {"verbose": 1, "epochs": 2, "steps": 8} for c in cl.callbacks)


def test_given_history_and_progbar_are_not_duplicated():
    history, progbar = cbks.History(), cbks.ProgbarLogger("steps")
    cl = cbks.CallbackList([progbar, history], add_history=True, add_progbar=True)
    assert cl.callbacks == [progbar, history]
    assert cbks.CallbackList(None).callbacks == []
    assert [type(c).__name__ for c in cbks.CallbackList(None, add_history=True)] == ["History"]


def test_nested_callback_lists_are_flattened():
    a, b, c = cbks.Callback(), cbks.Callback(), cbks.Callback()
    assert cbks.CallbackList([a, [b, (c,)]]).callbacks == [a, b, c]


def test_batch_hooks_only_called_when_a_callback_implements_them():
    model = FakeModel()
    quiet = cbks.CallbackList(None, add_history=True, add_progbar=True, model=model,
                              verbose=2, epochs=1, steps=3)
    assert not quiet._should_call_train_batch_hooks
    loud = cbks.CallbackList(None, add_history=True, add_progbar=True, model=model,
                             verbose=1, epochs=1, steps=3)
    assert loud._should_call_train_batch_hooks and loud._should_call_test_batch_hooks

    class OldStyle(cbks.Callback):
        def on_batch_end(self, batch, logs=None):
            self.seen = batch

    old = OldStyle()
    cl = cbks.CallbackList([old], model=model)
    assert cl._should_call_train_batch_hooks and not cl._should_call_test_batch_hooks
    cl.on_train_batch_end(4, {"loss": 1.0})       # default on_train_batch_end -> alias
    assert old.seen == 4


def test_hook_order_of_a_fit_with_validation():
    rec = Recorder()
    cl = cbks.CallbackList([rec], add_history=True, model=FakeModel(), verbose=0, epochs=2,
                           steps=2)
    run_fit(cl, epochs=2, steps=2, batch_logs=lambda e, s: {"loss": 1.0},
            epoch_logs=lambda e: {"loss": 1.0, "val_loss": 2.0}, val_steps=1)

    def epoch(e):
        return [("on_epoch_begin", e),
                ("on_train_batch_begin", 0), ("on_train_batch_end", 0),
                ("on_train_batch_begin", 1), ("on_train_batch_end", 1),
                ("on_test_begin",), ("on_test_batch_begin", 0),
                ("on_test_batch_end", 0), ("on_test_end",), ("on_epoch_end", e)]

    assert rec.calls == [("on_train_begin",)] + epoch(0) + epoch(1) + [("on_train_end",)]


def test_logs_reach_callbacks_as_python_numbers_and_are_shared():
    seen = []

    class Adds(cbks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["lr"] = 0.5

    class Reads(cbks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.append(dict(logs))

    cl = cbks.CallbackList([Adds(), Reads()], model=FakeModel())
    cl.on_epoch_end(0, {"loss": np.float32(0.25), "acc": np.array(0.5, np.float32)})
    assert seen == [{"loss": 0.25, "acc": 0.5, "lr": 0.5}]
    assert type(seen[0]["loss"]) is float


def load_reference():
    with open(os.path.join(HERE, "data", "callback_stages_S1.json")) as f:
        return [(s["name"], s["args"]) for s in json.load(f)["stages"]]


def test_trace_follows_keras_callback_stages_of_s1():
    """The tf_keras 2.21 S1 run: 2 epochs of 8 steps, default History and ProgbarLogger."""
    model = FakeModel()
    with tracekeras.trace(level="stages") as t:
        cl = cbks.CallbackList(None, add_history=True, add_progbar=False, model=model,
                               verbose=0, epochs=2, steps=8)
        run_fit(cl, epochs=2, steps=8, batch_logs=lambda e, s: {"loss": 1.0},
                epoch_logs=lambda e: {"loss": 1.0})
    got = [(r["name"], {k: v for k, v in (r.get("args") or {}).items() if k in ("epoch", "batch")})
           for r in t.records if r["ph"] == "B" and r["name"].startswith("keras.callbacks")]
    ref = [(n, a) for n, a in load_reference() if n != "keras.callbacks.ProgbarLogger.__init__"]
    assert got == ref


def test_trace_records_defaults_added_and_params():
    with tracekeras.trace(level="full") as t:
        cbks.CallbackList([cbks.History()], add_history=True, add_progbar=True,
                          model=FakeModel(), verbose=1, epochs=3, steps=5)
    names = t.names()
    assert names == ["keras.callbacks.History.__init__", "keras.callbacks.CallbackList.__init__",
                     "keras.callbacks.CallbackList._add_default_callbacks",
                     "keras.callbacks.ProgbarLogger.__init__",
                     "keras.callbacks.CallbackList.set_model",
                     "keras.callbacks.CallbackList.set_params"]
    ends = {r["id"]: r for r in t.records if r["ph"] == "E"}
    begins = {r["name"]: r for r in t.records if r["ph"] == "B"}
    added = ends[begins["keras.callbacks.CallbackList._add_default_callbacks"]["id"]]["args"]
    assert added == {"added": ["ProgbarLogger"], "given": ["History"]}
    assert begins["keras.callbacks.CallbackList.set_params"]["args"] == {
        "verbose": 1, "epochs": 3, "steps": 5}
    assert all(r["stage"] == "callbacks" for r in t.records if r["ph"] == "B")


def test_tracing_does_not_change_history():
    def fit():
        model = FakeModel()
        cl = cbks.CallbackList(None, add_history=True, model=model, verbose=0, epochs=3, steps=2)
        run_fit(cl, 3, 2, lambda e, s: {"loss": 1.0 / (s + 1)},
                lambda e: {"loss": 1.0 / (e + 1), "accuracy": 0.5})
        return model.history.history
    plain = fit()
    with tracekeras.trace():
        traced = fit()
    assert plain == traced == {"loss": [1.0, 0.5, 1.0 / 3], "accuracy": [0.5, 0.5, 0.5]}


class Slow(cbks.Callback):
    def __init__(self, clock, cost):
        super().__init__()
        self.clock, self.cost = clock, cost

    def on_train_batch_end(self, batch, logs=None):
        self.clock.advance(self.cost)


def drive_batches(cl, clock, n, batch_time):
    for step in range(n):
        cl.on_train_batch_begin(step)
        clock.advance(batch_time)
        cl.on_train_batch_end(step, {"loss": 1.0})


def test_slow_callback_warning_as_keras(monkeypatch, caplog):
    clock = FakeClock()
    monkeypatch.setattr(callback_list_module, "clock", clock)
    cl = cbks.CallbackList([Slow(clock, 0.02)], model=FakeModel(), verbose=0, epochs=1,
                           steps=10)
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        drive_batches(cl, clock, 10, 0.001)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "Callback method `on_train_batch_end` is slow compared to the batch time (batch time: "
        "0.0010s vs `on_train_batch_end` time: 0.0200s). Check your callbacks."]
    assert cl._check_timing is False              # checked once, over the first batches


def test_no_warning_for_fast_or_builtin_callbacks(monkeypatch, caplog):
    clock = FakeClock()
    monkeypatch.setattr(callback_list_module, "clock", clock)
    fast = cbks.CallbackList([Slow(clock, 0.0005)], model=FakeModel())
    builtin = cbks.CallbackList([cbks.TerminateOnNaN()], model=FakeModel())
    assert builtin._check_timing is False          # only custom callbacks are timed
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        drive_batches(fast, clock, 10, 0.001)
        drive_batches(builtin, clock, 10, 0.001)
    assert caplog.records == []


def test_unknown_batch_hook_kind_is_refused():
    cl = cbks.CallbackList([cbks.Callback()])
    with pytest.raises(ValueError, match=r'Unrecognized hook: middle. Expected values are '
                                         r'\["begin", "end"\]'):
        cl._call_batch_hook("train", "middle", 0)
