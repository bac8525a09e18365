"""Perfetto / Chrome trace: each recorded thread on its own track, named.

A fit in the thread that opens the trace and a fit in a thread started inside it
(its records carry ``tid``: tracing/threads.py) are recorded into one trace. The
Chrome trace puts the first on track 1 ("Keras engine") and the second on a track
whose ``tid`` is the thread's native id, with a ``thread_name`` event; on each
track the complete events nest (none starts inside another and ends after it).
The streamed file (``render -f perfetto``) is the same document.
"""
import json
import threading

import numpy as np

import tracekeras
from tracekeras import layers, tracing
from tracekeras.models import Sequential
from visualize import chrome, outputs, spans

FIT = "keras.engine.training.Model.fit"


def fit_once(seed, both_inside=None):
    model = Sequential([layers.Dense(4, activation="relu", input_shape=(3,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.random.default_rng(seed).random((32, 3), dtype="float32")
    # each fit waits at the barrier inside its first epoch, so the two fits overlap in
    # time however the threads are scheduled (on a busy machine one could otherwise end
    # before the other begins)
    meet = [] if both_inside is None else [tracekeras.callbacks.LambdaCallback(
        on_epoch_begin=lambda epoch, logs: epoch or both_inside.wait(timeout=60))]
    model.fit(x, x[:, :1], batch_size=8, epochs=2, verbose=0, callbacks=meet)


def two_thread_trace(path):
    tids, both_inside = [], threading.Barrier(2)

    def work():
        tids.append(threading.get_native_id())
        fit_once(1, both_inside)

    with tracekeras.trace(path, level="steps"):
        thread = threading.Thread(target=work)
        thread.start()
        fit_once(0, both_inside)
        thread.join()
    return tids[0]


def nest_on_each_track(events):
    by_track = {}
    for e in events:
        if e["ph"] == "X":
            by_track.setdefault(e["tid"], []).append((e["ts"], -e["dur"], e["ts"] + e["dur"]))
    for spans_of_track in by_track.values():
        open_ends = []
        for start, _, end in sorted(spans_of_track):
            while open_ends and open_ends[-1] <= start:
                open_ends.pop()
            if open_ends and end > open_ends[-1] + 0.002:   # microseconds, rounded to ns
                return False
            open_ends.append(end)
    return True


def test_a_thread_started_inside_the_trace_has_its_own_named_track(tmp_path):
    path = str(tmp_path / "threads.jsonl")
    tid = two_thread_trace(path)
    doc = chrome.chrome_trace(path)
    events = doc["traceEvents"]
    names = {e["tid"]: e["args"]["name"] for e in events
             if e["ph"] == "M" and e["name"] == "thread_name"}
    assert names == {chrome.TID: "Keras engine", tid: f"thread {tid}"}
    fits = [e for e in events if e["ph"] == "X" and e["args"]["keras"] == FIT]
    assert sorted(e["tid"] for e in fits) == sorted([chrome.TID, tid])
    by_thread = {r.get("tid", chrome.TID) for r in tracing.load(path).records}
    assert {e["tid"] for e in events if e["ph"] != "M"} == by_thread == {chrome.TID, tid}
    assert nest_on_each_track(events)
    written = outputs.write_chrome_trace(str(tmp_path / "t.json"),
                                         spans.build(path, fold=False))
    with open(written, encoding="utf-8") as f:
        assert json.load(f) == json.loads(json.dumps(doc))


def test_a_tid_that_is_not_a_whole_number_stays_on_the_main_track():
    header = {"format": "tracekeras-trace", "schema": 1, "level": "steps"}
    records = [{"ph": "B", "id": 1, "parent": None, "name": FIT, "stage": "fit", "ts": 1,
                "tid": tid} for tid in ([1, 2], "x", 2.5, True)]
    records = [dict(r, id=n + 1) for n, r in enumerate(records)]
    events = chrome.chrome_trace((header, records))["traceEvents"]
    assert {e["tid"] for e in events} == {chrome.TID}


def balanced(events):
    """Do the open/close events nest (each close ends the latest open frame) in time order?"""
    stack, at = [], None
    for e in events:
        if at is not None and e["at"] < at:
            return False
        at = e["at"]
        if e["type"] == "O":
            stack.append(e["frame"])
        elif not stack or stack.pop() != e["frame"]:
            return False
    return not stack


def fit_times(events, frames):
    """(open, close) of each Model.fit frame among speedscope events."""
    times, stack = [], []
    for e in events:
        if e["type"] == "O":
            stack.append(e["at"])
        else:
            opened = stack.pop()
            if frames[e["frame"]]["name"] == "Model.fit":
                times.append((opened, e["at"]))
    return times


def test_speedscope_gives_each_thread_a_profile_of_its_own(tmp_path):
    path = str(tmp_path / "threads.jsonl")
    tid = two_thread_trace(path)
    doc = chrome.speedscope(path)
    title = "tracekeras trace (level steps)"
    assert [p["name"] for p in doc["profiles"]] == [title, f"{title}: thread {tid}"]
    tree = spans.build(path, fold=False)
    fits = {chrome.track(top): top for top in tree.root.children if top.name == FIT}
    frames = doc["shared"]["frames"]
    for profile, track in zip(doc["profiles"], [chrome.TID, tid]):
        events = profile["events"]
        assert balanced(events)
        # each thread's fit opens at its own start and closes at its own end: the
        # other thread's fit, overlapping it in time, does not push it aside
        assert fit_times(events, frames) == [(fits[track].start, fits[track].end)]
    assert fits[chrome.TID].start < fits[tid].end and fits[tid].start < fits[chrome.TID].end
    written = outputs.write_speedscope(str(tmp_path / "t.json"), tree)
    with open(written, encoding="utf-8") as f:
        assert json.load(f) == json.loads(json.dumps(doc))


def test_speedscope_of_one_thread_is_one_profile(tmp_path):
    path = str(tmp_path / "one.jsonl")
    with tracekeras.trace(path, level="steps"):
        fit_once(0)
    doc = chrome.speedscope(path)
    assert len(doc["profiles"]) == 1 and balanced(doc["profiles"][0]["events"])
