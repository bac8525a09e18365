"""The call diagram: the engine stages of a trace as a graphviz Digraph.

What it owns: turning a span tree into a diagram a reader can follow. One box
per Keras function *under a given caller*: repeated calls of the same
function by the same caller merge into one box with a count ("× 150"), so a
whole ``fit`` stays one page; folded steps add their count. Boxes show the short
name, the module, the count, the time, and the decision taken there (the
adapter chosen and those rejected, the default callbacks added, the function
a string such as "accuracy" resolved to, the input shape a layer was built
with). Edges are numbered in call order (the order each caller first called
each callee). Boxes are grouped in clusters by what the script called
(``group="phase"``, the default: construct, compile, fit, evaluate ... each a
contiguous branch, which keeps the tree readable), by stage
(``group="stage"``) or by module (``group="module"``); the fill colour always
tells the stage (a legend says which). Filters: ``stage=`` keeps the boxes of those
stages (a dashed edge jumps over hidden callers), ``depth=`` keeps the top
levels.

What it receives: anything :func:`visualize.spans.build` accepts. What it hands
on: a ``graphviz.Digraph`` (``.source`` is the DOT text; the caller renders
it). :func:`call_graph` gives the merged boxes and edges for other renderers.
"""
import re
import textwrap
from typing import Any, Dict, List, Optional, Sequence, Union

import graphviz

from . import spans as spans_mod
from .dot import esc, plain
from .spans import Source, format_ns, module_of, short_name

STAGE_FILL = {
    "compile": "#f3e5f5", "build": "#e8f5e9", "fit": "#e3f2fd", "evaluate": "#e0f7fa",
    "predict": "#e0f7fa", "data": "#fff8e1", "callbacks": "#eceff1", "function": "#e8eaf6",
    "step": "#ffffff", "layer": "#f1f8e9", "weights": "#dcedc8", "graph": "#fce4ec",
    "loss": "#ffebee", "metrics": "#e0f2f1", "optimizer": "#fffde7", "backend": "#f5f5f5",
}
MAX_DECISIONS = 4
ENTRY = "__script__"


class Box:
    """Every call of one function by one caller box."""

    def __init__(self, key, name, stage, depth, kind="span"):
        self.key, self.name, self.stage, self.depth, self.kind = key, name, stage, depth, kind
        self.count = 0
        self.folded = 0
        self.total_ns = 0
        self.calls = []            # the spans merged here (kept ones)
        self.members = []          # every node of the tree drawn as this box (the explorer)
        self.error = None
        self.unfinished = False
        self.id = None

    @property
    def short(self):
        return short_name(self.name)


class CallGraph:
    def __init__(self):
        self.boxes = {}            # key -> Box, in first-call order
        self.edges = {}            # (from key, to key) -> [order, count, folded]

    def box(self, parent_key, node, depth, kind="span"):
        key = (parent_key, node.name, kind)
        box = self.boxes.get(key)
        if box is None:
            box = self.boxes[key] = Box(key, node.name, node.stage, depth, kind)
            box.id = f"n{len(self.boxes)}"
        return box

    def edge(self, a, b, count, folded=0):
        e = self.edges.get((a, b))
        if e is None:
            e = self.edges[(a, b)] = [len(self.edges) + 1, 0, 0]
        e[1] += count
        e[2] += folded


def call_graph(source):
    """The merged boxes and numbered edges of a trace (see the module docstring)."""
    tree = spans_mod.build(source)
    graph = CallGraph()
    visit(graph, tree.root, ENTRY, 1, 1)
    return graph


def visit(graph, node, parent_key, depth, times):
    """Merge the calls below ``node`` into ``graph``, in call order (an explicit stack)."""
    stack = [(iter(node.children), parent_key, depth, times)]
    while stack:
        children, parent_key, depth, times = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        if child.kind == "fold":
            box = graph.box(parent_key, child, depth)
            box.count += child.count * times
            box.folded += child.count * times
            box.total_ns += child.duration * times
            box.members.append(child)
            graph.edge(parent_key, box.key, child.count * times, child.count * times)
            if child.sample is not None:  # what the folded steps called, counted
                stack.append((iter(child.sample.children), box.key, depth + 1,
                              child.count * times))
            continue
        if child.kind not in ("span", "instant", "graph"):
            continue
        box = graph.box(parent_key, child, depth, kind=child.kind)
        box.count += times
        box.total_ns += child.duration * times
        if len(box.calls) < 50:
            box.calls.append(child)
        box.members.append(child)
        if child.error and box.error is None:
            box.error = child.error
        box.unfinished = box.unfinished or child.unfinished
        graph.edge(parent_key, box.key, times)
        if child.children:
            stack.append((iter(child.children), box.key, depth + 1, times))


# -- decisions ------------------------------------------------------------------

def shape_text(shape):
    if isinstance(shape, list):
        return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
    return str(shape)


def listing(value):
    if isinstance(value, dict):
        return ", ".join(f"{k} ({v})" if v else str(k) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def short_adapters(names):
    """``TensorLikeDataAdapter`` -> ``TensorLike`` (a list of eight stays one line)."""
    if not isinstance(names, (list, tuple)) or len(names) < 3:
        return names
    return [re.sub(r"(Data)?Adapter$", "", str(n)) for n in names]


def decisions_of(span):
    """The decisions one call recorded, as short lines."""
    a = span.args
    out = []
    if "chosen" in a:
        out.append(f"chosen: {a['chosen']}")
    rejected = a.get("rejected")
    if rejected is None and isinstance(a.get("answers"), dict):  # select_data_adapter
        rejected = [name for name, yes in a["answers"].items() if not yes]
    if rejected:
        out.append(f"rejected: {listing(short_adapters(rejected))}")
    if "added" in a:
        out.append(f"added: {listing(a['added']) or 'nothing'}")
    resolved = a.get("resolved")
    if isinstance(resolved, dict):
        out.extend(f'"{k}" → {v}' for k, v in resolved.items())
    elif isinstance(resolved, list):
        out.append(f"resolved: {listing(resolved)}")
    elif resolved is not None:
        ident = a.get("identifier")
        out.append(f'"{ident}" → {resolved}' if ident else f"→ {resolved}")
    if "input_shape" in a and span.stage == "build":
        who = a.get("layer")
        out.append(f"{who + ': ' if who else ''}built with {shape_text(a['input_shape'])}")
    if "ret" in a:
        out.append(f"→ {a['ret']}")
    for key in ("decision", "reason"):
        if key in a:
            out.append(str(a[key]))
    if a.get("cached") is True:
        out.append("cached closure reused")
    return out


def box_decisions(box):
    lines = []
    for span in box.calls:
        for line in decisions_of(span):
            if line not in lines:
                lines.append(line)
    weights = [s.args.get("weight") for s in box.calls if s.args.get("weight")]
    if weights:
        layers = []
        for s in box.calls:
            who = s.args.get("layer") or s.args.get("of") or s.args.get("variable")
            who = who[:-2] if isinstance(who, str) and who.endswith(":0") else who
            if who and who not in layers:
                layers.append(str(who))
        names = list(dict.fromkeys(str(w) for w in weights))
        lines.append(f"{', '.join(names)}" + (f" of {', '.join(layers[:4])}" if layers else ""))
    if len(lines) > MAX_DECISIONS:
        lines = lines[:MAX_DECISIONS - 1] + [f"… {len(lines) - MAX_DECISIONS + 1} more"]
    return lines


def layers_of(box):
    names = []
    for s in box.calls:
        layer = s.args.get("layer")
        if layer and layer not in names:
            names.append(str(layer))
    return names


# -- drawing ----------------------------------------------------------------------

def cut(text, width):
    """``text`` in lines of at most ``width`` characters, broken after a dot, a slash, a
    comma or a space (``keras.engine.`` / ``training``); a longer piece is cut hard."""
    lines = [""]
    for piece in re.split(r"(?<=[./,\s])", text):
        if lines[-1] and len(lines[-1]) + len(piece.rstrip()) > width:
            lines.append("")
        lines[-1] += piece
    return [part.strip() for line in lines for part in textwrap.wrap(line, width) or [line]
            if part.strip()]


def small(text, color=None, wrap=None):
    """A 9-point row of a label, cut into lines of at most ``wrap`` characters."""
    colour = f" color='{color}'" if color else ""
    lines = (cut(text, wrap) if wrap else []) or [text]
    return "<br/>".join(f"<font point-size='9'{colour}>{esc(line)}</font>" for line in lines)


def box_label(box, wrap=None):
    if box.kind == "instant":
        args = box.calls[0].args if box.calls else {}
        facts = ", ".join(f"{k}={v}" for k, v in list(args.items())[:3])
        if not facts:   # (dot refuses an empty <font></font>)
            return f"<<i>{esc(box.short)}</i>>"
        return f"<<i>{esc(box.short)}</i><br/>{small(facts, wrap=wrap)}>"
    if box.kind == "graph":
        g = box.calls[0].args if box.calls else {}
        return (f"<<b>graph snapshot</b><br/><font point-size='9'>{esc(g.get('model'))}: "
                f"{len(g.get('layers') or [])} layers</font>>")
    where = module_of(box.name)
    if spans_mod.is_step_box(box):
        title = f"{esc(box.short)} (steps)"
    elif "<locals>" in box.name:   # a closure: its name, then where it was made
        title = esc(box.name.split(".")[-1])
        where = box.name.rsplit(".", 1)[0]
    else:
        title = esc(box.short)
    rows = [f"<b>{title}</b>", small(where, "#555555", wrap)]
    meta = []
    if box.count > 1:
        meta.append(f"× {box.count}")
    if box.folded:
        meta.append(f"{box.folded} folded")
    meta.append(format_ns(box.total_ns))
    rows.append(f"<font point-size='9'>{esc(', '.join(meta))}</font>")
    layers = layers_of(box)
    if layers:
        shown = ", ".join(layers[:4]) + (" …" if len(layers) > 4 else "")
        rows.append(small(f"layer: {shown}", wrap=wrap))
    for line in box_decisions(box):
        if line:     # (dot refuses an empty <font></font>)
            rows.append(small(line, "#1a5fb4", wrap))
    if box.error:
        err = box.error
        kind = err.get("type", "").split(".")[-1]
        rows.append(f"<font point-size='9' color='#c01c28'>✗ {esc(kind)}:"
                    f" {esc(str(err.get('message', ''))[:60])}</font>")
    if box.unfinished:
        rows.append("<font point-size='9' color='#c01c28'>⚠ unfinished (cut off)</font>")
    return "<" + "<br/>".join(rows) + ">"


def select(graph, stages, depth):
    """The boxes kept by the filters, and for each its nearest kept caller."""
    keep = {}
    for key, box in graph.boxes.items():
        if depth is not None and box.depth > depth:
            continue
        if stages and box.stage not in stages and box.kind != "fold":
            continue
        keep[key] = box
    return keep


def nearest_kept(key, keep):
    """(kept ancestor key or ENTRY, jumped over any hidden box?)."""
    parent = key[0]
    jumped = False
    while parent != ENTRY and parent not in keep:
        parent = parent[0]
        jumped = True
    return parent, jumped


def phase_of(key, graph):
    """The short name of the top-level call a box's key descends from."""
    while key[0] != ENTRY:
        key = key[0]
    return graph.boxes[key].short


def cluster_name(box, group, graph):
    if group == "stage":
        return box.stage
    if group == "module":
        return module_of(box.name)
    if group == "phase":
        return phase_of(box.key, graph)
    return None


def legend(dot, stages):
    cells = "".join(f"<td bgcolor='{STAGE_FILL.get(s, '#ffffff')}'>{esc(s)}</td>" for s in stages)
    dot.node("legend", f"<<table border='0' cellborder='1' cellspacing='0' cellpadding='3'>"
             f"<tr><td><b>stages</b></td>{cells}</tr></table>>", shape="plaintext")


def call_diagram(source: Source, stage: Optional[Union[str, Sequence[str]]] = None,
                 depth: Optional[int] = None, group: Optional[str] = "phase",
                 rankdir: str = "LR", instants: bool = True,
                 title: Optional[str] = None, wrap: Optional[int] = None) -> graphviz.Digraph:
    """A ``graphviz.Digraph`` of the engine stages of a trace.

    ``stage``: a stage name or list (keep those boxes); ``depth``: keep calls
    at most this deep (1 = what the script called); ``group``: "phase",
    "stage", "module" or None (clusters); ``instants``: draw instants and graph snapshots;
    ``rankdir``: "LR" (callers left of callees) or "TB" (above them); ``wrap``: cut a
    box's small lines at this many characters (a narrower figure for a page column).
    """
    graph = call_graph(source)
    stages = [stage] if isinstance(stage, str) else list(stage or [])
    keep = select(graph, stages, depth)
    if not instants:
        keep = {k: b for k, b in keep.items() if b.kind not in ("instant", "graph")}
    dot = graphviz.Digraph("call_diagram", comment="tracekeras call diagram")
    dot.attr(rankdir=rankdir, fontname="Helvetica", newrank="true", nodesep="0.15", ordering="out",
             ranksep="0.3", labelloc="t", fontsize="12",
             label=plain(title) if title else "tracekeras call diagram: boxes are Keras "
             "functions; edges are numbered in call order; × N = calls merged")
    dot.attr("node", shape="box", style="rounded,filled", fontname="Helvetica", fontsize="10",
             margin="0.08,0.04")
    dot.attr("edge", fontname="Helvetica", fontsize="9", color="#666666")
    dot.node(ENTRY, "your script", shape="ellipse", style="filled", fillcolor="#ffffff")
    clusters: Dict[Optional[str], List[Any]] = {}
    for box in keep.values():
        name = cluster_name(box, group, graph)
        clusters.setdefault(name, []).append(box)
    for n, (name, boxes) in enumerate(clusters.items()):
        target = dot if name is None else graphviz.Digraph(f"cluster_{n}")
        if name is not None:
            target.attr(label=plain(name), style="dashed", color="#999999", fontsize="10")
        for box in boxes:
            draw_box(target, box, wrap)
        if name is not None:
            dot.subgraph(target)
    legend(dot, list(dict.fromkeys(b.stage for b in keep.values() if b.stage)))
    ordered = sorted(((e[0], k, e) for k, e in graph.edges.items() if k[1] in keep))
    lines = []
    for number, (_, (_, b), e) in enumerate(ordered, start=1):
        src, jumped = nearest_kept(b, keep)
        text = str(number)
        if e[1] > 1:
            text += f"  × {e[1]}"
        if e[2]:
            text += f" ({e[2]} step{'s' if e[2] != 1 else ''} folded)"
        attrs = {"style": "dashed"} if jumped else {}
        lines.append((ENTRY if src == ENTRY else keep[src].id, keep[b].id, text, attrs))
    # with ordering=out, LR stacks a caller's callees bottom-up: give them last-first
    for a, b, text, attrs in (reversed(lines) if rankdir == "LR" else lines):
        dot.edge(a, b, label=text, **attrs)
    return dot


def draw_box(target, box, wrap=None):
    fill = STAGE_FILL.get(box.stage, "#ffffff")
    # id and class reach the SVG: the HTML explorer finds the box by them
    attrs = {"fillcolor": fill, "tooltip": plain(box.name), "id": f"tk-{box.id}",
             "class": "tk-box"}
    if box.kind == "instant":
        attrs.update(shape="note", style="filled")
    elif box.kind == "graph":
        attrs.update(shape="folder", style="filled")
    elif box.kind == "fold" or box.folded:
        attrs.update(peripheries="2")
    if box.error:
        attrs.update(color="#c01c28", penwidth="2")
    elif box.unfinished:
        attrs.update(color="#c01c28", style="rounded,filled,dashed")
    target.node(box.id, box_label(box, wrap), **attrs)
