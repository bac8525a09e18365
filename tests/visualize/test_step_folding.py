"""Steps read light while folding (visualize/step_folding.py) give the plain reading's tree.

``spans.build`` reads the steps a fold would hide without making their nodes;
``spans.grown(..., light=False)`` is the plain reading (every record a node, then
``fold_steps``). These tests hold the two to the same tree, node for node (a
fold's sample too), and to the same output in every format: on the stored
traces, on a generated long trace, on hand-made traces holding each thing the
light reading does not model, and on random ones (Hypothesis). Refusals of a
bad file say the same either way.
"""
import json
import os
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import visualize
from tracekeras import tracing
from tracekeras.tracing import jsonl
from visualize import reading, spans

from .conftest import FIXTURES

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STORED = sorted(os.path.join(FIXTURES, n) for n in os.listdir(FIXTURES) if n.endswith(".jsonl"))
HEADER = {"format": "tracekeras-trace", "schema": 1, "level": "steps"}
EPOCHS = "keras.engine.data_adapter.DataHandler.enumerate_epochs"
STEP = "keras.engine.data_adapter.DataHandler.steps"
FORMATS = ("svg", "dot", "mermaid", "perfetto", "speedscope", "html")


def dump(tree):
    """Everything a renderer can read of a tree, node by node (a fold's sample in full)."""
    out = []
    for n in tree.root.walk():
        sample = None if n.sample is None else [
            (m.name, m.kind, m.start, m.end, repr(m.args), m.error) for m in n.sample.walk()]
        out.append((n.name, n.kind, n.stage, n.id, n.impl, n.start, n.end, repr(n.args),
                    repr(n.error), n.unfinished, n.epoch, n.step, n.count, repr(n.stats),
                    n.depth, n.tid, len(n.children), sample))
    return out


def plain(source):
    return spans.grown(reading.replayable(source), True, 2, light=False)


def light_reading(records):
    """(tree, shells): the light reading alone, without the check and the second reading."""
    root, graphs, seen = reading.grow(reading.load((HEADER, records))[1], fold=True)
    spans.fold_steps(root, parents=seen.step_parents, table=seen.structures, shapes=seen.shapes)
    return root, seen.shells


def generated(path, records, epochs):
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    try:
        import trace_scale
    finally:
        sys.path.pop(0)
    return trace_scale.make_trace(str(path), records, epochs)


@pytest.mark.parametrize("path", STORED, ids=os.path.basename)
def test_every_stored_trace_reads_to_the_plain_tree(path):
    assert dump(spans.build(path)) == dump(plain(path))


def test_a_long_generated_trace_reads_to_the_plain_tree_with_most_steps_never_nodes(tmp_path):
    path = generated(tmp_path / "long.jsonl", 20_000, 3)
    root, graphs, seen = reading.grow(reading.load(path)[1], fold=True)
    steps = sum(1 for n in plain(path).root.walk() if n.kind == "fold")
    assert steps == 3 and len(seen.shells) > 400      # 3 epochs of ~175 steps, each folded
    assert dump(spans.build(path)) == dump(plain(path))


def render_all(source, out, monkeypatch, light):
    if not light:
        monkeypatch.setattr(reading, "grow", lambda records, fold=False, grow=reading.grow:
                            grow(records, fold=False))
    os.makedirs(out)
    texts = {}
    for fmt in FORMATS:
        written = visualize.render(source, fmt, out=os.path.join(out, "t." + fmt),
                                   say=lambda message: None)
        with open(written, "rb") as f:
            texts[fmt] = f.read()
    monkeypatch.undo()
    return texts


@pytest.mark.parametrize("name", ["seed_fit_steps", "error_fit", "crashed_fit", "long"])
def test_every_format_is_the_same_read_light_or_plain(name, tmp_path, monkeypatch):
    path = (generated(tmp_path / "long.jsonl", 8_000, 2) if name == "long"
            else os.path.join(FIXTURES, name + ".jsonl"))
    light = render_all(path, str(tmp_path / "light"), monkeypatch, light=True)
    plain_texts = render_all(path, str(tmp_path / "plain"), monkeypatch, light=False)
    assert light == plain_texts


def test_show_and_summary_are_the_same_read_light_or_plain(tmp_path, capsys, monkeypatch):
    path = generated(tmp_path / "long.jsonl", 8_000, 2)
    outputs = []
    for light in (True, False):
        if not light:
            monkeypatch.setattr(reading, "grow", lambda records, fold=False, grow=reading.grow:
                                grow(records, fold=False))
        for command in ("show", "summary"):
            assert tracing_cli(command, path) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and "×" in outputs[0]


def tracing_cli(*argv):
    from tracekeras import cli
    return cli.main(list(argv))


# -- hand-made traces: each thing the light reading gives back -------------------------

def step_records(n, first_id, epoch_id=1, t0=100, kind="train", inner=("a", "b"), **marks):
    """``n`` steps under ``epoch_id``, each with spans named ``inner`` (an instant "i"
    inside the first); ``marks``: {step number: {"begin"/"end"/"inner_end": extra}}."""
    out, sid, ts = [], first_id, t0
    for s in range(n):
        mark = marks.get(f"s{s}", {})
        step_id, sid = sid, sid + 1
        out.append(dict({"ph": "B", "id": step_id, "parent": epoch_id, "name": STEP,
                         "stage": "step", "ts": ts, "args": {"kind": kind, "step": s}},
                        **mark.get("begin", {})))
        for k, name in enumerate(inner):
            out.append(dict({"ph": "B", "id": sid, "parent": step_id, "name": name,
                             "stage": "layer", "ts": ts + 1, "args": {"n": k}},
                            **(mark.get("inner_begin", {}) if k == 0 else {})))
            if k == 0:
                out.append({"ph": "i", "parent": sid, "name": "i", "stage": "layer",
                            "ts": ts + 2})
            out.append(dict({"ph": "E", "id": sid, "name": name, "ts": ts + 3}, **(
                mark.get("inner_end", {}) if k == 0 else {})))
            sid, ts = sid + 1, ts + 4
        out.append(dict({"ph": "E", "id": step_id, "name": STEP, "ts": ts + 1},
                        **mark.get("end", {})))
        ts += 2
    return out, sid, ts


def epoch(steps, end_ts=10**6):
    return ([{"ph": "B", "id": 1, "parent": None, "name": EPOCHS, "stage": "fit", "ts": 1}]
            + steps + [{"ph": "E", "id": 1, "ts": end_ts}])


def same_tree(records):
    """The tree of ``records`` (read light), checked against the plain reading's; and the
    same from a file, where plain begins and ends come as tuples (``jsonl.stream``)."""
    tree = spans.build((HEADER, records))
    assert dump(tree) == dump(plain((HEADER, records)))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.jsonl")
        jsonl.write(path, HEADER, records)
        assert dump(spans.build(path)) == dump(tree)
    return tree


def test_plain_steps_are_read_light_and_folded_as_the_plain_reading_folds():
    steps, _, _ = step_records(12, 10)
    tree = same_tree(epoch(steps))
    root, shells = light_reading(epoch(steps))
    assert len(shells) == 9          # 12 steps: the first, the first of the shape, the last kept
    fold = next(n for n in tree.root.walk() if n.kind == "fold")
    assert fold.count == 10 and fold.sample.children     # the sample has its calls


@pytest.mark.parametrize("marks", [
    {"s5": {"end": {"error": {"type": "ValueError", "message": "x"}}}},
    {"s5": {"inner_end": {"error": {"type": "ValueError", "message": "x"}}}},
    {"s5": {"end": {"args": {"stop_training": True}}}},
    {"s5": {"begin": {"args": {"kind": "train", "stop_training": True}}}},
    {"s5": {"inner_end": {"args": {"stop_training": True}}}},
    {"s5": {"end": {"unfinished": True}}},
    {"s5": {"inner_end": {"unfinished": True}}},
    {"s5": {"end": {"args": {"kind": "test"}}}},
    {"s5": {"inner_end": {"args": {"folded": {"train": {"count": 3, "total_ns": 3,
                                                        "min_ns": 1, "max_ns": 1,
                                                        "mean_ns": 1}}}}}},
    {"s5": {"inner_begin": {"args": {"stop_training": True}}}},
    {"s5": {"inner_begin": {"args": {"note": "stop_training"}}}},
    {"s5": {"inner_begin": {"stage": "step", "args": {"kind": "test"}}}},
    {"s5": {"inner_begin": {"args": {"kind": "step"}}}},
], ids=["step error", "inner error", "stop on end", "stop on begin", "inner stop",
        "step cut", "inner cut", "kind changed on end", "inner fold", "inner stop on begin",
        "a string saying stop", "inner step", "inner kind"])
def test_a_marked_step_is_read_as_nodes(marks):
    steps, _, _ = step_records(12, 10, **marks)
    same_tree(epoch(steps))


def test_a_structure_that_becomes_common_later_is_read_again_as_nodes():
    first, sid, ts = step_records(6, 10, inner=("a",))
    later, _, _ = step_records(12, sid, t0=ts, inner=("b", "c"))
    records = epoch(first + later)
    root, shells = light_reading(records)
    assert spans.shown(shells)               # the light reading alone would show a shell
    tree = same_tree(records)                # so build reads the trace again
    assert [c.count for c in tree.root.walk() if c.kind == "fold"] == [11]


def begin_of_step(records, n):
    """The index of the begin record of step ``n``."""
    return [k for k, r in enumerate(records) if r["ph"] == "B" and r["name"] == STEP][n]


def test_a_step_inside_a_step_is_read_as_nodes():
    steps, _, _ = step_records(10, 10)
    at = begin_of_step(steps, 5)
    ts = steps[at]["ts"]
    inner = [{"ph": "B", "id": 700, "parent": steps[at]["id"], "name": STEP, "stage": "step",
              "ts": ts, "args": {"kind": "test"}}, {"ph": "E", "id": 700, "ts": ts}]
    same_tree(epoch(steps[:at + 1] + inner + steps[at + 1:]))


def test_children_out_of_time_order_are_read_as_nodes():
    steps, _, _ = step_records(10, 10)
    at = begin_of_step(steps, 5)
    steps[at + 4] = dict(steps[at + 4], ts=steps[at]["ts"])   # starts before its elder sibling
    assert steps[at + 4]["ph"] == "B"
    same_tree(epoch(steps))


def test_an_id_met_twice_is_read_as_nodes():
    steps, _, _ = step_records(10, 10)
    at = begin_of_step(steps, 5)
    steps[at + 4] = dict(steps[at + 4], id=steps[at + 1]["id"])   # an inner span's id again
    same_tree(epoch(steps))
    steps, _, _ = step_records(10, 10)
    at = begin_of_step(steps, 5)
    steps[at + 1] = dict(steps[at + 1], id=1)                    # the epoch's id, still open
    same_tree(epoch(steps))


def test_a_snapshot_in_a_step_and_a_trace_cut_inside_a_step_read_as_nodes():
    steps, _, _ = step_records(10, 10)
    at = begin_of_step(steps, 5)
    snap = {"ph": "G", "parent": steps[at]["id"], "ts": steps[at]["ts"],
            "name": "keras.engine.functional.Functional._init_graph_network",
            "args": {"model": "m", "layers": [], "edges": []}}
    same_tree(epoch(steps[:at + 1] + [snap] + steps[at + 1:]))
    for cut in (3, 4, 5, 6):                 # the epoch and the last step never end
        same_tree(epoch(steps)[:-cut])


def test_a_refusal_inside_a_light_step_says_the_same(tmp_path):
    steps, _, _ = step_records(10, 10)
    at = begin_of_step(steps, 8)
    deep = [{"ph": "B", "id": 900 + d, "parent": (900 + d - 1) if d else steps[at]["id"],
             "name": "n", "stage": "layer", "ts": steps[at]["ts"]}
            for d in range(tracing.validate.MAX_SPAN_DEPTH + 2)]
    bad = {"ph": "B", "id": "x", "parent": steps[at]["id"], "name": "n", "ts": 5}
    for extra in (deep, [bad]):
        records = epoch(steps[:at + 1] + extra + steps[at + 1:])
        path = tmp_path / "t.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in [HEADER] + records) + "\n")
        said = []
        for build in (spans.build, plain):
            with pytest.raises(tracing.TraceFormatError) as exc:
                build(str(path))
            said.append(str(exc.value))
        assert said[0] == said[1]


# -- random traces ----------------------------------------------------------------------

SHAPES = [("a", "b"), ("a",), ("b", "a"), ("a", "b", "c")]


@st.composite
def random_trace(draw):
    """Epochs of steps of a few shapes, with now and then a mark, a second kind or a cut."""
    records, sid, ts = [], 2, 10
    for _ in range(draw(st.integers(1, 2))):
        epoch_id, sid = sid, sid + 1
        records.append({"ph": "B", "id": epoch_id, "parent": None, "name": EPOCHS,
                        "stage": "fit", "ts": ts})
        for _ in range(draw(st.integers(0, 14))):
            shape = SHAPES[draw(st.sampled_from([0, 0, 0, 1, 2, 3]))]
            kind = draw(st.sampled_from(["train", "train", "train", "test"]))
            mark = draw(st.sampled_from([{}] * 8 + [
                {"s0": {"end": {"error": {"type": "E", "message": "m"}}}},
                {"s0": {"inner_end": {"args": {"stop_training": True}}}},
                {"s0": {"end": {"args": {"kind": "test"}}}}]))
            steps, sid, ts = step_records(1, sid, epoch_id=epoch_id, t0=ts, kind=kind,
                                          inner=shape, **mark)
            records += steps
        records.append({"ph": "E", "id": epoch_id, "ts": ts + 1})
        ts += 2
    cut = draw(st.integers(0, 3))
    return records[:len(records) - cut] if cut else records


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_trace())
def test_random_step_traces_read_to_the_plain_tree(records):
    same_tree(records)
