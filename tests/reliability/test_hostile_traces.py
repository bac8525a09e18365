"""Hostile-but-parseable trace files: one test per kind of hostile record.

Each test names what it protects. A record that breaks the trace contract is
refused when loading with one line naming the file, the record and the field
(exit status 1 from the command line, ``TraceFormatError`` from Python); text
that only needs repair (a lone surrogate, a control character, a NaN token) is
repaired; nothing reaches an output as markup, an active URL, a terminal escape
or a bare NaN. The checks of outputs are in ``hostile.py``.
"""
import json
import os

import pytest

import visualize
from tracekeras import cli, tracing
from tracekeras.tracing import validate
from tracekeras.tracing.jsonl import partial_path
from visualize import dot as dot_mod
from visualize import spans

from .hostile import (
    FIT,
    INJECTION,
    active_urls_dot,
    active_urls_html,
    active_urls_svg,
    bad_mermaid_lines,
    begin,
    control_characters,
    end,
    snapshot,
    strict_json,
    terminal_text,
    write_trace,
)

needs_dot = pytest.mark.skipif(not dot_mod.has_dot(), reason="graphviz `dot` not installed")


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def refused(capsys, path, words, loader_too=True):
    """Every trace command refuses ``path`` with one line holding ``words``, status 1."""
    for argv in (["show", path], ["summary", path], ["render", path, "-f", "dot"],
                 ["render", path, "-f", "html"], ["render", path, "-f", "perfetto"]):
        status, out, err = run(capsys, *argv)
        assert status == 1, argv
        assert err.count("\n") == 1 and err.startswith("tracekeras: error: "), err
        assert "Traceback" not in err
        for word in words:
            assert word in err, (word, err)
    if loader_too:     # (span nesting is checked where the tree is built)
        with pytest.raises(tracing.TraceFormatError):
            tracing.load(path)


# -- 1. script injection through a graph snapshot --------------------------------------

@pytest.mark.parametrize("field", ["depth", "visit"])
def test_a_layer_depth_holding_markup_is_refused_not_drawn(tmp_path, capsys, field):
    path = write_trace(tmp_path / "t.jsonl", [
        begin(), snapshot([{"name": "a", "class": "Dense", field: INJECTION}]), end()])
    refused(capsys, path, ["record 3", f'"args.layers[0].{field}" must be an integer', "str"])


@pytest.mark.parametrize("field", ["epoch", "step"])
def test_a_build_span_epoch_holding_markup_is_refused(tmp_path, capsys, field):
    path = write_trace(tmp_path / "t.jsonl", [begin(**{field: INJECTION}), end()])
    refused(capsys, path, ["record 2", f'"{field}" must be an integer or null'])


def injected_snapshot():
    """A snapshot whose every text field holds the injection (all of them legal strings)."""
    layer = {"name": INJECTION, "class": INJECTION, "input_shape": [None, INJECTION],
             "output_shape": INJECTION, "dtype": INJECTION, "activation": INJECTION,
             "built_in": INJECTION, "depth": 1, "visit": 0, "params": 3}
    return [begin(args={"layer": INJECTION}),
            begin(2, 1, "keras.layers.Dense.build", "build", 12,
                  args={"layer": INJECTION, "input_shape": [INJECTION]}, epoch=0, step=1),
            end(2, 13), snapshot([layer, {"name": "b"}], [[INJECTION, "b"]]),
            end(error={"type": INJECTION, "message": INJECTION})]


def test_injected_text_reaches_no_output_as_a_link(tmp_path):
    records = injected_snapshot()
    graph = visualize.layer_graph(records, show_dtype=True, show_layer_activations=True)
    assert active_urls_dot(graph.source) == []
    assert active_urls_dot(visualize.call_diagram(records).source) == []
    assert bad_mermaid_lines(visualize.sequence_diagram(records)) == []
    assert active_urls_html(str(visualize.html_report(records))) == []


@needs_dot
def test_injected_text_reaches_no_svg_as_a_link(tmp_path):
    records = injected_snapshot()
    graph = visualize.layer_graph(records, show_dtype=True, show_layer_activations=True)
    for svg in (dot_mod.svg_text(graph), dot_mod.svg_text(visualize.call_diagram(records))):
        assert active_urls_svg(svg) == []
        assert "CLICK ME" in svg            # the text is there, as text
    assert active_urls_html(str(visualize.html_report(records))) == []


@needs_dot
def test_empty_text_in_a_diagram_box_still_draws():
    records = [begin(args={"decision": "", "reason": ""}),
               {"ph": "i", "parent": 1, "name": "keras.x.note", "ts": 12}, end()]
    assert "<svg" in dot_mod.svg_text(visualize.call_diagram(records))


@needs_dot
def test_text_of_twenty_thousand_characters_in_args_is_cut_and_dot_draws_it():
    long = "x" * 20_000
    records = [begin(args={"decision": long, "layer": long, "reason": long}),
               snapshot([{"name": "a", "class": long, "dtype": long, "activation": long}]),
               end(error={"type": "E", "message": long})]
    for digraph in (visualize.call_diagram(records),
                    visualize.layer_graph(records, show_dtype=True, show_layer_activations=True)):
        svg = dot_mod.svg_text(digraph)
        assert svg is not None and "x" * 200 in svg and long not in svg


def test_a_snapshot_handed_in_directly_is_checked_too():
    with pytest.raises(ValueError, match=r'"args.layers\[0\].depth" must be an integer'):
        visualize.layer_graph({"layers": [{"name": "a", "depth": INJECTION}]})


# -- 2. terminal escapes ------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m\r"


@pytest.mark.parametrize("where", ["file", "memory"])
def test_show_and_summary_write_no_control_character(tmp_path, capsys, where):
    records = [begin(name="keras.evil" + ESCAPES, stage="fit" + ESCAPES,
                     args={"layer": ESCAPES}),
               end(error={"type": "E" + ESCAPES, "message": ESCAPES})]
    if where == "file":
        path = write_trace(tmp_path / "t.jsonl", records)
        for command in ("show", "summary"):
            status, out, err = run(capsys, command, path)
            assert status == 0 and control_characters(out) == [], repr(out)
        assert "\\x1b[2J" in run(capsys, "show", path)[1]   # made visible, not dropped
    else:
        for view in (visualize.tree(records), visualize.stage_table(records)):
            assert control_characters(terminal_text(view)) == []


def test_the_loader_makes_control_characters_visible():
    record = validate.check_record(begin(name="a\x1bb\x9bc\x7f", args={"k\x1b": ["\x1b"]}))
    assert record["name"] == "a\\x1bb\\x9bc\\x7f"
    assert record["args"] == {"k\\x1b": ["\\x1b"]}


# -- 3. tracebacks on hostile-but-parseable traces ------------------------------------------

@pytest.mark.parametrize("records, words", [
    ([{"ph": "B", "id": 1, "ts": 1}, end()], ['"name" must be a string', "NoneType"]),
    ([begin(), end(error="boom")], ['"error" must be an object', "str 'boom'"]),
    ([begin(stage=["fit"]), end()], ['"stage" must be a string', "list"]),
    ([begin(), snapshot([{"name": "a", "params": "12"}]), end()],
     ['"args.layers[0].params" must be an integer', "str '12'"]),
    ([begin(), snapshot([{"name": "a"}, {"name": "b"}], [["a", "b", "c"]]), end()],
     ['"args.edges[0]" must be a pair of layer names']),
    ([begin(name="keras." + "x" * 20_000), end()], ['"name" is 20006 characters long']),
    (['{"ph":"B","id":1,"name":"keras.a","ts":1e400}', end()],
     ['"ts" must be a whole number of nanoseconds', "float inf"]),
    ([begin(ts=float("nan")), end()], ['"ts" must be a whole number', "str 'nan'"]),
    ([begin(id="1"), end()], ['"id" must be an integer']),
    ([begin(args=[1]), end()], ['"args" must be an object']),
    ([begin(args={"layer": 3}), end()], ['"args.layer" must be a string']),
    ([begin(), end(args={"folded": {"train": {"count": "9"}}})],
     ['"args.folded.train.count" must be an integer']),
    ([begin(args={"v": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}),
      end()], ["nested more than 32 deep"]),
], ids=["no-name", "error-string", "stage-list", "params-string", "edge-of-three",
        "name-20000", "ts-1e400", "ts-NaN", "id-string", "args-list", "layer-int",
        "fold-count-string", "value-too-deep"])
def test_a_record_breaking_the_contract_is_refused_in_one_line(tmp_path, capsys, records,
                                                               words):
    refused(capsys, write_trace(tmp_path / "t.jsonl", records), words)


def test_records_in_memory_are_refused_the_same_way():
    with pytest.raises(tracing.TraceFormatError, match='record 2 .*"error" must be an object'):
        visualize.tree([begin(), end(error="boom")])


def test_a_lone_surrogate_is_replaced_and_every_output_writes(tmp_path, capsys):
    path = write_trace(tmp_path / "t.jsonl", [begin(name="keras.a\ud800b"), end()])
    for fmt in ("dot", "mermaid", "html", "perfetto", "speedscope"):
        out = tmp_path / f"out.{fmt}"
        status, _, err = run(capsys, "render", path, "-f", fmt, "-o", out)
        assert status == 0, err
        text = out.read_text(encoding="utf-8")
        assert "a\ufffdb" in (text if fmt in ("dot", "mermaid", "html")
                               else json.dumps(json.loads(text), ensure_ascii=False))
    assert run(capsys, "show", path)[0] == 0


def nested(n):
    return ([begin(i, i - 1 or None, f"keras.level{i}", ts=i) for i in range(1, n + 1)]
            + [end(i, ts=2 * n - i + 1) for i in range(n, 0, -1)])


def test_five_thousand_nested_spans_are_refused_in_one_line(tmp_path, capsys):
    path = write_trace(tmp_path / "t.jsonl", nested(5000))
    refused(capsys, path, ["nested more than 256 deep", "span 257"], loader_too=False)


def test_spans_nested_to_the_limit_render_everywhere_without_recursion_error(tmp_path):
    records = nested(validate.MAX_SPAN_DEPTH)
    tree = spans.build(records)
    assert max(node.depth for node in tree.root.walk()) == validate.MAX_SPAN_DEPTH
    assert len(list(tree.root.walk())) == validate.MAX_SPAN_DEPTH + 1
    shown = terminal_text(visualize.tree(records))     # (rich cuts the deepest lines)
    assert all(f"level{n} " in shown for n in range(1, 40))
    assert "level256" in visualize.call_diagram(records).source
    assert visualize.sequence_diagram(records).count("->>") == validate.MAX_SPAN_DEPTH
    assert len(visualize.speedscope(records)["profiles"][0]["events"]) == 512
    assert "level256" in visualize.html_report(records)


# -- 4. NaN and Infinity never reach a JSON output bare -------------------------------------

def test_perfetto_and_speedscope_files_hold_no_bare_nan(tmp_path, capsys):
    path = write_trace(tmp_path / "t.jsonl", [
        begin(args={"v": float("nan"), "w": float("inf")}), '{"ph":"E","id":1,"ts":20,'
        '"args":{"big":1e400,"neg":-1e400}}'])
    for fmt in ("perfetto", "speedscope"):
        out = tmp_path / f"out.{fmt}.json"
        assert run(capsys, "render", path, "-f", fmt, "-o", out)[0] == 0
        data = strict_json(out.read_text())
    events = [e for e in data.get("traceEvents", []) if e.get("ph") == "X"]
    out = strict_json((tmp_path / "out.perfetto.json").read_text())
    # the span as a viewer shows it: its begin event's args merged with its end event's
    begun, ended = ([e for e in out["traceEvents"] if e.get("ph") == ph][0] for ph in "BE")
    args = {**begun["args"], **ended["args"]}
    assert (args["v"], args["w"], args["big"], args["neg"]) == ("nan", "inf", "inf", "-inf")
    assert events == []      # (speedscope has no traceEvents)


# -- 5. smaller ones ---------------------------------------------------------------------

def test_a_missing_trace_points_at_the_partial_file_a_killed_run_left(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    partial = partial_path(str(path))          # the name the killed writer streamed into
    write_trace(partial, [begin()])
    status, _, err = run(capsys, "show", path)
    assert status == 1 and err.count("\n") == 1
    assert f"'{partial}' is there" in err and f"tracekeras show {partial}" in err
    status, out, _ = run(capsys, "show", partial)
    assert status == 0 and "unfinished" in out


def test_a_byte_order_mark_before_the_header_is_accepted(tmp_path, capsys):
    path = write_trace(tmp_path / "t.jsonl", [begin(), end()], prefix="\ufeff")
    assert tracing.load(path).header["format"] == "tracekeras-trace"
    status, out, _ = run(capsys, "show", path)
    assert status == 0 and "Model.fit" in out


@pytest.mark.parametrize("command", ["show", "render"])
@pytest.mark.parametrize("depth", ["0", "-1", "two"])
def test_depth_below_one_is_refused_as_argparse_does(tmp_path, capsys, command, depth):
    path = write_trace(tmp_path / "t.jsonl", [begin(), end()])
    status, _, err = run(capsys, command, path, "--depth", depth)
    assert status == 2 and err.count("\n") == 1
    assert err.startswith(f"tracekeras {command}: error: argument --depth: ")
    assert ("must be 1 or more" if depth != "two" else "expected a whole number") in err


def test_a_header_level_that_is_not_a_level_is_refused(tmp_path):
    path = write_trace(tmp_path / "t.jsonl", [begin(), end()],
                       header={"format": "tracekeras-trace", "schema": 1, "level": "\x1b[2J"})
    with pytest.raises(tracing.TraceFormatError, match="level must be one of stages"):
        spans.build(path)


def test_a_real_trace_passes_the_checks_unchanged():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "visualize", "data", "seed_fit_steps.jsonl")
    with open(path, encoding="utf-8") as f:
        raw = [json.loads(line) for line in f][1:]
    assert tracing.load(path).records == raw
    assert FIT in {r.get("name") for r in raw}
