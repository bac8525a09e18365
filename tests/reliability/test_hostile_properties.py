"""Properties of the trace reader and renderers on hostile files, by Hypothesis.

A trace is made of records shaped like the recorder's (spans nested at random,
instants, graph snapshots), then any field of any record may be replaced by any
JSON value (None, booleans, huge integers, NaN and infinite floats, text with
markup, quotes, ``javascript:`` URLs, control characters and lone surrogates,
nested lists and objects), and the file may be cut at any character. Then:

- loading either refuses with a one-line ``TraceFormatError`` or gives a tree;
  never another exception;
- what loads renders in every format, and no output holds an active URL (an
  ``href``/``src`` not ``#local``), the DOT sources none in attributes or label
  tags, the Mermaid text only the statements the renderer writes, the JSON
  exports no bare NaN, the terminal views no control character.

Graphviz ``dot`` runs in the second, smaller property only (it is a process per
diagram); the first checks the DOT text. Run with
``--hypothesis-show-statistics`` to see how many cases each property tried.
"""
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import visualize
from tracekeras import tracing
from visualize import dot as dot_mod
from visualize import spans
from visualize.outputs import write_json

from .hostile import (
    GRAPH,
    HEADER,
    INJECTION,
    active_urls_dot,
    active_urls_html,
    active_urls_svg,
    bad_mermaid_lines,
    control_characters,
    strict_json,
    terminal_text,
)

HOSTILE_TEXT = [INJECTION, "javascript:alert(1)", "<script>x</script>", "\x1b[2J",
                "\x1b]0;title\x07", "\x9b31m", "\ud800", "a\"b'c&d", "]]>", "\\", "",
                "keras.engine.training.Model.fit", "fit", "train"]
FIELDS = ("ph", "id", "parent", "name", "stage", "impl", "ts", "args", "error", "epoch",
          "step", "unfinished", "kind", "layer", "layers", "edges", "depth", "visit", "params",
          "folded", "decision", "reason", "chosen", "resolved", "identifier", "weight")
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                      HealthCheck.too_slow])

text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=8))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), text)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(FIELDS) | text, inner, max_size=3),
                      max_leaves=10)


@st.composite
def traces(draw):
    """A list of records (spans nested at random, instants, snapshots), then damaged."""
    records, open_ids, ts = [], [], 0
    for sid in range(1, draw(st.integers(1, 12)) + 1):
        ts += draw(st.integers(0, 1000))
        choice = draw(st.sampled_from("BBBEEiG"))
        parent = open_ids[-1] if open_ids else None
        if choice == "E" and open_ids:
            records.append({"ph": "E", "id": open_ids.pop(), "ts": ts,
                            "args": {"folded": {"train": {"count": 3, "total_ns": 9}}}})
        elif choice == "G":
            layers = [{"name": f"l{n}", "class": "Dense", "depth": n, "visit": n, "params": n}
                      for n in range(3)]
            records.append({"ph": "G", "parent": parent, "name": GRAPH, "stage": "graph",
                            "ts": ts, "args": {"model": "m", "layers": layers,
                                               "edges": [["l0", "l1"], ["l1", "l2"]]}})
        else:
            records.append({"ph": "B" if choice != "i" else "i", "id": sid, "parent": parent,
                            "name": draw(st.sampled_from([
                                "keras.engine.training.Model.fit",
                                "keras.engine.data_adapter.DataHandler.steps",
                                "keras.layers.Dense.build"])),
                            "stage": draw(st.sampled_from(["fit", "step", "build"])), "ts": ts,
                            "args": {"kind": "train", "layer": "l0", "step": sid},
                            "epoch": 0, "step": sid})
            if choice == "B":
                open_ids.append(sid)
    for _ in range(draw(st.integers(0, 4)) if records else 0):   # damage: any field, any value
        record = draw(st.sampled_from(records))
        target = record
        if draw(st.booleans()) and isinstance(record.get("args"), dict):
            target = record["args"]
            if draw(st.booleans()) and isinstance(target.get("layers"), list):
                target = draw(st.sampled_from(target["layers"] or [target]))
        if not isinstance(target, dict):
            continue
        target[draw(st.sampled_from(FIELDS))] = draw(values)
    return records


def trace_text(records, ascii_only):
    lines = [json.dumps(HEADER)] + [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    return "\n".join(lines) + "\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


def load_or_refuse(path):
    """(folded tree, flat tree), or None when the file is refused in one line."""
    try:
        trees = spans.build(path), spans.build(path, fold=False)
    except tracing.TraceFormatError as exc:
        assert "\n" not in str(exc)
        event("refused")
        return None
    event("rendered")
    return trees


def check_outputs(tree, flat, with_dot):
    assert control_characters(terminal_text(visualize.tree(tree))) == []
    assert control_characters(terminal_text(visualize.stage_table(tree))) == []
    calls = visualize.call_diagram(tree)
    assert active_urls_dot(calls.source) == []
    diagrams = [calls]
    for model in dict.fromkeys(g.args.get("model") for g in tree.graphs):
        graph = visualize.layer_graph(tree, model=model, show_dtype=True,
                                      show_layer_activations=True)
        assert active_urls_dot(graph.source) == []
        diagrams.append(graph)
    assert bad_mermaid_lines(visualize.sequence_diagram(tree)) == []
    for data in (visualize.chrome_trace(flat), visualize.speedscope(flat)):
        strict_json(json.dumps(data))     # reads back (NaN tokens are looked at below)
    assert active_urls_html(str(visualize.html_report(tree))) == []
    if with_dot:
        for digraph in diagrams:
            assert active_urls_svg(dot_mod.svg_text(digraph)) == []


@settings(max_examples=60, **SETTINGS)
@given(records=traces(), ascii_only=st.booleans(), cut=st.integers(0, 10**6) | st.none())
def test_a_hostile_trace_is_refused_in_one_line_or_renders_with_no_active_url(
        tmp_path, monkeypatch, records, ascii_only, cut):
    monkeypatch.setattr(dot_mod, "has_dot", lambda: False)
    text = trace_text(records, ascii_only)
    if cut is not None:
        text = text[: cut % (len(text) + 1)]
    path = write(tmp_path, "t.jsonl", text)
    try:
        tracing.load(path)
    except tracing.TraceFormatError as exc:
        assert "\n" not in str(exc)
    trees = load_or_refuse(path)
    if trees is not None:
        check_outputs(*trees, with_dot=False)


@pytest.mark.skipif(not dot_mod.has_dot(), reason="graphviz `dot` not installed")
@settings(max_examples=8, **SETTINGS)
@given(records=traces())
def test_svg_drawn_from_a_hostile_trace_holds_no_active_url(tmp_path, records):
    trees = load_or_refuse(write(tmp_path, "t.jsonl", trace_text(records, True)))
    if trees is not None:
        check_outputs(*trees, with_dot=True)


@settings(max_examples=30, **SETTINGS)
@given(records=traces())
def test_records_in_memory_are_refused_or_render_like_a_file(tmp_path, records):
    try:
        tree = spans.build(records)
    except tracing.TraceFormatError as exc:
        assert "\n" not in str(exc)
        return
    assert control_characters(terminal_text(visualize.tree(tree))) == []
    for data in (visualize.chrome_trace(records), visualize.speedscope(records)):
        strict_json(open(write_json(str(tmp_path / "t.json"), data), encoding="utf-8").read())
