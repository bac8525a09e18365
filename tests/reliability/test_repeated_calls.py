"""Repeated top-level calls keep a trace and its memory bounded.

Before: 1,000 ``train_on_batch`` calls made 40,000 records, and ``fit`` in a
``while True`` loop grew to gigabytes. Now (``tracekeras/tracing/folding.py``)
the first ``KEEP_CALLS`` (2) calls of each user-level method are recorded, later
identical ones are counted (``folded_calls`` on the end record of the last one,
written when the trace ends), and one that differs (it raised, or ran spans in
a shape not kept before) is kept. The bound asserted here, in counts: N
repeated calls make exactly as many records as 10, for every N (the first two
calls, the first folded one, whose steps fold, so its shape is new, and the
last); traced memory (tracemalloc) grows by less than 128 KiB over hundreds of
calls (one call's records are ~20 KB: linear growth would be megabytes; what does
grow once is the held last call, whose first steps are recorded in full, and
Python's free lists of floats, which tracemalloc still counts). The
reference stage lists of the seed runs (tests/training/test_stage_order.py) and
the docs' figures (a chapter fits eight kinds of data in one trace: each kind a
new shape, kept) do not change.
"""
import gc
import tracemalloc

import numpy as np
import pytest

import tracekeras
from tracekeras import layers, tracing
from tracekeras.models import Sequential

TRAIN_ON_BATCH = "keras.engine.training.Model.train_on_batch"


@pytest.fixture
def model():
    m = Sequential([layers.Dense(4, activation="relu", input_shape=(3,)), layers.Dense(1)])
    m.compile("sgd", "mse", metrics=["mae"])
    return m


@pytest.fixture
def xy():
    x = np.random.default_rng(0).random((32, 3), dtype="float32")
    return x, x[:, :1]


CALLS = {
    "train_on_batch": lambda m, x, y: m.train_on_batch(x, y),
    "test_on_batch": lambda m, x, y: m.test_on_batch(x, y),
    "predict_on_batch": lambda m, x, y: m.predict_on_batch(x),
    "fit": lambda m, x, y: m.fit(x, y, batch_size=8, epochs=2, verbose=0, validation_split=0.25),
    "evaluate": lambda m, x, y: m.evaluate(x, y, batch_size=8, verbose=0),
    "predict": lambda m, x, y: m.predict(x, batch_size=8, verbose=0),
}


def records_after(model, x, y, call, n):
    with tracekeras.trace() as t:
        for _ in range(n):
            call(model, x, y)
    return t


@pytest.mark.parametrize("method", list(CALLS))
def test_repeated_calls_add_no_records_after_the_first_few(model, xy, method):
    x, y = xy
    call = CALLS[method]
    call(model, x, y)                       # built and warmed outside the traces
    few = records_after(model, x, y, call, 10)
    n = 60 if method in ("fit", "evaluate") else 300
    many = records_after(model, x, y, call, n)
    name = f"keras.engine.training.Model.{method}"
    assert len(many.records) == len(few.records)
    # the first two, the first folded one (a shape not kept before: its steps fold), the last
    assert len(many.spans(name)) == 4
    ends = [r for r in many.records if r["ph"] == "E" and "folded_calls" in r.get("args", {})]
    assert [r["name"] for r in ends] == [name]
    stats = ends[0]["args"]["folded_calls"]
    assert stats["count"] == n - 2          # every call past the first two, the last included
    assert stats["min_ns"] <= stats["mean_ns"] <= stats["max_ns"]


def test_a_thousand_train_on_batch_calls_make_as_many_records_as_ten(model, xy):
    x, y = xy
    model.train_on_batch(x, y)
    ten = records_after(model, x, y, CALLS["train_on_batch"], 10)
    thousand = records_after(model, x, y, CALLS["train_on_batch"], 1000)
    assert len(thousand.records) == len(ten.records) < 200
    end = next(r for r in thousand.records if "folded_calls" in r.get("args", {}))
    assert end["args"]["folded_calls"]["count"] == 998


def test_a_call_that_differs_is_kept(model, xy):
    x, y = xy
    model.train_on_batch(x, y)
    with tracekeras.trace() as t:
        for i in range(10):
            if i == 5:
                with pytest.raises(ValueError):
                    model.train_on_batch(x[:, :2], y)
            model.train_on_batch(x, y)
    failed = [r for r in t.records if r["ph"] == "E" and r["name"] == TRAIN_ON_BATCH
              and "error" in r]
    assert len(failed) == 1 and failed[0]["error"]["type"] == "builtins.ValueError"
    # the first two, the first folded one (a new shape), the one that raised, the last
    kept = [r["id"] for r in t.spans(TRAIN_ON_BATCH)]
    assert len(kept) == 5 and kept[3] == failed[0]["id"]


def test_calls_inside_a_span_are_not_call_folded(model, xy):
    x, y = xy
    with tracekeras.trace() as t:
        with tracing.span("keras.user_loop", "fit"):
            for _ in range(5):
                model.train_on_batch(x, y)
    assert len(t.spans(TRAIN_ON_BATCH)) == 5


def traced_memory_growth(call, warm, measured):
    marks = []
    with tracekeras.trace():
        for _ in range(warm):
            call()
        gc.collect()
        tracemalloc.start()
        try:
            marks.append(tracemalloc.get_traced_memory()[0])
            for _ in range(measured):
                call()
            gc.collect()
            marks.append(tracemalloc.get_traced_memory()[0])
        finally:
            tracemalloc.stop()
    return marks[1] - marks[0]


def test_memory_stays_flat_over_repeated_train_on_batch_and_fit(model, xy):
    x, y = xy
    growth = traced_memory_growth(lambda: model.train_on_batch(x, y), 20, 150)
    assert growth < 128 * 1024, f"traced memory grew {growth} bytes over 150 train_on_batch calls"
    growth = traced_memory_growth(lambda: model.fit(x, y, batch_size=8, verbose=0), 10, 40)
    assert growth < 128 * 1024, f"traced memory grew {growth} bytes over 40 fit calls"
