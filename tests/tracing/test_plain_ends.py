"""Plain end records read by one match (tracing/jsonl.py: PLAIN_END, plain_batch).

Half the lines of a long trace are a span's end that carries nothing but where it
stands. The tree reading (``jsonl.stream(path, ends=True)``) takes such a line by one
regular expression, as ``(id, ts)``, without decoding or checking it again. These
tests hold the match to what the contract check passes (a line it matches is a record
``validate.plainly_valid`` accepts, needing no repair), and the reading with it to the
reading without it: the same records in the same order, the same refusals.
"""
import json
import os

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracekeras import tracing
from tracekeras.tracing import jsonl, validate
from visualize import spans

HEADER = {"format": "tracekeras-trace", "schema": 1, "level": "steps"}
NAME = "keras.engine.training.Model.train_step"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def line(record):
    return json.dumps(record, separators=(",", ":"))


def test_the_recorders_plain_end_is_matched():
    for record in ({"ph": "E", "id": 5, "name": NAME, "ts": 7, "epoch": 0, "step": 1},
                   {"ph": "E", "id": 0, "name": "", "ts": 0},
                   {"ph": "E", "id": 10**18 - 1, "name": "é" * 1000, "ts": 10**18 - 1}):
        found = jsonl.PLAIN_END.fullmatch(json.dumps(record, separators=(",", ":"),
                                                     ensure_ascii=False))
        assert found and (int(found[1]), int(found[2])) == (record["id"], record["ts"])


@pytest.mark.parametrize("record", [
    {"ph": "E", "id": "5", "name": NAME, "ts": 7},
    {"ph": "E", "id": -5, "name": NAME, "ts": 7},
    {"ph": "E", "id": 5.0, "name": NAME, "ts": 7},
    {"ph": "E", "id": 5, "name": NAME, "ts": -1},
    {"ph": "E", "id": 5, "name": NAME, "ts": 2**63},
    {"ph": "E", "id": 5, "name": NAME, "ts": 10**18},
    {"ph": "E", "id": 5, "name": "x" * 1001, "ts": 7},
    {"ph": "E", "id": 5, "name": "a\x1bb", "ts": 7},
    {"ph": "E", "id": 5, "name": "a\x85b", "ts": 7},
    {"ph": "E", "id": 5, "name": "a\"b", "ts": 7},
    {"ph": "E", "id": 5, "name": None, "ts": 7},
    {"ph": "E", "id": 5, "name": NAME, "ts": 7, "epoch": "0"},
    {"ph": "E", "id": 5, "name": NAME, "ts": 7, "step": True},
    {"ph": "E", "id": 5, "name": NAME, "ts": 7, "error": "boom"},
    {"ph": "E", "id": 5, "name": NAME, "ts": 7, "unfinished": True},
    {"ph": "E", "id": 5, "name": NAME, "ts": 7, "tid": 3},
    {"ph": "E", "id": 5, "name": NAME, "ts": 7, "args": {"folded": {}}},
    {"ph": "B", "id": 5, "name": NAME, "ts": 7},
    {"id": 5, "ph": "E", "name": NAME, "ts": 7},
], ids=["id-string", "id-negative", "id-float", "ts-negative", "ts-2**63", "ts-10**18",
        "name-1001", "name-ESC", "name-C1", "name-quote", "name-null", "epoch-string",
        "step-bool", "error", "unfinished", "tid", "args", "begin", "key-order"])
def test_anything_else_is_left_to_the_full_reading(record):
    assert jsonl.PLAIN_END.fullmatch(line(record)) is None
    assert jsonl.PLAIN_END.fullmatch(json.dumps(record, separators=(",", ":"),
                                                ensure_ascii=False)) is None


ends = st.fixed_dictionaries(
    {"ph": st.sampled_from(["E", "E", "B", "e", 1]),
     "id": st.one_of(st.integers(-3, 2**64), st.just("1"), st.floats(0, 9), st.none()),
     "name": st.one_of(st.text(max_size=5), st.text(min_size=998, max_size=1002),
                       st.none(), st.integers()),
     "ts": st.one_of(st.integers(-3, 2**64), st.booleans(), st.floats(0, 9))},
    optional={"epoch": st.one_of(st.integers(-3, 2**64), st.text(max_size=2), st.none()),
              "step": st.one_of(st.integers(-3, 9), st.booleans()),
              "args": st.one_of(st.none(), st.dictionaries(st.text(max_size=3),
                                                           st.integers(), max_size=2)),
              "error": st.one_of(st.none(), st.text(max_size=3))})


@settings(max_examples=400, deadline=None)
@given(ends, st.booleans())
def test_a_matched_line_is_a_plainly_valid_record_needing_no_repair(record, ascii_only):
    text = json.dumps(record, separators=(",", ":"), ensure_ascii=ascii_only)
    found = jsonl.PLAIN_END.fullmatch(text)
    if found is None:
        return
    decoded = jsonl.DECODER.decode(text)
    assert validate.plainly_valid(decoded) and not validate.needs_text_walk(text)
    assert validate.check_record(dict(decoded)) == decoded
    assert (int(found[1]), int(found[2])) == (decoded["id"], decoded["ts"])


def read_both(path):
    """What the reading gives with and without plain ends: (records, or the refusal)."""
    out = []
    for ends_too in (False, True):
        try:
            header, records = jsonl.stream(path, ends=ends_too)
            out.append([r if type(r) is not tuple else ("end", *r) for r in records])
        except tracing.TraceFormatError as exc:
            out.append(str(exc))
    return out


def as_ends(records):
    """Records with every plain end as ("end", id, ts) (the reading with plain ends gives
    them so, but in a batch it leaves to the full reading, where they stay records)."""
    return [("end", r["id"], r["ts"]) if isinstance(r, dict)
            and jsonl.PLAIN_END.fullmatch(written(r)) else r for r in records]


def written(record):
    """The record's line as the test writes it to the file (non-ASCII text unescaped)."""
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False)


def begin(sid, ts, parent=None):
    return {"ph": "B", "id": sid, "parent": parent, "name": NAME, "stage": "step", "ts": ts,
            "args": {"kind": "train"}, "epoch": 0, "step": sid}


@settings(max_examples=200, deadline=None)
@example(records=[{"ph": "E", "id": 0, "name": "\xa0", "ts": 0}])   # non-ASCII, unescaped
@given(st.lists(st.one_of(ends, st.builds(begin, st.integers(1, 9), st.integers(0, 99))),
                max_size=12))
def test_a_file_reads_to_the_same_records_and_refusals_either_way(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("t") / "t.jsonl"
    lines = [line(HEADER)] + [written(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain, with_ends = read_both(path)
    if isinstance(plain, str):
        assert with_ends == plain
    else:
        assert as_ends(with_ends) == as_ends(plain)


def test_a_record_across_two_lines_keeps_the_order_of_the_plain_reading(tmp_path):
    # two records on one line make up for one cut in two: the batch decodes to as many
    # records as lines, and the plain reading takes them in that order
    first, second = line(begin(1, 1)), line(begin(2, 2, parent=1))
    cut = len(first) // 2
    lines = [line(HEADER), first[:cut], first[cut:],
             line({"ph": "E", "id": 1, "name": NAME, "ts": 5}), second + "," + line(begin(3, 3))]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain, with_ends = read_both(path)
    assert [r["id"] for r in plain] == [1, 1, 2, 3] and as_ends(with_ends) == as_ends(plain)


@pytest.mark.parametrize("bad, words", [
    ('{"ph":"E","id":"1","name":"n","ts":5}', '"id" must be an integer'),
    ('{"ph":"E","id":1,"name":"n","ts":-5}', '"ts" must be a whole number'),
    ('{"ph":"E","id":1,"name":"n","ts":9223372036854775808}', '"ts" must be a whole number'),
    ('{"ph":"E","id":1,"name":"' + "x" * 1001 + '","ts":5}', '"name" is 1001 characters'),
    ('{"ph":"E","id":1,"name":"n","ts":5,"epoch":"0"}', '"epoch" must be an integer'),
    ('{"ph":"E","id":1,"name":"n","ts":5,"error":"boom"}', '"error" must be an object'),
    ('{"ph":"E","id":1,"name":"n","ts":5', "record 4 is not JSON"),
])
def test_a_bad_end_among_plain_ones_is_refused_by_the_tree_reading(tmp_path, bad, words):
    lines = [line(HEADER), line(begin(1, 1)), line({"ph": "E", "id": 1, "name": NAME, "ts": 2}),
             bad, line(begin(2, 6))]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fold in (True, False):
        with pytest.raises(tracing.TraceFormatError, match="record 4") as refusal:
            spans.build(str(path), fold=fold)
        assert words in str(refusal.value)


def test_a_recorded_trace_has_its_plain_ends_read_by_the_match(tmp_path):
    # (its graph snapshots, lists of objects, send their batch to the full reading: "}, {")
    with open(os.path.join(ROOT, "tests", "visualize", "data", "seed_fit_steps.jsonl"),
              encoding="utf-8") as f:
        lines = [text for text in f if '"ph":"G"' not in text]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    plain, with_ends = read_both(path)
    matched = sum(1 for r in with_ends if type(r) is tuple)
    assert matched > len(with_ends) // 3 and with_ends == as_ends(plain)
    assert spans.build(str(path), fold=False).root.end == max(r["ts"] for r in plain)
