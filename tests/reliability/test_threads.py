"""Traces and threads.

- Two threads, each inside its own ``with trace(path_i)`` and each training its
  own model, write two traces that hold only their own fit: one ``Model.fit``,
  every step under it, every span id ended once, and no record of the other
  thread. Proved for fixed runs and, by Hypothesis, for random schedules: the
  two threads take turns at callback hooks in an order Hypothesis draws (a
  gate lets one thread run at a time between hooks), and for free-running
  threads with a tiny switch interval; each thread's weights equal those of the
  same fit run alone, untraced.
- A ``fit`` in a ``threading.Thread`` started inside one ``with trace`` is
  recorded, every record of it carrying ``tid`` (the thread's native id), its
  three epochs there and the fit ending after them, not at once.
- Tracing never changes a result, also with threads: weights and History are
  bit-identical to an untraced run.
"""
import collections
import sys
import threading

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tracekeras
from tracekeras import layers, tracing
from tracekeras.callbacks import Callback
from tracekeras.models import Sequential

FIT = "keras.engine.training.Model.fit"
STEPS = tracing.STEP_NAME


def make_model(seed):
    model = Sequential([layers.Dense(4, activation="relu", input_shape=(3,)), layers.Dense(1)])
    rng = np.random.default_rng(seed)
    model.set_weights([rng.standard_normal(w.shape).astype("float32")
                       for w in model.get_weights()])
    model.compile("sgd", "mse")
    return model


def data(seed, n=24):
    x = np.random.default_rng(seed).random((n, 3), dtype="float32")
    return x, x[:, :1] * 2 - 1


def ancestors(records, sid):
    parent = {r["id"]: r["parent"] for r in records if r["ph"] == "B"}
    seen = []
    while sid is not None:
        seen.append(sid)
        sid = parent.get(sid)
    return seen


def assert_holds_only_its_own_fit(t, model):
    """One fit, every step under it, every span ended once, only this model's layers."""
    begins = [r for r in t.records if r["ph"] == "B"]
    ends = collections.Counter(r["id"] for r in t.records if r["ph"] == "E")
    assert sorted(ends) == sorted(r["id"] for r in begins)
    assert set(ends.values()) == {1}, "a span ended twice"
    fits = t.spans(FIT)
    assert len(fits) == 1
    for step in t.spans(STEPS):
        assert fits[0]["id"] in ancestors(t.records, step["id"])
    own = {layer.name for layer in model.layers}
    named = {r["args"]["layer"] for r in begins if "layer" in r.get("args", {})}
    assert named and named <= own | {model.name}, named - own
    assert not any("unfinished" in r for r in t.records)


def test_two_threads_tracing_at_once_keep_their_traces_apart(tmp_path):
    models = [make_model(i) for i in range(2)]
    traces = {}

    def work(i):
        x, y = data(i, n=96)
        with tracekeras.trace(tmp_path / f"t{i}.jsonl") as t:
            models[i].fit(x, y, batch_size=8, epochs=3, verbose=0)
        traces[i] = t

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for i in range(2):
        assert_holds_only_its_own_fit(traces[i], models[i])
        on_disk = tracing.load(tmp_path / f"t{i}.jsonl")
        assert on_disk.records == traces[i].records
        assert not any("tid" in r for r in on_disk.records)   # each thread opened its own


class Turns(Callback):
    """Hands the turn to the other thread at every hook the schedule says."""

    def __init__(self, gate, me):
        super().__init__()
        self.gate, self.me = gate, me

    def on_epoch_begin(self, epoch, logs=None):
        self.gate.hook(self.me)

    def on_train_batch_begin(self, batch, logs=None):
        self.gate.hook(self.me)

    def on_train_batch_end(self, batch, logs=None):
        self.gate.hook(self.me)


class Gate:
    """Lets one of two threads run at a time; at each hook the schedule picks who goes on."""

    def __init__(self, schedule):
        self.schedule = list(schedule)
        self.turn = 0
        self.done = [False, False]
        self.cond = threading.Condition()

    def wait_turn(self, me):
        with self.cond:
            self.cond.wait_for(lambda: self.turn == me, timeout=30)

    def hook(self, me):
        with self.cond:
            nxt = self.schedule.pop(0) if self.schedule else 1 - me
            self.turn = me if self.done[nxt] else nxt
            self.cond.notify_all()
        self.wait_turn(me)

    def finish(self, me):
        with self.cond:
            self.done[me] = True
            self.turn = 1 - me
            self.cond.notify_all()


@settings(max_examples=25, deadline=None)
@given(schedule=st.lists(st.integers(0, 1), min_size=0, max_size=40),
       epochs=st.lists(st.integers(1, 2), min_size=2, max_size=2),
       steps=st.lists(st.integers(1, 4), min_size=2, max_size=2),
       switch=st.sampled_from([None, 1e-6, 1e-4]))
def test_any_schedule_of_two_traced_threads_gives_two_well_formed_traces(schedule, epochs,
                                                                          steps, switch):
    models = [make_model(i) for i in range(2)]
    gate = Gate(schedule) if switch is None else None
    traces, errors = {}, []

    def work(i):
        try:
            x, y = data(i, n=8 * steps[i])
            if gate is not None:
                gate.wait_turn(i)
            cbs = [Turns(gate, i)] if gate is not None else []
            with tracekeras.trace() as t:
                models[i].fit(x, y, batch_size=8, epochs=epochs[i], verbose=0, callbacks=cbs,
                              shuffle=False)
            traces[i] = t
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            if gate is not None:
                gate.finish(i)

    old = sys.getswitchinterval()
    if switch is not None:
        sys.setswitchinterval(switch)
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors
    for i in range(2):
        assert_holds_only_its_own_fit(traces[i], models[i])
        alone = make_model(i)                 # the same fit, untraced, in no thread
        x, y = data(i, n=8 * steps[i])
        alone.fit(x, y, batch_size=8, epochs=epochs[i], verbose=0, shuffle=False)
        for got, want in zip(models[i].get_weights(), alone.get_weights()):
            np.testing.assert_array_equal(got, want)
        epoch_ends = [r for r in traces[i].records
                      if r["ph"] == "E" and r["name"] == tracing.EPOCHS_NAME]
        assert len(epoch_ends) == epochs[i]


def test_a_fit_in_a_thread_started_inside_a_trace_is_recorded_with_its_tid(tmp_path):
    model = make_model(0)
    x, y = data(0, n=96)
    tids = []

    def work():
        tids.append(threading.get_native_id())
        model.fit(x, y, batch_size=8, epochs=3, verbose=0)

    path = tmp_path / "thread.jsonl"
    with tracekeras.trace(path) as t:
        th = threading.Thread(target=work)
        th.start()
        th.join()
    on_disk = tracing.load(path)
    assert on_disk.records == t.records
    assert {r.get("tid") for r in t.records} == {tids[0]}
    fit, = t.spans(FIT)
    fit_end = next(r for r in t.records if r["ph"] == "E" and r["id"] == fit["id"])
    epochs = [r for r in t.records if r["ph"] == "E" and r["name"] == tracing.EPOCHS_NAME]
    assert [r["epoch"] for r in epochs] == [0, 1, 2]
    assert fit_end["ts"] >= max(r["ts"] for r in epochs)
    assert_holds_only_its_own_fit(t, model)


def test_a_thread_still_running_when_its_trace_ends_is_read_as_unfinished(tmp_path):
    model = make_model(0)
    x, y = data(0, n=16)
    entered, release = threading.Event(), threading.Event()

    class Hold(Callback):
        def on_train_batch_begin(self, batch, logs=None):
            entered.set()
            release.wait(30)

    path = tmp_path / "left.jsonl"
    with tracekeras.trace(path):
        th = threading.Thread(target=model.fit, args=(x, y),
                              kwargs=dict(batch_size=8, epochs=2, verbose=0, callbacks=[Hold()]))
        th.start()
        assert entered.wait(30)
    release.set()
    th.join()
    t = tracing.load(path)
    fit, = t.spans(FIT)
    assert fit.get("unfinished") is True and "tid" in fit
    assert not [r for r in t.records if r["ph"] == "B" and r["ts"] > fit["ts"] and
                r["name"] == tracing.EPOCHS_NAME and r.get("epoch") == 1]


def history_and_weights(model, x, y):
    history = model.fit(x, y, batch_size=4, epochs=3, verbose=0, shuffle=True)
    return history.history, model.get_weights()


def test_tracing_a_fit_in_a_thread_changes_no_result():
    x, y = data(3, n=20)
    tracekeras.utils.set_random_seed(7)
    plain_history, plain_weights = history_and_weights(make_model(1), x, y)
    out = {}
    tracekeras.utils.set_random_seed(7)
    model = make_model(1)
    with tracekeras.trace() as t:
        th = threading.Thread(target=lambda: out.update(r=history_and_weights(model, x, y)))
        th.start()
        th.join()
    history, weights = out["r"]
    assert history == plain_history
    for got, want in zip(weights, plain_weights):
        np.testing.assert_array_equal(got, want)
    assert t.spans(FIT)


def test_a_thread_outliving_its_trace_can_open_a_trace_of_its_own(tmp_path):
    model = make_model(0)
    x, y = data(0, n=16)
    first_done, go = threading.Event(), threading.Event()
    out = {}

    def work():
        model.predict(x, verbose=0)          # recorded into the trace it was started in
        first_done.set()
        go.wait(30)
        with tracekeras.trace(tmp_path / "own.jsonl") as own:
            model.fit(x, y, batch_size=8, verbose=0)
        out["own"] = own

    with tracekeras.trace() as outer:
        th = threading.Thread(target=work)
        th.start()
        assert first_done.wait(30)
    go.set()
    th.join()
    assert outer.spans("keras.engine.training.Model.predict")
    assert not outer.spans(FIT)
    assert len(out["own"].spans(FIT)) == 1
    assert tracing.load(tmp_path / "own.jsonl").records == out["own"].records
