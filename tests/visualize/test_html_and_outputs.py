"""visualize.html and visualize.outputs: the report, every file, and a missing `dot`."""
import base64
import hashlib
import json
import os
import re
import shutil

import pytest

from visualize import dot as dot_mod
from visualize import html as html_mod
from visualize import outputs

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """A PATH without Graphviz's `dot` (the Python package stays importable)."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None


@needs_dot
def test_report_is_self_contained_with_inline_svg(seed_path):
    text = html_mod.html_report(seed_path)
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert text.count("<svg") >= 3          # call diagram, layer graph, timeline
    assert "<title>call_diagram</title>" in text and "<title>layer_graph</title>" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "<link" not in text
    # two inline scripts: the explorer's data (JSON, never run) and its code, admitted by hash
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S)
    assert [attrs for attrs, _ in scripts] == [" type='application/json' id='tk-data'", ""]
    digest = base64.b64encode(hashlib.sha256(scripts[1][1].encode()).digest()).decode()
    policy = re.search(r"http-equiv='Content-Security-Policy' content=\"([^\"]+)\"", text)[1]
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", text.split("<script")[0])  # no inline handler
    assert re.search(r"<details open data-span='s\d+'><summary>", text) and "Model.fit" in text
    assert "× 27 train steps" in text
    assert "sequenceDiagram" in text and "<table>" in text


def test_report_without_dot_says_so_and_keeps_the_rest(seed_path, no_dot):
    text = html_mod.html_report(seed_path)
    assert "the Graphviz `dot` program is not installed" in text
    assert "DOT source" in text and "digraph call_diagram" in text
    assert "class='timeline'" in text       # the timeline is hand-made SVG: still there


def test_crashed_trace_report_warns(crashed_path, no_dot):
    assert "the run was cut off" in html_mod.html_report(crashed_path)


@needs_dot
def test_write_all_writes_every_file(seed_path, tmp_path):
    said = []
    written = outputs.write_all(seed_path, str(tmp_path), stem="seed", say=said.append)
    assert said == []
    assert set(written) == {"call_diagram.dot", "call_diagram.svg", "call_diagram.png",
                            "layer_graph.dot", "layer_graph.svg", "layer_graph.png", "sequence",
                            "perfetto", "speedscope", "html"}
    for path in written.values():
        assert os.path.getsize(path) > 0
    with open(written["call_diagram.png"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with open(written["call_diagram.svg"], encoding="utf-8") as f:
        assert "<svg" in f.read()
    with open(written["perfetto"], encoding="utf-8") as f:
        assert json.load(f)["traceEvents"]


def test_write_all_without_dot_writes_sources_and_says_it_once(seed_path, tmp_path, no_dot):
    said = []
    written = outputs.write_all(seed_path, str(tmp_path), stem="seed", say=said.append)
    assert said == [dot_mod.DOT_MISSING]
    assert "Python package `graphviz` is" in said[0] and "apt-get install graphviz" in said[0]
    assert "brew install graphviz" in said[0]
    assert {"call_diagram.dot", "layer_graph.dot", "sequence", "perfetto", "speedscope",
            "html"} == set(written)
    with open(written["call_diagram.dot"], encoding="utf-8") as f:
        assert f.read().startswith("// tracekeras call diagram")


def test_render_one_format(seed_path, tmp_path):
    out = outputs.render(seed_path, "mermaid", out=str(tmp_path / "s.mmd"))
    assert open(out, encoding="utf-8").read().startswith("sequenceDiagram")
    out = outputs.render(seed_path, "dot", out=str(tmp_path / "c.dot"), stage="data")
    assert "select_data_adapter" in open(out, encoding="utf-8").read()
    with pytest.raises(ValueError, match="Unknown format 'gif': expected one of svg, png"):
        outputs.render(seed_path, "gif")


def test_render_svg_without_dot_falls_back_to_the_source(seed_path, tmp_path, no_dot):
    said = []
    out = outputs.render(seed_path, "svg", out=str(tmp_path / "c.svg"), say=said.append)
    assert out.endswith("c.dot") and os.path.exists(out) and said == [dot_mod.DOT_MISSING]
    assert dot_mod.svg_text(__import__("graphviz").Digraph()) is None


def test_report_tags_are_balanced(functional_path, no_dot):
    from html.parser import HTMLParser
    void = {"meta", "br", "hr", "img", "input", "link", "rect", "path", "polygon", "ellipse",
            "polyline"}

    class Balance(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            if tag in void:
                return
            assert self.stack and self.stack[-1] == tag, (self.stack[-5:], tag)
            self.stack.pop()

    parser = Balance()
    parser.feed(html_mod.html_report(functional_path))
    assert parser.stack == []


def test_timelines_keep_every_step_the_diagrams_fold_them(steps_path, tmp_path, no_dot):
    written = outputs.write_all(steps_path, str(tmp_path), stem="s", say=lambda m: None)
    with open(written["perfetto"], encoding="utf-8") as f:
        events = json.load(f)["traceEvents"]
    steps = [e for e in events if e["ph"] == "X" and e["name"] == "DataHandler.steps"]
    assert len(steps) == 60                        # 2 epochs x 30 steps, as recorded
    with open(written["html"], encoding="utf-8") as f:
        assert "× 28 train steps" in f.read()      # the report folds them


def test_a_fragment_for_notebooks_scopes_its_styles(seed_path, no_dot):
    text = html_mod.html_report(seed_path, fragment=True)
    assert text.startswith("<div class='tracekeras'><style>") and text.endswith("</div>")
    assert "<body" not in text and "<html" not in text
    style = text[text.index("<style>"):text.index("</style>")]
    selectors = [sel.strip() for group in re.findall(r"([^{}]+)\{", style[len("<style>"):])
                 for sel in group.split(",")]
    assert len(selectors) >= 20
    assert all(sel.startswith(".tracekeras") for sel in selectors), selectors
    assert ".tracekeras{font-family" in style and ".tracekeras h1{" in style


def test_a_note_for_a_cut_down_trace_is_shown_and_embedded(seed_path, no_dot):
    note = "This trace had 2,000,000 spans: the report shows the first 50,000 <of them>."
    text = html_mod.html_report(seed_path, note=note)
    assert "<p class='tk-note'>This trace had 2,000,000 spans: the report shows the first " \
           "50,000 &lt;of them&gt;.</p>" in text
    data = re.search(r"<script type='application/json' id='tk-data'>(.*?)</script>", text, re.S)
    assert json.loads(data[1])["note"] == note


def test_the_explorer_data_has_sources_and_decisions(seed_path, no_dot):
    text = html_mod.html_report(seed_path)
    data = json.loads(re.search(r"id='tk-data'>(.*?)</script>", text, re.S)[1])
    spans = {s["name"].split(".")[-1]: s for s in data["spans"]}
    adapter = spans["select_data_adapter"]
    assert adapter["decisions"][0] == "chosen: TensorLikeDataAdapter"
    assert adapter["box"] in data["boxes"] and adapter["id"] in data["boxes"][adapter["box"]]
    # the stored fixture ran its functions in a script: the panel says so instead of a source
    assert "ran in the traced script itself" in data["sources"][adapter["impl"]]["note"]
    assert data["keras"]["keras.engine.data_adapter.select_data_adapter"].startswith(
        "tf_keras 2.21")
    folds = [s for s in data["spans"] if s["kind"] == "fold"]
    assert folds and folds[0]["count"] == 27 and folds[0]["box"]



def report_data(path):
    text = html_mod.html_report(path)
    return text, json.loads(re.search(r"id='tk-data'>(.*?)</script>", text, re.S)[1])


def test_a_fold_made_while_reading_opens_on_one_of_its_steps_in_full(steps_path, no_dot):
    text, data = report_data(steps_path)       # 60 steps recorded, folded when read
    by_id = {s["id"]: s for s in data["spans"]}
    fold = next(s for s in data["spans"] if s["kind"] == "fold")
    sample = by_id[fold["sample"]]
    # the kept step hangs under its fold, one level deeper, right after it in time order
    assert sample["parent"] == fold["id"] and sample["depth"] == fold["depth"] + 1
    assert data["spans"].index(sample) == data["spans"].index(fold) + 1
    assert sample["step"] == fold["stats"]["first_step"] == 1
    inside = [s for s in data["spans"] if s["parent"] == sample["id"]]
    assert inside and all(s["depth"] == sample["depth"] + 1 for s in inside)
    assert "train_function" in {s["short"].split(".")[-1] for s in inside}, inside
    ids = [s["id"] for s in data["spans"]]
    assert len(ids) == len(set(ids))
    # in the tree: the fold is a closed <details> whose body is that step
    row = re.search(r"<details class='fold' data-span='%s'><summary>(.*?)</summary>"
                    r"<div class='fold-note'>(.*?)</div>" % fold["id"], text)
    assert row and "× 28" in row[1], row
    assert row[2] == "one of the 28 identical steps, in full (step 1):"
    assert f"data-span='{sample['id']}'" in text


def test_a_fold_of_the_recorder_points_at_the_step_it_kept(seed_path, no_dot):
    text, data = report_data(seed_path)        # the recorder wrote no hidden step down
    by_id = {s["id"]: s for s in data["spans"]}
    fold = next(s for s in data["spans"] if s["kind"] == "fold")
    kept = by_id[fold["sample"]]
    assert kept["parent"] == fold["parent"] and kept["kind"] == "span"
    assert [s["id"] for s in data["spans"]].count(kept["id"]) == 1
    assert re.search(r"<div class='leaf fold' data-span='%s'>× 27" % fold["id"], text)
