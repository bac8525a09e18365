"""Long traces: the streaming writers and the cut HTML report say the same as the rest.

The scale itself (10^6 records under 5 s / 400 MB per command) is measured by
benchmarks/trace_scale.py, not here: these tests keep the devices it relies on
honest on the stored level-``steps`` trace (60 steps).
"""
import json

from visualize import chrome, html, outputs, spans


def test_perfetto_written_as_events_come_is_the_chrome_trace_document(steps_path, tmp_path):
    path = outputs.write_chrome_trace(str(tmp_path / "t.json"), spans.build(steps_path,
                                                                           fold=False))
    with open(path, encoding="utf-8") as f:
        assert json.load(f) == json.loads(json.dumps(chrome.chrome_trace(steps_path)))


def test_speedscope_written_as_events_come_is_the_speedscope_document(steps_path, tmp_path):
    path = outputs.write_speedscope(str(tmp_path / "t.json"), spans.build(steps_path,
                                                                         fold=False))
    with open(path, encoding="utf-8") as f:
        written = json.load(f)
    assert written == json.loads(json.dumps(chrome.speedscope(steps_path)))
    assert len(written["profiles"][0]["events"]) == 2 * sum(
        1 for s in spans.build(steps_path, fold=False).spans() if s.kind == "span")


def test_prune_keeps_the_outer_calls_and_counts_what_it_left_out(steps_path):
    whole = len(spans.build(steps_path).spans())
    tree = spans.build(steps_path)
    left_out = spans.prune(tree, 40)
    kept = tree.spans()
    notes = [s for s in kept if s.name.endswith("more calls left out of this view")]
    assert notes and left_out == whole - (len(kept) - len(notes))
    assert sum(int(n.name.split()[1]) for n in notes) == left_out
    assert [c.name for c in tree.root.children] == [
        c.name for c in spans.build(steps_path).root.children]   # the outer calls all stay


def test_a_long_trace_report_draws_its_cut_folded_tree_and_says_so(steps_path, monkeypatch):
    monkeypatch.setattr(outputs, "REPORT_FULL_BYTES", 0)
    monkeypatch.setattr(outputs, "REPORT_NODES", 40)
    page = str(html.html_report(outputs.report_source(steps_path)))
    whole = str(html.html_report(steps_path))
    assert "a long trace: the timeline shows the steps kept after folding" in page
    assert "calls left out of the span tree and diagrams beyond the first 40" in page
    assert len(page) < len(whole)
