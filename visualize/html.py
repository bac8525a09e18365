"""One self-contained HTML report of a trace.

What it owns: a single file a learner opens offline (or displays in Jupyter):
the call diagram and layer graph as inline SVG (drawn with Graphviz ``dot``
when it is installed; otherwise the plain message and the DOT text), a
timeline (inline SVG bars of the spans, coloured by stage), the stage timing
table, the span tree as collapsible ``<details>``, and the sequence diagram
(drawn narrow, to fit the page's width; each message selects its spans) with
its Mermaid text. No script, stylesheet, font or image is fetched: everything is inline.

What it receives: anything :func:`visualize.spans.build` accepts. What it hands
on: a str (the HTML document; a ``str`` subclass Jupyter displays rendered).
"""
import base64
import hashlib
import re
from html import escape
from typing import Optional, Sequence, Union

from . import calls as cd
from . import dot as dot_mod
from . import explorer, sequence, sequence_svg
from . import model_graph as lg
from . import spans as spans_mod
from .spans import Source, fold_label, format_ns

STAGE_COLOURS = {
    "compile": "#ab47bc", "build": "#43a047", "fit": "#1e88e5", "evaluate": "#00acc1",
    "predict": "#26c6da", "data": "#fdd835", "callbacks": "#90a4ae", "function": "#5c6bc0",
    "step": "#757575", "layer": "#7cb342", "weights": "#9ccc65", "graph": "#ec407a",
    "loss": "#e53935", "metrics": "#26a69a", "optimizer": "#ffb300", "backend": "#bdbdbd",
}
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:1.5em;
color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
.diagram{overflow:auto;border:1px solid #eee;padding:4px;max-height:80vh}
.diagram svg{max-width:none;height:auto}
.missing{background:#fff3e0;border-left:4px solid #fb8c00;padding:.5em}
pre{background:#f7f7f7;padding:.6em;overflow:auto;font-size:12px}
details{margin-left:1.1em}summary{cursor:pointer;white-space:nowrap}
.leaf{margin-left:2.2em;white-space:nowrap}
.stage{display:inline-block;padding:0 .35em;border-radius:3px;font-size:.8em;color:#fff}
.dur{color:#666;font-size:.85em}.args{color:#1a5fb4;font-size:.85em}
.err{color:#c01c28;font-weight:bold}.leaf.fold,.fold>summary{color:#b36b00;font-weight:bold}
.fold-note{color:#666;font-style:italic;margin-left:2.2em}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}
"""


class HTMLText(str):
    """A str of HTML that Jupyter displays rendered (``_repr_html_``)."""

    def _repr_html_(self):
        return str(self)


def stage_badge(stage):
    colour = STAGE_COLOURS.get(stage, "#999")
    return f"<span class='stage' style='background:{colour}'>{escape(str(stage))}</span>"


def node_html(node, depth, open_depth, ids=None):
    """One row of the span tree (``<details>`` when it has children), ``data-span`` marked."""
    ids = ids or {}
    mark = f" data-span='{escape(ids[id(node)])}'" if id(node) in ids else ""
    if node.kind == "fold":
        st = node.stats or {}
        text = (f"{escape(fold_label(node))} "
                f"<span class='dur'>total {format_ns(node.duration)}, mean "
                f"{format_ns(st.get('mean_ns'))} (min {format_ns(st.get('min_ns'))}, "
                f"max {format_ns(st.get('max_ns'))})</span>")
        sample = explorer.hidden_sample(node)
        if sample is None:
            return f"<div class='leaf fold'{mark}>{text}</div>"
        # opened, the fold shows one of its steps in full: they all made the same calls
        step = sample.args.get("step")
        note = (f"<div class='fold-note'>one of the {node.count} identical steps, in full"
                + (f" (step {escape(str(step))})" if step is not None else "") + ":</div>")
        return (f"<details class='fold'{mark}><summary>{text}</summary>{note}"
                f"{node_html(sample, depth + 1, open_depth, ids)}</details>")
    if node.kind == "graph":
        return (f"<div class='leaf'{mark}>◆ graph snapshot {escape(str(node.args.get('model')))} "
                f"({len(node.args.get('layers') or [])} layers)</div>")
    facts = ", ".join(f"{k}={v}" for k, v in node.args.items() if k != "folded")
    facts = facts if len(facts) < 160 else facts[:159] + "…"
    text = f"{stage_badge(node.stage)} <b title='{escape(node.name)}'>{escape(node.short_name)}</b>"
    if node.kind == "instant":
        text = "• " + text
    else:
        text += f" <span class='dur'>{format_ns(node.duration)}</span>"
    if facts:
        text += f" <span class='args'>{escape(facts)}</span>"
    if node.error:
        text += (f" <span class='err'>✗ {escape(node.error.get('type', '').split('.')[-1])}: "
                 f"{escape(str(node.error.get('message', '')))}</span>")
    if node.unfinished:
        text += " <span class='err'>⚠ unfinished</span>"
    if not node.children:
        return f"<div class='leaf'{mark}>{text}</div>"
    inner = "".join(node_html(c, depth + 1, open_depth, ids) for c in node.children)
    state = " open" if depth < open_depth else ""
    return f"<details{state}{mark}><summary>{text}</summary>{inner}</details>"


def timeline_svg(tree, width=1100, max_depth=6, row=16, shown=None):
    """Bars of the spans (depth < max_depth, wide enough to see) on one time axis.

    ``shown``: the span ids the explorer knows; a bar is marked ``data-span``
    with its own or its nearest shown ancestor's (a step folded away: its epoch).
    """
    start, whole = tree.root.start, max(tree.root.duration, 1)
    bars, rows_used = [], 0
    for node in tree.spans():
        depth, p = 0, node.parent
        while p is not None and p is not tree.root:
            depth, p = depth + 1, p.parent
        if node.kind != "span" or depth >= max_depth:
            continue
        rows_used = max(rows_used, depth + 1)
        x = (node.start - start) / whole * width
        w = node.duration / whole * width
        if w < 1.0 and depth > 1:
            continue  # too thin to see: a long run keeps the report small
        w = max(w, 0.5)
        colour = STAGE_COLOURS.get(node.stage, "#999")
        stroke = " stroke='#c01c28' stroke-width='1.5'" if node.error or node.unfinished else ""
        label = escape(f"{node.short_name} ({node.stage}) {format_ns(node.duration)}")
        text = ""
        if w > 60:
            text = (f"<text x='{x + 2:.1f}' y='{depth * row + 11}' font-size='10' "
                    f"fill='#000'>{escape(node.short_name[: int(w / 6)])}</text>")
        mark = ""
        if shown is not None:
            p = node
            while p is not None and f"s{p.id}" not in shown:
                p = p.parent
            mark = f" data-span='s{escape(str(p.id))}'" if p is not None else ""
        bars.append(f"<g><title>{label}</title><rect{mark} x='{x:.1f}' y='{depth * row}' "
                    f"width='{w:.1f}' height='{row - 2}' fill='{colour}' opacity='0.85'{stroke}/>"
                    f"{text}</g>")
    height = rows_used * row + 16
    axis = (f"<text x='0' y='{height - 2}' font-size='10'>0</text>"
            f"<text x='{width - 60}' y='{height - 2}' font-size='10'>{format_ns(whole)}</text>")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"class='timeline'>{''.join(bars)}{axis}</svg>")


def stage_table_html(tree):
    summary, whole = spans_mod.stage_summary(tree)
    rows = ["<tr><th>stage</th><th>count</th><th>total</th><th>self</th><th>mean</th>"
            "<th>share</th></tr>"]
    for stage, r in sorted(summary.items(), key=lambda kv: -kv[1]["self_ns"]):
        share = 100.0 * r["self_ns"] / whole if whole else 0.0
        rows.append(f"<tr><td>{stage_badge(stage)}</td><td>{r['count']}</td>"
                    f"<td>{format_ns(r['total_ns'])}</td><td>{format_ns(r['self_ns'])}</td>"
                    f"<td>{format_ns(r['mean_ns'])}</td><td>{share:.1f}%</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def diagram_html(digraph, view_id=None, extra=""):
    """A diagram as inline SVG in a pan/zoom view (or the DOT text when ``dot`` is missing)."""
    svg = dot_mod.svg_text(digraph)
    if svg is not None:
        if view_id is None:
            return f"<div class='diagram'>{svg}</div>"
        return (tools_html(view_id) + f"<div class='diagram tk-view' id='{view_id}' "
                f"tabindex='0'{extra}>{svg}</div>")
    return (f"<p class='missing'>{escape(dot_mod.DOT_MISSING)}</p>"
            f"<details><summary>DOT source</summary><pre>{escape(digraph.source)}</pre></details>")


def tools_html(view_id):
    """Zoom buttons of one view (shown when the script runs)."""
    return (f"<div class='tk-tools tk-js'>"
            f"<button type='button' data-zoom='in' data-for='{view_id}'>+ zoom in</button> "
            f"<button type='button' data-zoom='out' data-for='{view_id}'>− zoom out</button> "
            f"<button type='button' data-zoom='fit' data-for='{view_id}'>fit</button> "
            "<span class='tk-keys'>wheel: zoom, drag: pan; focused: + − 0 and arrows</span></div>")


TOOLBAR = """<header class='tk-bar tk-js'><h1>{title}</h1>
<input class='tk-search' type='search' placeholder='search names ( / )' aria-label='search'>
<select class='tk-stage' aria-label='stage'><option value=''>all stages</option></select>
<label>depth ≤ <input class='tk-depth' type='number' min='0' placeholder='all'></label>
<button type='button' class='tk-prev' title='previous span (p)'>◀ prev</button>
<button type='button' class='tk-play' title='play / pause (.)'>▶ play</button>
<button type='button' class='tk-next' title='next span (n)'>next ▶</button>
<span class='tk-pos'></span> <span class='tk-count'></span>
<button type='button' class='tk-fit' title='fit every diagram (f)'>fit all</button></header>"""
PANEL = ("<aside class='tk-panel tk-js'><div class='tk-panel-body'><p>Click any box, "
         "layer, message, bar or tree row, or press <b>n</b> to step through the run in time "
         "order (<b>p</b> back, <b>.</b> play, <b>/</b> search).</p></div></aside>")


def scoped_css(scope, css=CSS):
    """The stylesheet with every rule limited to ``scope`` (a notebook keeps its own look)."""
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        scoped = ",".join(scope if sel.strip() == "body" else f"{scope} {sel.strip()}"
                          for sel in selectors.split(","))
        rules.append(f"{scoped}{{{body}}}")
    return "\n".join(rules)


def csp(script=None):
    """The Content-Security-Policy: nothing fetched, the one inline script admitted by hash."""
    allowed = "'none'"
    if script is not None:
        digest = hashlib.sha256(script.encode("utf-8")).digest()
        allowed = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src {allowed}; base-uri 'none'; form-action 'none'")


def page_start(title, style):
    """The head of a standalone page; ``{csp}`` is filled in by :func:`page_end`."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"{csp}\">"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)}</title><style>{style}</style></head><body>")


def page_end(parts, script=True):
    """The page with the explorer's script (admitted by its hash in the policy), or none."""
    code = explorer.asset("explorer.js") if script else None
    if code is not None and re.search(r"</script|<!--|<script", code, re.I):
        raise ValueError("explorer.js must not hold '<script', '</script' or '<!--' (it is "
                         "inlined in a <script> element)")
    parts.append(f"<script>{code}</script></body></html>" if script else "</body></html>")
    return HTMLText("\n".join(parts).replace("{csp}", csp(code), 1))


def data_element(data, key="tk-data"):
    return f"<script type='application/json' id='{key}'>{explorer.data_script(data)}</script>"


def tree_html(tree, ids, open_depth):
    return ("<div class='tree tk-tree'>"
            + "".join(node_html(c, 0, open_depth, ids) for c in tree.root.children) + "</div>")


def explorer_pane(source, key, title, marks=None):
    """One trace's call diagram and span tree with its own toolbar and panel (a comparison side).

    ``marks``: a function of the explorer data giving {box id: class suffix}.
    """
    tree = spans_mod.build(source)
    ids = explorer.span_ids(tree)
    data = explorer.explorer_data(tree, [], ids=ids)
    data["marks"] = marks(data) if marks else {}
    return "\n".join([
        f"<div class='tk-root' data-explorer='tk-data-{key}'>", TOOLBAR.format(title=escape(title)),
        "<div class='tk-main'><main>",
        diagram_html(cd.call_diagram(tree), f"tk-calls-{key}"),
        "<details><summary>span tree</summary>" + tree_html(tree, ids, 1) + "</details>",
        "</main>" + PANEL + "</div></div>", data_element(data, f"tk-data-{key}")])


def html_report(source: Source, title: str = "tracekeras trace report",
                stage: Optional[Union[str, Sequence[str]]] = None, depth: Optional[int] = None,
                open_depth: int = 2, fragment: bool = False, note: Optional[str] = None) -> str:
    """The HTML document (a str) of a trace (see the module docstring).

    ``fragment=True`` gives one ``<div class="tracekeras">`` with its styles
    scoped to it and no script, for embedding (Jupyter's ``_repr_html_``).
    ``note``: a sentence shown at the top (e.g. that a huge trace was cut down).
    """
    tree, flat = spans_mod.build_both(source)
    models = list(dict.fromkeys(g.args.get("model") for g in tree.graphs))
    ids = explorer.span_ids(tree)
    data = explorer.explorer_data(
        tree, [{"model": m, "nodes": lg.node_ids(tree, model=m, expand_nested=True)}
               for m in models], note=note, ids=ids)
    style = CSS + explorer.asset("explorer.css")
    if fragment:
        parts = [f"<div class='tracekeras'><style>{scoped_css('.tracekeras', style)}</style>"]
    else:
        parts = [page_start(title, style)]
    parts += ["<div class='tk-root'>", TOOLBAR.format(title=escape(title)),
              "<div class='tk-main'><main>"]
    parts += report_body(tree, flat, models, title, stage, depth, open_depth, note, ids)
    parts += ["</main>" + PANEL + "</div></div>", data_element(data)]
    if fragment:
        parts.append("</div>")
        return HTMLText("\n".join(parts))
    return page_end(parts)


def report_body(tree, flat, models, title, stage, depth, open_depth, note, ids):
    """The report's sections: header, diagrams, timeline, stage table, tree, sequence
    (``ids``: the explorer's span ids, :func:`visualize.explorer.span_ids`)."""
    parts = [f"<h1>{escape(title)}</h1>",
             "<p>" + escape(", ".join(f"{k}: {v}" for k, v in (tree.header or {}).items()))
             + "</p>"]
    if note:
        parts.append(f"<p class='tk-note'>{escape(note)}</p>")
    unfinished = sum(1 for s in tree.spans() if s.unfinished)
    if unfinished:
        parts.append(f"<p class='err'>⚠ {unfinished} spans never ended: the run was cut off.</p>")
    parts.append("<h2>Call diagram</h2>")
    parts.append(diagram_html(cd.call_diagram(tree, stage=stage, depth=depth), "tk-calls"))
    for n, model in enumerate(models):
        parts.append(f"<h2>Layer graph: {escape(str(model))}</h2>")
        parts.append(diagram_html(lg.layer_graph(tree, model=model, show_dtype=True,
                                                 show_layer_activations=True,
                                                 expand_nested=True),
                                  f"tk-layers-{n}", f" data-model='{n}'"))
    parts.append("<h2>Timeline</h2>")
    parts.append(tools_html("tk-timeline") + "<div class='diagram tk-view tk-short tk-timeline' "
                 f"id='tk-timeline' tabindex='0'>{timeline_svg(flat, shown=set(ids.values()))}"
                 "</div>")
    parts.append("<h2>Time per stage</h2>" + stage_table_html(tree))
    parts.append("<h2>Span tree</h2>" + tree_html(tree, ids, open_depth))
    mermaid = sequence.sequence_diagram(tree, depth=depth or 9)
    parts.append("<h2>Sequence diagram</h2>")
    parts.append("<div class='tk-seq' id='tk-seq' tabindex='0'>"
                 f"{sequence_svg.narrow_sequence_svg(mermaid, width=760, boxes=mermaid.boxes)}"
                 "</div>")
    parts.append(f"<details><summary>Mermaid source</summary><pre>{escape(mermaid)}</pre>"
                 "</details>")
    return parts
