"""The timelines ``render`` writes as the records are read (``outputs.write_streamed``).

Perfetto: begin/end events (``"ph": "B"``/``"E"``) in place of the tree's complete events,
but a leaf span's, which is the tree's complete event (``"ph": "X"``) text for text;
what a viewer shows (each track's slices, with their nesting, times and merged args, the
instants, fold markers and metadata) must be what the tree's document shows.
speedscope: the same file byte for byte as the tree's. A trace the streaming writers
cannot take (recorder folds, spans ended out of nesting order, a thread beside the main
one for speedscope) is written from the tree, the same document as before.
"""
import json

import pytest

from tracekeras.tracing import TraceFormatError, jsonl
from tracekeras.tracing.validate import MAX_SPAN_DEPTH
from visualize import chrome, outputs, spans

from .conftest import fixture_path

TRACES = ("seed_fit", "seed_fit_steps", "error_fit", "crashed_fit", "functional_fit")
HEADER = {"format": "tracekeras-trace", "schema": 1, "level": "steps"}


def shown(document):
    """What a viewer shows of a Chrome trace: per track, each slice as (track, name, cat,
    ts, dur, args, depth) with a begin event's args merged with its end's; the instants
    and metadata events; otherData. Events are taken in time order (ties in file order),
    an end closing the latest open begin of its track, as Perfetto and chrome://tracing do."""
    slices, others, stacks = [], [], {}
    ordered = sorted(enumerate(document["traceEvents"]), key=lambda p: (p[1].get("ts", -1), p[0]))
    for _, e in ordered:
        if e["ph"] == "X":
            slices.append((e["tid"], e["name"], e["cat"], e["ts"], e["dur"],
                           json.dumps(e["args"], sort_keys=True)))
        elif e["ph"] == "B":
            stacks.setdefault(e["tid"], []).append(e)
        elif e["ph"] == "E":
            begin = stacks[e["tid"]].pop()
            assert e["ts"] >= begin["ts"]
            slices.append((begin["tid"], begin["name"], begin["cat"], begin["ts"],
                           round(e["ts"] - begin["ts"], 3),
                           json.dumps({**begin["args"], **e.get("args", {})}, sort_keys=True)))
        else:
            others.append(json.dumps(e, sort_keys=True))
    assert not any(stacks.values())
    return sorted(slices), sorted(others), document["otherData"], nesting(slices)


def nesting(slices):
    """Each slice's enclosing slice on its track (by time), as a sorted list of pairs."""
    pairs, stacks = [], {}
    for tid, name, _, ts, dur, *_ in sorted(slices, key=lambda s: (s[0], s[3], -s[4])):
        stack = stacks.setdefault(tid, [])
        while stack and stack[-1][1] + stack[-1][2] < ts + dur - 1e-6:
            stack.pop()
        pairs.append((tid, name, ts, stack[-1][0] if stack else None))
        stack.append((name, ts, dur))
    return sorted(pairs, key=repr)


def streamed(path, fmt, tmp_path):
    out = outputs.render(str(path), fmt, out=str(tmp_path / f"streamed.{fmt}.json"))
    with open(out, encoding="utf-8") as f:
        return f.read()


def from_tree(path, fmt, tmp_path):
    write = outputs.write_chrome_trace if fmt == "perfetto" else outputs.write_speedscope
    out = write(str(tmp_path / f"tree.{fmt}.json"), spans.build(str(path), fold=False))
    with open(out, encoding="utf-8") as f:
        return f.read()


def takes(path, fmt):
    """Does the streaming writer take this trace (no fallback to the tree)?"""
    header, records = jsonl.stream(path, ends=True)
    try:
        if fmt == "perfetto":
            for _ in chrome.StreamedEvents(outputs.dumps).events(header, records):
                pass
        else:
            for _ in chrome.StreamedSpeedscope(header).streamed(records):
                pass
    except chrome.Unstreamable:
        return False
    return True


def write_trace(path, records):
    jsonl.write(str(path), HEADER, records)
    return str(path)


def begin(sid, parent, name, ts, **more):
    return {"ph": "B", "id": sid, "parent": parent, "name": name, "stage": "fit", "ts": ts,
            "args": more.pop("args", {}), **more}


def end(sid, name, ts, **more):
    return {"ph": "E", "id": sid, "name": name, "ts": ts, **more}


def long_trace(path, steps=50):
    """A fit of ``steps`` steps, each with two children, in the recorder's form."""
    records = [begin(1, None, "keras.engine.training.Model.fit", 1000,
                     args={"epochs": 1}, impl="__main__:fit")]
    sid, ts = 1, 2000
    for step in range(steps):
        step_id = sid = sid + 1
        records.append(begin(step_id, 1, "keras.engine.data_adapter.DataHandler.steps", ts,
                             args={"kind": "train", "epoch": 0, "step": step},
                             epoch=0, step=step, stage="step"))
        for name in ("keras.engine.training.Model.train_step", "keras.callbacks.on_batch"):
            sid += 1
            records.append(begin(sid, step_id, name, ts + 10, args={"batch": step,
                                                                   "shape": [2, None]}))
            records.append(end(sid, name, ts + 40, epoch=0, step=step))
            ts += 50
        records.append({"ph": "i", "id": None, "parent": step_id, "name": "keras.mark",
                        "stage": "step", "ts": ts, "args": {"value": True}})
        records.append(end(step_id, "keras.engine.data_adapter.DataHandler.steps", ts + 5,
                           args={"loss": 0.5}, epoch=0, step=step))
        ts += 100
    records.append(end(1, "keras.engine.training.Model.fit", ts))
    return write_trace(path, records)


@pytest.mark.parametrize("name", TRACES)
def test_perfetto_shows_what_the_tree_document_shows(name, tmp_path):
    path = fixture_path(name)
    assert shown(json.loads(streamed(path, "perfetto", tmp_path))) == shown(
        json.loads(from_tree(path, "perfetto", tmp_path)))


@pytest.mark.parametrize("name", TRACES)
def test_speedscope_is_the_tree_document(name, tmp_path):
    path = fixture_path(name)
    assert streamed(path, "speedscope", tmp_path) == from_tree(path, "speedscope", tmp_path)


def test_a_long_trace_streams_with_begin_and_end_events(tmp_path):
    path = long_trace(tmp_path / "long.jsonl")
    assert takes(path, "perfetto") and takes(path, "speedscope")
    text = streamed(path, "perfetto", tmp_path)
    events = json.loads(text)["traceEvents"]
    assert {e["ph"] for e in events} == {"M", "B", "E", "X", "i"}
    # the fit and each step have children: begin and end; the two calls of a step are leaves
    assert sum(e["ph"] == "B" for e in events) == sum(e["ph"] == "E" for e in events) == 51
    assert sum(e["ph"] == "X" for e in events) == 100
    assert shown(json.loads(text)) == shown(json.loads(from_tree(path, "perfetto", tmp_path)))
    step = next(e for e in events if e["ph"] == "B" and e["name"] == "DataHandler.steps")
    assert step["args"] == {"keras": "keras.engine.data_adapter.DataHandler.steps",
                            "stage": "step", "kind": "train", "epoch": 0, "step": 0}
    assert {"args": {"loss": 0.5}}.items() <= next(
        e for e in events if e["ph"] == "E" and "args" in e).items()
    assert streamed(path, "speedscope", tmp_path) == from_tree(path, "speedscope", tmp_path)


def test_the_stored_steps_and_crashed_traces_are_streamed():
    for name in ("seed_fit_steps", "crashed_fit"):
        assert takes(fixture_path(name), "perfetto") and takes(fixture_path(name), "speedscope")


def test_spans_never_ended_close_at_the_last_time_marked_unfinished(tmp_path):
    path = write_trace(tmp_path / "cut.jsonl", [
        begin(1, None, "keras.fit", 100), begin(2, 1, "keras.step", 200),
        begin(3, 2, "keras.inner", 300), end(3, "keras.inner", 400),
        {"ph": "i", "id": None, "parent": 2, "name": "keras.mark", "ts": 900}])
    assert takes(path, "perfetto") and takes(path, "speedscope")
    document = json.loads(streamed(path, "perfetto", tmp_path))
    ends = [e for e in document["traceEvents"] if e["ph"] == "E"]
    assert [(e["ts"], e.get("args")) for e in ends] == [
        (0.9, {"unfinished": True}), (0.9, {"unfinished": True})]
    inner = next(e for e in document["traceEvents"] if e["ph"] == "X")   # a leaf
    assert (inner["name"], inner["ts"], inner["dur"]) == ("keras.inner", 0.3, 0.1)
    assert shown(document) == shown(json.loads(from_tree(path, "perfetto", tmp_path)))
    assert streamed(path, "speedscope", tmp_path) == from_tree(path, "speedscope", tmp_path)


def test_two_threads_interleaved_keep_their_tracks(tmp_path):
    path = write_trace(tmp_path / "threads.jsonl", [
        begin(1, None, "keras.fit", 100), begin(2, None, "keras.fit", 150, tid=4242),
        begin(3, 1, "keras.step", 200), begin(4, 2, "keras.step", 210, tid=4242),
        end(3, "keras.step", 300), end(4, "keras.step", 320), end(1, "keras.fit", 400),
        end(2, "keras.fit", 500)])
    assert takes(path, "perfetto") and not takes(path, "speedscope")
    document = json.loads(streamed(path, "perfetto", tmp_path))
    assert {e["tid"] for e in document["traceEvents"] if e["ph"] == "B"} == {1, 4242}
    assert {"ph": "M", "name": "thread_name", "pid": 1, "tid": 4242,
            "args": {"name": "thread 4242"}} in document["traceEvents"]
    assert shown(document) == shown(json.loads(from_tree(path, "perfetto", tmp_path)))
    assert streamed(path, "speedscope", tmp_path) == from_tree(path, "speedscope", tmp_path)


def test_a_leaf_span_is_one_complete_event_as_the_tree_writes_it(tmp_path):
    """A span with no child whose end carries nothing is one "X" event, the tree's own text,
    where its begin would stand; a span with a child, an instant child or end args keeps
    its begin and end, and the events still nest."""
    path = write_trace(tmp_path / "leaves.jsonl", [
        begin(1, None, "keras.fit", 100, args={"epochs": 1}, impl="__main__:fit"),
        begin(2, 1, "keras.step", 200, epoch=0, step=0),
        begin(3, 2, "keras.leaf", 210, args={"batch": 0, "shape": [2, None]}, epoch=0, step=0),
        end(3, "keras.leaf", 250, epoch=0, step=0),
        begin(4, 2, "keras.with_mark", 260),
        {"ph": "i", "id": None, "parent": 4, "name": "keras.mark", "ts": 270, "args": {}},
        end(4, "keras.with_mark", 280),
        begin(5, 2, "keras.decides", 290), end(5, "keras.decides", 300, args={"chose": "a"}),
        begin(6, 2, "keras.backwards", 310), end(6, "keras.backwards", 305),
        end(2, "keras.step", 400, epoch=0, step=0),
        begin(7, 1, "keras.last_leaf", 2 ** 51), end(7, "keras.last_leaf", 2 ** 51 + 1234),
        begin(8, 1, "keras.never_ended", 2 ** 51 + 2000)])
    assert takes(path, "perfetto")
    events = json.loads(streamed(path, "perfetto", tmp_path))["traceEvents"]
    spans_of = {}
    for e in events:
        if e["ph"] in "BX":
            spans_of.setdefault(e["args"]["keras"], []).append(e["ph"])
    assert spans_of == {"keras.fit": ["B"], "keras.step": ["B"], "keras.leaf": ["X"],
                        "keras.with_mark": ["B"], "keras.decides": ["B"],
                        "keras.backwards": ["X"], "keras.last_leaf": ["X"],
                        "keras.never_ended": ["B"]}
    assert sum(e["ph"] == "E" for e in events) == 5   # fit, step, with_mark, decides, never_ended
    # each X event is the tree document's event for that span, text for text
    tree_text = from_tree(path, "perfetto", tmp_path)
    tree_events = {e["args"]["keras"]: e for e in json.loads(tree_text)["traceEvents"]
                   if e["ph"] == "X"}
    for e in events:
        if e["ph"] == "X":
            assert e == tree_events[e["args"]["keras"]]
            assert outputs.dumps(e) in tree_text
    leaf = next(e for e in events if e["ph"] == "X" and e["name"] == "keras.leaf")
    assert (leaf["ts"], leaf["dur"]) == (0.21, 0.04)   # what its begin/end pair said
    assert leaf["args"] == {"keras": "keras.leaf", "stage": "fit", "batch": 0,
                            "shape": [2, None], "epoch": 0, "step": 0}
    backwards = next(e for e in events if e["ph"] == "X" and e["name"] == "keras.backwards")
    assert (backwards["ts"], backwards["dur"]) == (0.31, 0)   # ends before it begins: no length
    # a leaf stands where its begin stood: between its parent's begin and end
    order = [(e["ph"], e.get("args", {}).get("keras")) for e in events if e["ph"] in "BXE"]
    assert order.index(("X", "keras.leaf")) == order.index(("B", "keras.step")) + 1
    assert shown(json.loads(streamed(path, "perfetto", tmp_path))) == shown(
        json.loads(tree_text))


@pytest.mark.parametrize("records,perfetto,speedscope", [
    # a parent ended while its child is open: left to the tree
    ([begin(1, None, "keras.a", 100), begin(2, 1, "keras.b", 200), end(1, "keras.a", 300),
      end(2, "keras.b", 400)], False, False),
    # a late child (a held step written after its sibling): Perfetto sorts by time
    ([begin(1, None, "keras.a", 100), begin(3, 1, "keras.c", 500), end(3, "keras.c", 600),
      begin(2, 1, "keras.b", 200), end(2, "keras.b", 300), end(1, "keras.a", 700)],
     True, False),
    # end args that name a begin arg, and a recorder fold
    ([begin(1, None, "keras.a", 100, args={"x": 1}), end(1, "keras.a", 200, args={"x": 2})],
     False, True),
    ([begin(1, None, "keras.a", 100, args={"folded": {}}), end(1, "keras.a", 200)],
     False, False),
    # an end before its begin: the slice has no length either way
    ([begin(1, None, "keras.a", 100), begin(2, 1, "keras.b", 300), end(2, "keras.b", 250),
      end(1, "keras.a", 400)], True, False),
])
def test_what_cannot_stream_is_written_from_the_tree(records, perfetto, speedscope, tmp_path):
    path = write_trace(tmp_path / "odd.jsonl", records)
    assert (takes(path, "perfetto"), takes(path, "speedscope")) == (perfetto, speedscope)
    assert shown(json.loads(streamed(path, "perfetto", tmp_path))) == shown(
        json.loads(from_tree(path, "perfetto", tmp_path)))
    assert streamed(path, "speedscope", tmp_path) == from_tree(path, "speedscope", tmp_path)


@pytest.mark.parametrize("fmt", ["perfetto", "speedscope"])
def test_a_span_nested_too_deep_is_refused_as_the_tree_refuses_it(fmt, tmp_path):
    records = [begin(n, n - 1 or None, f"keras.f{n}", n) for n in range(1, MAX_SPAN_DEPTH + 2)]
    path = write_trace(tmp_path / "deep.jsonl", records)
    with pytest.raises(TraceFormatError) as tree_error:
        spans.build(path, fold=False)
    target = tmp_path / f"out.{fmt}.json"
    with pytest.raises(TraceFormatError) as error:
        outputs.render(path, fmt, out=str(target))
    assert str(error.value) == str(tree_error.value)
    assert not target.exists()
