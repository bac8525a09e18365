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


def fit_once(seed):
    model = Sequential([layers.Dense(4, activation="relu", input_shape=(3,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.random.default_rng(seed).random((32, 3), dtype="float32")
    model.fit(x, x[:, :1], batch_size=8, epochs=2, verbose=0)


def two_thread_trace(path):
    tids = []

    def work():
        tids.append(threading.get_native_id())
        fit_once(1)

    with tracekeras.trace(path, level="steps"):
        thread = threading.Thread(target=work)
        thread.start()
        fit_once(0)
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
