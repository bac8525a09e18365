"""Hostile names stay text in every rendering.

A layer and a model named with ``<script>alert(1)</script>``, quotes, ``&``,
``{}``, ``|``, a backslash, a newline and rich markup (tracekeras, like Keras 2,
accepts any string as a name), and hand-built records whose names, stages, args
and error messages are hostile: the HTML report holds no live ``<script>``; the
DOT sources parse (``dot``) and their SVGs are well-formed XML that shows the
name as text; the Mermaid text keeps one statement a line with the hostile
characters as entity codes; the terminal tree prints ``[bold]`` literally.
"""
import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import tracekeras
import visualize
from tracekeras import layers
from tracekeras.models import Model
from visualize import dot as dot_mod

SCRIPT = "<script>alert(1)</script>"
HOSTILE = SCRIPT + " \"dq\" 'sq' & {curly} | pipe; #hash a\\b\nnext [bold]B[/bold] end\\"
needs_dot = pytest.mark.skipif(not dot_mod.has_dot(), reason="graphviz `dot` not installed")


@pytest.fixture(scope="module")
def hostile_trace():
    from tracekeras.backend import clear_session
    clear_session()
    inputs = layers.Input((3,), name="in " + HOSTILE)
    outputs = layers.Dense(2, name=HOSTILE)(inputs)
    with tracekeras.trace() as t:
        model = Model(inputs, outputs, name="model " + HOSTILE)
        model.compile("sgd", "mse")
        model.fit(np.ones((4, 3), np.float32), np.ones((4, 2), np.float32), verbose=0)
    assert model.layers[1].name == HOSTILE   # the name is kept as given
    clear_session()
    return t


def hand_built():
    """Records a hostile file could hold: names, stages, args, errors, a graph snapshot."""
    args = {"layer": HOSTILE, HOSTILE: HOSTILE, "input_shape": [None, HOSTILE]}
    return [
        {"ph": "B", "id": 1, "parent": None, "name": "keras.engine.training.Model.fit",
         "stage": "fit", "ts": 10, "args": args},
        {"ph": "B", "id": 2, "parent": 1, "name": HOSTILE, "stage": "[bold]" + HOSTILE,
         "impl": HOSTILE, "ts": 20, "args": args},
        {"ph": "i", "parent": 2, "name": "keras." + HOSTILE, "stage": "layer", "ts": 25,
         "args": args},
        {"ph": "G", "id": None, "parent": 2, "name": "keras.engine.functional."
         "Functional._init_graph_network", "stage": "graph", "ts": 26,
         "args": {"model": HOSTILE, "class": HOSTILE, "inputs": [HOSTILE], "outputs": ["o"],
                  "layers": [{"name": HOSTILE, "class": HOSTILE, "input_shape": [None, 3],
                              "output_shape": [None, HOSTILE], "params": 1, "activation": HOSTILE,
                              "dtype": HOSTILE, "depth": 1, "visit": 0, "built_in": HOSTILE},
                             {"name": "o", "class": "Dense", "params": 0}],
                  "edges": [[HOSTILE, "o"]]}},
        {"ph": "E", "id": 2, "name": HOSTILE, "ts": 30, "args": {"decision": HOSTILE},
         "error": {"type": "builtins." + HOSTILE, "message": HOSTILE}},
        {"ph": "E", "id": 1, "name": "keras.engine.training.Model.fit", "ts": 40,
         "error": {"type": "builtins.ValueError", "message": HOSTILE}},
    ]


SOURCES = ["fit", "records"]


@pytest.fixture(params=SOURCES)
def source(request, hostile_trace):
    return hostile_trace if request.param == "fit" else hand_built()


def test_html_report_holds_no_live_script(source):
    page = str(visualize.html_report(source, title="report " + HOSTILE))
    assert SCRIPT not in page
    # the only scripts are the explorer's own: its data (JSON, never run, no "<" inside)
    # and its code (admitted by hash in the Content-Security-Policy)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S | re.I)
    assert page.lower().count("<script") == 2 and len(scripts) == 2
    assert scripts[0][0] == " type='application/json' id='tk-data'" and "<" not in scripts[0][1]
    assert "javascript:" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page   # it is there, as text
    assert "[bold]B[/bold]" in page


def svg_texts(digraph):
    svg = digraph.pipe(format="svg").decode("utf-8")
    root = ET.fromstring(svg)   # well-formed XML, or this raises
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    return " ".join(" ".join(e.itertext()) for e in root.iter() if e.tag.endswith("text")), svg


@needs_dot
def test_layer_graph_dot_parses_and_its_svg_shows_the_name_as_text(source):
    graph = visualize.layer_graph(source)
    texts, svg = svg_texts(graph)
    assert SCRIPT in texts and "{curly} | pipe" in texts   # shown, as text
    assert SCRIPT not in svg                                # escaped in the markup
    assert "alert(1)" in " ".join(ET.fromstring(svg).itertext())


@needs_dot
def test_call_diagram_dot_parses_and_its_svg_is_well_formed(source):
    texts, svg = svg_texts(visualize.call_diagram(source, depth=9))
    assert SCRIPT not in svg
    assert "alert(1)" in texts


def test_dot_sources_keep_hostile_names_out_of_the_dot_syntax(source):
    """Without `dot` too: the comment stays one line; a name's last backslash is escaped."""
    for graph in (visualize.layer_graph(source), visualize.call_diagram(source, depth=9)):
        lines = graph.source.splitlines()
        assert lines[0].startswith("//") and lines[1].startswith("digraph"), lines[:2]
        # a quoted name ends in an escaped backslash, which cannot swallow the closing quote
        assert 'end\\"' not in graph.source.replace('end\\\\"', "")
    assert 'end\\\\"' in visualize.layer_graph(source).source   # the tooltip of the layer


def test_mermaid_text_escapes_the_hostile_characters(source):
    text = str(visualize.sequence_diagram(source, depth=9))
    lines = text.splitlines()
    assert lines[0] == "sequenceDiagram"
    statement = re.compile(r"^\s*(autonumber|participant |loop |end$|Note |[\w ]+->>[\w ]+: )")
    for line in lines[1:]:
        assert statement.match(line), line
        body = line.split(": ", 1)[-1] if "->>" in line or "Note" in line else ""
        body = re.sub(r"#\d+;", "", body)   # entity codes are how Mermaid spells # ; < >
        assert not re.search(r"[<>;#]", body), line
    assert "#60;script#62;alert(1)#60;/script#62;" in text


def rendered(renderable):
    from rich.console import Console
    console = Console(file=io.StringIO(), width=400, color_system=None, soft_wrap=True)
    console.print(renderable)
    return console.file.getvalue()


def test_terminal_tree_and_table_print_names_literally(source):
    tree = rendered(visualize.tree(source, depth=12))
    assert "[bold]B[/bold]" in tree and SCRIPT in tree
    if source is not None and isinstance(source, list):
        assert "[bold]" + SCRIPT in tree   # a hostile stage, printed as given
    rendered(visualize.stage_table(source))


def test_chrome_and_speedscope_json_carry_the_names_as_data(source):
    import json
    text = json.dumps(visualize.chrome_trace(source)) + json.dumps(visualize.speedscope(source))
    assert json.loads(json.dumps(text)) == text and "alert(1)" in text
