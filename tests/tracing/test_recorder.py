"""The trace contract: spans, instants, levels, errors, folding (tracekeras.tracing)."""
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracekeras
from tracekeras import tracing


@tracing.traced("fit", name="keras.engine.training.Model.fit", args=lambda x: {"x": x},
                result=lambda ret: {"ret": ret})
def fit_like(x):
    return x * 2


@tracing.traced("layer", name="keras.engine.base_layer.Layer.__call__", level="full")
def full_only():
    return "ran"


@tracing.traced("compile", name="keras.engine.training.Model.compile")
def raises():
    raise KeyError("boom")


def test_traced_call_records_begin_and_end_with_args_and_result():
    with tracekeras.trace() as t:
        assert fit_like(21) == 42
    begin, end = t.records
    assert (begin["ph"], begin["name"], begin["stage"], begin["args"]) == (
        "B", "keras.engine.training.Model.fit", "fit", {"x": 21})
    assert begin["parent"] is None and begin["impl"].endswith(":fit_like")
    assert (end["ph"], end["id"], end["args"]) == ("E", begin["id"], {"ret": 42})
    assert end["ts"] >= begin["ts"]


def test_tracing_off_records_nothing_and_returns_the_same():
    assert tracing.state.recorder is None
    assert fit_like(3) == 6
    assert full_only() == "ran"


def test_a_span_records_then_reraises_the_exception():
    with tracekeras.trace() as t:
        with pytest.raises(KeyError, match="boom"):
            raises()
    end = t.records[-1]
    assert end["error"] == {"type": "builtins.KeyError", "message": "'boom'"}


def test_levels_filter_calls_above_the_trace_level():
    with tracekeras.trace(level="stages") as t:
        full_only()
    assert t.records == []
    with tracekeras.trace(level="full") as t:
        full_only()
    assert t.names() == ["keras.engine.base_layer.Layer.__call__"]


def test_unknown_level_is_refused():
    with pytest.raises(ValueError,
                       match="Unknown trace level: 'all'. Expected one of stages, steps, full."):
        tracekeras.trace(level="all")


def test_nesting_parent_ids_instants_and_notes():
    with tracekeras.trace() as t:
        with tracing.span("keras.engine.training.Model.fit", "fit", model="m") as outer:
            tracing.instant("keras.callbacks.CallbackList._add_default_callbacks", "callbacks",
                            added=["History"])
            fit_like(1)
            tracing.note(chosen="TensorLikeDataAdapter")
            outer.note(epochs=1)
    b_outer, inst, b_inner, e_inner, e_outer = t.records
    assert inst["ph"] == "i" and inst["parent"] == b_outer["id"]
    assert b_inner["parent"] == b_outer["id"]
    assert e_outer["args"] == {"chosen": "TensorLikeDataAdapter", "epochs": 1}


def test_a_trace_opened_inside_another_joins_it():
    with tracekeras.trace() as outer:
        fit_like(1)
        with tracekeras.trace(level="full") as inner:
            fit_like(2)
        fit_like(3)
    assert [r["args"] for r in outer.records if r["ph"] == "B"] == [{"x": 1}, {"x": 2}, {"x": 3}]
    assert [r["args"] for r in inner.records if r["ph"] == "B"] == [{"x": 2}]
    assert inner.level == inner.header["level"] == "stages"   # the outer level applies
    assert tracing.state.recorder is None


def test_arrays_are_summarised_never_dumped():
    x = np.arange(6, dtype="float32").reshape(2, 3)
    assert tracing.json_safe({"x": x, "n": np.int64(3)}) == {
        "x": {"shape": [2, 3], "dtype": "float32", "min": 0.0, "max": 5.0, "mean": 2.5}, "n": 3}
    assert tracing.json_safe(float("nan")) == "nan"


def test_a_failing_args_function_never_breaks_the_call():
    @tracing.traced("fit", name="keras.x", args=lambda: 1 / 0)
    def f():
        return 5
    with tracekeras.trace() as t:
        assert f() == 5
    assert "ZeroDivisionError" in t.records[0]["args"]["args_error"]


def run_epochs(epochs, steps, notable_step=None, stop_at=None):
    for epoch in range(epochs):
        with tracing.epoch_scope(tracing.EPOCHS_NAME, "fit", epoch):
            for step in range(steps):
                with tracing.step_scope("train", epoch, step):
                    fit_like(step)
                    if (epoch, step) == notable_step:
                        tracing.instant("keras.engine.base_layer.Layer.add_weight", "weights")
                    if (epoch, step) == stop_at:
                        tracing.stop_requested()


def steps_kept(t):
    return [(r["args"]["epoch"], r["args"]["step"]) for r in t.spans(tracing.STEP_NAME)]


def test_stages_level_keeps_first_steps_last_of_each_epoch_and_notable_ones():
    with tracekeras.trace() as t:
        run_epochs(3, 10, notable_step=(1, 4), stop_at=(2, 6))
    assert steps_kept(t) == [(0, 0), (0, 1), (0, 9), (1, 4), (1, 9), (2, 6), (2, 9)]
    ends = [r for r in t.records if r["ph"] == "E" and r["name"].endswith("enumerate_epochs")]
    folded = [e["args"]["folded"]["train"]["count"] for e in ends]
    assert folded == [8, 10, 10]
    stats = ends[1]["args"]["folded"]["train"]
    assert stats["min_ns"] <= stats["mean_ns"] <= stats["max_ns"]
    # records inside a kept step carry the loop position
    inner = [r for r in t.records
             if r["name"] == "keras.engine.training.Model.fit" and r["ph"] == "B"]
    assert (inner[0]["epoch"], inner[0]["step"]) == (0, 0)


def test_the_held_last_step_is_written_in_its_place_before_on_epoch_end():
    # at level stages the last step of an epoch is held while it might not be the last;
    # the first record after it outside a step (on_epoch_end here) writes it, so the
    # trace keeps the order the calls ran in (it used to land after on_epoch_end)
    with tracekeras.trace() as t:
        for epoch in range(2):
            with tracing.epoch_scope(tracing.EPOCHS_NAME, "fit", epoch):
                for step in range(5):
                    with tracing.step_scope("train", epoch, step):
                        fit_like(step)
                tracing.instant("keras.callbacks.CallbackList.on_epoch_end", "callbacks",
                                epoch=epoch)
    end = "keras.callbacks.CallbackList.on_epoch_end"
    order = [(r["name"], r.get("epoch"), r.get("step")) for r in t.records
             if r["ph"] != "E" and r["name"] in (tracing.STEP_NAME, end)]
    assert order == [(tracing.STEP_NAME, 0, 0), (tracing.STEP_NAME, 0, 1),
                     (tracing.STEP_NAME, 0, 4), (end, 0, None),
                     (tracing.STEP_NAME, 1, 4), (end, 1, None)]
    times = [r["ts"] for r in t.records]
    assert times == sorted(times)


def test_steps_level_keeps_every_step():
    with tracekeras.trace(level="steps") as t:
        run_epochs(2, 5)
    assert len(steps_kept(t)) == 10


def record_count(steps):
    with tracekeras.trace() as t:
        run_epochs(2, steps)
    return len(t.records), steps_kept(t)


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=3, max_value=400))
def test_stages_level_trace_size_does_not_grow_with_steps(steps):
    count, kept = record_count(steps)
    assert count == record_count(3)[0]
    assert kept == [(0, 0), (0, 1), (0, steps - 1), (1, steps - 1)]


def test_importing_tracing_loads_neither_numpy_nor_the_engine():
    code = ("import sys, tracekeras.tracing, tracekeras; "
            "bad = [m for m in ('numpy', 'tracekeras.engine', 'tracekeras.backend') "
            "if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@tracing.traced("step", name="keras.engine.training.Model.train_step",
                args=lambda step, weights=None: {"step": step, "shape": (step, 2), "loss": step / 2,
                                                 "weights": weights})
def step_like(step, weights=None):
    return step


def test_a_folded_step_makes_plain_args_json_safe_only_if_kept(monkeypatch):
    from tracekeras.tracing import folding, recorder
    safe_steps = []

    def counting_json_safe(value, depth=0):
        if isinstance(value, dict) and "shape" in value:
            safe_steps.append(value["step"])
        return tracing.json_safe(value, depth)
    monkeypatch.setattr(recorder, "json_safe", counting_json_safe)
    monkeypatch.setattr(folding, "json_safe", counting_json_safe)   # kept steps expand there
    with tracekeras.trace() as t:
        with tracing.epoch_scope(tracing.EPOCHS_NAME, "fit", 0):
            for step in range(10):
                with tracing.step_scope("train", 0, step):
                    step_like(step)
    # the first KEEP_STEPS and the held last one, never a dropped one
    assert safe_steps == [0, 1, 9]
    last = [r for r in t.records if r["name"].endswith("train_step") and r["ph"] == "B"][-1]
    assert last["args"] == {"step": 9, "shape": [9, 2], "loss": 4.5, "weights": None}
    assert (last["epoch"], last["step"]) == (0, 9)


def test_a_folded_step_summarises_arrays_when_recorded_not_when_kept():
    weights = np.zeros(3, dtype="float32")
    with tracekeras.trace() as t:
        with tracing.epoch_scope(tracing.EPOCHS_NAME, "fit", 0):
            for step in range(5):
                with tracing.step_scope("train", 0, step):
                    step_like(step, weights)
                    weights += 1  # assigned in place after the span, like a Variable
    last = [r for r in t.records if r["name"].endswith("train_step") and r["ph"] == "B"][-1]
    assert last["args"]["step"] == 4
    assert last["args"]["weights"]["mean"] == 4.0  # its value at step 4, not the final 5.0


# -- light steps: a folded step known not to be its epoch's last ------------------------

def run_sized_epoch(steps, inside=None, epoch=0):
    """One epoch whose loop knows its size (as fit on arrays does): ``last`` is given."""
    with tracing.epoch_scope(tracing.EPOCHS_NAME, "fit",
                             epoch):
        for step in range(steps):
            with tracing.step_scope("train", epoch, step, last=step == steps - 1):
                fit_like(step)
                if inside is not None:
                    inside(step)


def test_a_light_step_runs_its_traced_calls_untraced(monkeypatch):
    calls = []
    with tracekeras.trace() as t:
        run_sized_epoch(10, inside=lambda step: calls.append(tracing.state.recorder.light))
    # steps 0-1 are kept in full, 2-8 run light, 9 (the last) is recorded in full again
    assert calls == [False, False] + [True] * 7 + [False]
    assert steps_kept(t) == [(0, 0), (0, 1), (0, 9)]
    fits = [r["args"]["x"] for r in t.records if r["name"].endswith("Model.fit") and r["ph"] == "B"]
    assert fits == [0, 1, 9]
    end = [r for r in t.records if r["ph"] == "E" and r["name"].endswith("enumerate_epochs")][0]
    assert end["args"]["folded"]["train"]["count"] == 8   # the light steps are counted and timed


def test_a_light_step_that_adds_a_weight_is_kept_with_its_notable_records():
    def inside(step):
        if step == 5:
            with tracing.span("keras.engine.base_layer.Layer.add_weight", "weights", weight="k"):
                tracing.note(shape=[2, 2])
        tracing.note(decision="made already")   # from a span a light step does not record

    with tracekeras.trace() as t:
        run_sized_epoch(10, inside=inside)
    assert steps_kept(t) == [(0, 0), (0, 1), (0, 5), (0, 9)]
    step5 = next(r for r in t.spans(tracing.STEP_NAME) if r["args"]["step"] == 5)
    inner = [r for r in t.records if r.get("parent") == step5["id"]]
    assert [r["name"] for r in inner] == ["keras.engine.base_layer.Layer.add_weight"]
    assert inner[0]["args"] == {"weight": "k"}
    ends = {r["id"]: r for r in t.records if r["ph"] == "E"}
    assert ends[inner[0]["id"]]["args"] == {"shape": [2, 2]}
    assert ends[step5["id"]]["args"] == {"recorded": "notable records only"}


def test_a_light_step_that_raises_is_kept_with_the_error():
    def inside(step):
        if step == 4:
            raise RuntimeError("bad batch")

    with tracekeras.trace() as t:
        with pytest.raises(RuntimeError, match="bad batch"):
            run_sized_epoch(10, inside=inside)
    step4 = next(r for r in t.spans(tracing.STEP_NAME) if r["args"]["step"] == 4)
    end = next(r for r in t.records if r["ph"] == "E" and r["id"] == step4["id"])
    assert end["error"]["message"] == "bad batch"
    assert end["args"]["recorded"] == "notable records only"
    assert tracing.state.recorder is None


def test_a_loop_inside_a_light_step_ends_the_lightness_and_keeps_the_step():
    def inside(step):
        if step == 3:
            with tracing.epoch_scope(tracing.EPOCHS_NAME,
                                     "evaluate"):
                with tracing.step_scope("test", None, 0, last=True):
                    fit_like(100)
            fit_like(101)

    with tracekeras.trace() as t:
        run_sized_epoch(6, inside=inside)
    fits = [r["args"]["x"] for r in t.records if r["name"].endswith("Model.fit") and r["ph"] == "B"]
    assert fits == [0, 1, 100, 101, 5]   # step 3's own fit_like(3) ran light, before the loop
    assert (0, 3) in steps_kept(t)


def test_steps_of_unknown_size_are_never_light():
    with tracekeras.trace() as t:
        run_epochs(1, 6)
    assert len(t.records) > 0
    with tracekeras.trace() as t:
        with tracing.epoch_scope(tracing.EPOCHS_NAME, "fit", 0):
            for step in range(6):
                with tracing.step_scope("train", 0, step):
                    assert not tracing.state.recorder.light
