"""Helpers for the hostile-trace tests: writing trace files and checking outputs.

A hostile trace is a file anyone could hand a learner. What every output of one
must never hold, checked here structurally (by parsing, not by looking for
words that escaped text may legitimately show):

- an active URL: an ``href``/``src``/``action`` attribute (or Graphviz's
  ``URL``/``href``) whose value is not a local ``#anchor``;
- a bare ``NaN``/``Infinity`` in JSON;
- a control character in terminal text;
- a Mermaid line that is not one of the statements the renderer writes.
"""
import html.parser
import io
import json
import re
import xml.etree.ElementTree as ET

from rich.console import Console

HEADER = {"format": "tracekeras-trace", "schema": 1, "level": "stages"}
FIT = "keras.engine.training.Model.fit"
GRAPH = "keras.engine.functional.Functional._init_graph_network"
INJECTION = "1</td><td href='javascript:alert(document.domain)'>CLICK ME"
LINK_ATTRIBUTES = {"href", "xlink:href", "src", "action", "formaction",
                   "{http://www.w3.org/1999/xlink}href"}
DOT_LINK = re.compile(r"(?i)\b(href|url|target)\s*=\s*[\"<]")
DOT_TAG = re.compile(r"<(\w+)([^<>]*)>")
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
MERMAID_LINE = re.compile(r"^(sequenceDiagram|    autonumber|\s+participant \w+ as [\w ]+"
                          r"|\s+loop .*|\s+end|\s+Note right of \w+: .*|\s+\w+->>\w+: .*)$")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def begin(sid=1, parent=None, name=FIT, stage="fit", ts=10, **extra):
    return dict({"ph": "B", "id": sid, "parent": parent, "name": name, "stage": stage,
                 "ts": ts}, **extra)


def end(sid=1, ts=20, **extra):
    return dict({"ph": "E", "id": sid, "ts": ts}, **extra)


def snapshot(layers, edges=(), ts=15):
    return {"ph": "G", "id": None, "parent": 1, "name": GRAPH, "stage": "graph", "ts": ts,
            "args": {"model": "m", "class": "Functional", "layers": list(layers),
                     "edges": [list(e) for e in edges]}}


def write_trace(path, records, header=HEADER, prefix=""):
    """A trace file as a hostile writer makes it (``json.dumps`` allows NaN tokens)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(prefix + json.dumps(header) + "\n")
        for record in records:
            f.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
    return str(path)


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [(name, value) for name, value in attrs if is_active(name, value)]


def is_active(name, value):
    return name.lower() in LINK_ATTRIBUTES and not (value or "").startswith("#")


def active_urls_html(page):
    parser = Links()
    parser.feed(page)
    return parser.found


def active_urls_svg(svg):
    root = ET.fromstring(svg)
    return [(k, v) for element in root.iter() for k, v in element.attrib.items()
            if is_active(k, v)]


def active_urls_dot(source):
    """Link attributes of a DOT source: in attribute lists and in HTML-like labels' tags.

    Quoted strings (tooltips, plain labels) are text to Graphviz whatever they hold,
    so they are taken out first; in HTML-like labels trace text is escaped, so every
    ``<tag ...>`` left is one the renderer wrote.
    """
    source = QUOTED.sub('""', source)
    found = [m.group(0) for m in DOT_LINK.finditer(source)]
    for tag in DOT_TAG.finditer(source):   # the tags of HTML-like labels (text is escaped)
        found += [a for a in ("href", "url", "target") if a in tag.group(2).lower()]
    return found


def strict_json(text):
    """Parse JSON refusing NaN/Infinity tokens (what browsers and Perfetto accept)."""
    def refuse(token):
        raise ValueError(f"bare {token} in JSON")
    return json.loads(text, parse_constant=refuse)


def bad_mermaid_lines(text):
    return [line for line in text.splitlines() if not MERMAID_LINE.match(line)]


def terminal_text(renderable):
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None, force_terminal=False).print(renderable)
    return buffer.getvalue()


def control_characters(text):
    return CONTROL.findall(text)
