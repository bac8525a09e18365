"""Plain begin records read by one match (tracing/jsonl.py: PLAIN_BEGIN, ``begins=True``).

The Perfetto writer reads a trace with ``jsonl.stream(path, ends=True, begins=True)``:
a span's begin with flat args comes as its fields and its args' own JSON text, neither
decoded nor checked again. These tests hold the match to what the contract check passes
(a line it matches is a record ``validate.plainly_valid`` accepts, needing no repair, and
the tuple holds its fields), and the reading with it to the reading without it: the same
records, the same refusals with the same line numbers.
"""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracekeras import tracing
from tracekeras.tracing import jsonl, validate

HEADER = {"format": "tracekeras-trace", "schema": 1, "level": "steps"}
NAME = "keras.engine.training.Model.train_step"


def line(record, ascii=True):
    return json.dumps(record, separators=(",", ":"), ensure_ascii=ascii)


def as_record(found):
    """The record a begin tuple stands for (its args decoded), None fields left out."""
    sid, parent, name, impl, stage, ts, args, epoch, step = found
    record = {"ph": "B", "id": sid, "parent": parent, "name": name, "impl": impl,
              "stage": stage, "ts": ts, "args": json.loads(args), "epoch": epoch, "step": step}
    return {k: v for k, v in record.items() if v is not None or k == "parent"}


def test_the_recorders_plain_begin_is_matched():
    for record in (
            {"ph": "B", "id": 31, "parent": 30, "name": NAME, "impl": "__main__:fit",
             "stage": "callbacks", "ts": 196743, "args": {"batch": 0}, "epoch": 0, "step": 0},
            {"ph": "B", "id": 0, "parent": None, "name": "", "ts": 0, "args": {}},
            {"ph": "B", "id": 5, "parent": 1, "name": "é" * 1000, "stage": "fit", "ts": 7,
             "args": {"shape": [None, 3], "ok": True, "no": False, "x": None, "s": "é",
                      "layer": "dense", "kind": None, "n": -4}}):
        for ascii in (True, False):
            found = jsonl.begin_match(line(record, ascii))
            if ascii and "é" in line(record, False):
                assert found is None       # an escape: left to the full reading
                continue
            assert found and as_record(found) == record
            assert validate.plainly_valid(json.loads(line(record)))


@pytest.mark.parametrize("args", [
    {"folded": {}}, {"layer": 3}, {"kind": ["a"]}, {"x": 1.5}, {"x": {"y": 1}}, {"x": [1.5]},
    {"x": ["a"]}, {"x": 'a"b'}, {"x": "a\x1bb"}, {"x": "a\x85b"}, {"x": -0}, {"x": 1e400},
], ids=["folded", "layer-int", "kind-list", "float", "object", "float-list", "text-list",
        "quote", "ESC", "C1", "minus-zero", "infinity"])
def test_args_beyond_the_flat_ones_are_left_to_the_full_reading(args):
    record = {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 7, "args": args}
    text = line(record, False).replace('"x":0', '"x":-0')
    assert jsonl.begin_match(text) is None


@pytest.mark.parametrize("record", [
    {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 7},
    {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 7, "args": {}, "tid": 3},
    {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 7, "args": {}, "unfinished": True},
    {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 7, "args": {}, "error": {}},
    {"ph": "B", "id": 5, "parent": None, "name": "x" * 1001, "ts": 7, "args": {}},
    {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 10**18, "args": {}},
    {"ph": "B", "id": -5, "parent": None, "name": NAME, "ts": 7, "args": {}},
    {"ph": "B", "id": 5, "parent": "1", "name": NAME, "ts": 7, "args": {}},
    {"ph": "B", "id": 5, "parent": None, "name": NAME, "ts": 7, "args": {}, "epoch": "0"},
    {"ph": "i", "id": 5, "parent": None, "name": NAME, "ts": 7, "args": {}},
    {"id": 5, "ph": "B", "parent": None, "name": NAME, "ts": 7, "args": {}},
], ids=["no-args", "tid", "unfinished", "error", "name-1001", "ts-10**18", "id-negative",
        "parent-string", "epoch-string", "instant", "key-order"])
def test_other_records_are_left_to_the_full_reading(record):
    assert jsonl.begin_match(line(record)) is None


values = st.one_of(st.integers(-3, 2**70), st.text(max_size=4), st.none(), st.booleans(),
                   st.lists(st.one_of(st.integers(-3, 9), st.none()), max_size=3),
                   st.floats(allow_nan=True), st.dictionaries(st.text(max_size=2),
                                                              st.integers(), max_size=1))
begins = st.fixed_dictionaries(
    {"ph": st.sampled_from(["B", "B", "E", "b"]),
     "id": st.one_of(st.integers(-3, 2**64), st.just("1"), st.none()),
     "parent": st.one_of(st.none(), st.integers(-3, 9), st.just("x")),
     "name": st.one_of(st.text(max_size=5), st.text(min_size=998, max_size=1002), st.none()),
     "ts": st.one_of(st.integers(-3, 2**64), st.booleans()),
     "args": st.one_of(st.dictionaries(st.sampled_from(
         ["a", "layer", "kind", "folded", "é", "b\x1b"]), values, max_size=3), st.none())},
    optional={"impl": st.one_of(st.text(max_size=3), st.none()),
              "stage": st.one_of(st.text(max_size=3), st.integers()),
              "epoch": st.one_of(st.integers(-3, 2**64), st.text(max_size=2)),
              "step": st.one_of(st.integers(-3, 9), st.booleans())})


@settings(max_examples=300, deadline=None)
@given(begins, st.booleans())
def test_a_matched_line_is_a_plainly_valid_record_needing_no_repair(record, ascii):
    text = line(record, ascii)
    found = jsonl.begin_match(text)
    if found is None:
        return
    decoded = json.loads(text)
    assert validate.plainly_valid(decoded)
    assert validate.check_record(json.loads(text)) == decoded      # nothing repaired
    assert as_record(found) == {k: v for k, v in decoded.items() if v is not None
                                or k == "parent"}


def read(path, begins):
    header, records = jsonl.stream(path, ends=True, begins=begins)
    out = []
    for r in records:
        if type(r) is tuple and len(r) > 2:
            r = as_record(r)
        elif type(r) is dict:
            r = {k: v for k, v in r.items() if v is not None or k == "parent"}
        out.append(r)
    return out


@settings(max_examples=25, deadline=None)
@given(st.lists(begins, min_size=1, max_size=30), st.integers(0, 3000))
def test_a_file_reads_to_the_same_records_and_refusals_either_way(tmp_path_factory, records,
                                                                  filler):
    path = tmp_path_factory.mktemp("t") / "t.jsonl"
    good = {"ph": "B", "id": 1, "parent": None, "name": NAME, "ts": 5, "args": {"n": 1}}
    lines = [line(HEADER)] + [line(good)] * filler + [line(r, False) for r in records] \
        + [line(good)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = []
    for begins in (False, True):
        try:
            outcome.append(read(str(path), begins))
        except tracing.TraceFormatError as exc:
            outcome.append(str(exc))
    assert outcome[0] == outcome[1]
