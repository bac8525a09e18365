"""The layer graph: a model's layers drawn from a trace's ``G`` snapshot.

What it owns: what ``keras.utils.plot_model`` shows (layer names, classes,
input/output shapes, dtype, activation, trainable, parameter counts,
``rankdir``, ``dpi``, the ``show_*`` switches) plus what only the trace knows:
the ``_build_map`` depth and visit order of each layer, and which layers were
built lazily inside ``fit`` (or ``evaluate``/``predict``: the snapshot's
``built_in``, or a build span of that layer under ``Model.fit``, with the epoch
and step it happened in).

What it receives: anything :func:`visualize.spans.build` accepts, or a snapshot
dict itself. The agreed snapshot shape (``tracing.graph(name, snapshot)``)::

    {"model", "class", "inputs": [layer names], "outputs": [...],
     "layers": [{"name", "class", "input_shape", "output_shape", "dtype", "params",
                 "trainable", "activation", "depth", "visit", "built_in",
                 "calls" (only when a shared layer is called more than once)}],
     "edges": [[from, to] or [from, to, from_call, to_call], ...]}

Branching graphs (residual blocks, several inputs and outputs) keep the inputs
on the top rank and the outputs on the bottom one; a shared layer is drawn
once, with the number of calls, and every call's edges labelled with the call
they join ("call 2": its node index 1) and coloured by it, so each call's way
in and out can be followed (an edge is ``[from, to, from_call, to_call]`` where
an end is shared). ``expand_nested=True``
draws a model used as a layer as a cluster of its own layers (from its own
snapshot in the same trace), as ``plot_model(expand_nested=True)`` does.

What it hands on: a ``graphviz.Digraph``; :func:`node_ids` gives the SVG id
of each layer's node (the HTML explorer links spans to them).
"""
from typing import Optional

import graphviz

from tracekeras.tracing import ENTRY_POINTS, validate

from . import spans as spans_mod
from .dot import esc, plain

BUILT_IN_TEXT = {"build": "built before training (Input/Model/build)",
                 "construct": "built when the model was constructed"}


def snapshots(source):
    """Every ``G`` snapshot of a trace, in order (dicts)."""
    tree = spans_mod.build(source)
    return [g.args for g in tree.graphs]


def pick(source, model=None, index=-1):
    """One snapshot: the one of ``model`` (a name or a model), else the ``index``-th (last)."""
    if isinstance(source, dict) and "layers" in source:
        try:
            validate.check_snapshot(source)
        except validate.RecordError as exc:
            raise ValueError(f"Not a graph snapshot: {exc}.") from None
        return source, None
    if model is not None and not isinstance(model, str):
        model = getattr(model, "name", model)   # a model object: its name (duck-typed)
    tree = spans_mod.build(source)
    found = [g.args for g in tree.graphs if model is None or g.args.get("model") == model]
    if not found:
        names = sorted({str(g.args.get("model")) for g in tree.graphs})
        what = f"of model {model!r} " if model else ""
        raise ValueError(f"The trace has no graph snapshot {what}(ph 'G' records). "
                         f"Snapshots found: {', '.join(names) or 'none'}. A model's graph is "
                         "recorded when it is built (Functional._init_graph_network).")
    return found[index], tree


def lazy_builds(tree):
    """{layer name: (entry, epoch, step, input_shape)} for build spans run inside fit,
    evaluate or predict (the outermost such call is the entry)."""
    out = {}
    if tree is None:
        return out
    for node in tree.spans():
        if node.kind != "span" or node.stage != "build" or not node.name.endswith(".build"):
            continue
        layer = node.args.get("layer")
        if not layer or layer in out:
            continue
        entry, p = None, node.parent
        while p is not None:
            entry = ENTRY_POINTS.get(p.name, entry)
            p = p.parent
        if entry is not None:
            out[layer] = (entry, node.epoch, node.step, node.args.get("input_shape"))
    return out


def shape_text(shape):
    if shape is None:
        return "?"
    if isinstance(shape, list) and shape and isinstance(shape[0], list):
        return ", ".join(shape_text(s) for s in shape)
    if isinstance(shape, list):
        return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
    return str(shape)


def row(*cells, colour=None):
    bg = f" bgcolor='{colour}'" if colour else ""
    span = " colspan='2'" if len(cells) == 1 else ""
    return "<tr>" + "".join(f"<td{span}{bg}>{c}</td>" for c in cells) + "</tr>"


def node_label(layer, flags, lazy):
    title = f"<b>{esc(layer.get('name'))}</b>" if flags["show_layer_names"] else ""
    cls = esc(layer.get("class", "?"))
    head = f"{title}: {cls}" if title else cls
    colour = "#e8f5e9" if lazy else "#e3f2fd"
    rows = [row(head, colour=colour)]
    if flags["show_shapes"]:
        rows.append(row(f"input: {esc(shape_text(layer.get('input_shape')))}",
                        f"output: {esc(shape_text(layer.get('output_shape')))}"))
    facts = []
    if flags["show_dtype"] and layer.get("dtype"):
        facts.append(f"dtype: {esc(layer['dtype'])}")
    if flags["show_layer_activations"] and layer.get("activation"):
        facts.append(f"activation: {esc(layer['activation'])}")
    if flags["show_trainable"] and "trainable" in layer:
        facts.append("trainable" if layer["trainable"] else "frozen")
    if flags["show_params"] and layer.get("params") is not None:
        facts.append(f"params: {esc(format(layer['params'], ','))}")
    if facts:
        rows.append(row(", ".join(facts)))
    if (layer.get("calls") or 1) > 1:
        rows.append(row(f"<font color='#6a1b9a'>shared: called {int(layer['calls'])} times "
                        "in this model</font>"))
    if flags["show_build"]:
        walk = []
        if layer.get("depth") is not None:
            walk.append(f"node depth {esc(layer['depth'])}")
        if layer.get("visit") is not None:
            walk.append(f"visit #{esc(layer['visit'])}")
        if walk:
            rows.append(row("_build_map: " + ", ".join(walk)))
        if lazy:
            entry, epoch, step, shape = lazy
            when = f"built lazily inside {esc(entry)}"
            if epoch is not None:
                when += f" (epoch {esc(epoch)}, step {esc(step)})"
            if shape is not None:
                when += f" with {esc(shape_text(shape))}"
            rows.append(row(f"<font color='#2e7d32'>{when}</font>"))
        elif layer.get("built_in"):
            text = BUILT_IN_TEXT.get(layer["built_in"], f"built in {layer['built_in']}")
            rows.append(row(esc(text)))
    return ("<<table border='0' cellborder='1' cellspacing='0' cellpadding='3'>"
            + "".join(rows) + "</table>>")


CALL_COLOURS = ("#1565c0", "#e65100", "#2e7d32", "#6a1b9a", "#c62828", "#00838f")


def call_attrs(edge, shared):
    """An edge's label and colour when an end is a shared layer: which call it joins.

    ``edge``: ``[from, to]`` or ``[from, to, from_call, to_call]`` (calls from 0, the
    layer's node index in the model); ``shared``: the names of the layers called more
    than once. Calls are shown from 1, as the node's "called N times" counts them; the
    edges of one call share a colour.
    """
    if len(edge) != 4:
        return {}
    a, b, i, j = edge
    ends = [f"{end} call {c + 1} (node_index {c})" for end, c in ((a, i), (b, j))
            if end in shared]
    if not ends:
        return {}
    if a in shared and b in shared:
        label, call = f"call {i + 1} → call {j + 1}", j
    else:
        label, call = (f"call {j + 1}", j) if b in shared else (f"call {i + 1}", i)
    colour = CALL_COLOURS[call % len(CALL_COLOURS)]
    return {"label": plain(label), "fontname": "Helvetica", "fontsize": "9",
            "fontcolor": colour, "color": colour,
            "tooltip": plain(f"{a} → {b}: " + ", ".join(ends))}


def layer_graph(source: spans_mod.Source, model: Optional[str] = None, rankdir: str = "TB",
                dpi: int = 96, show_shapes: bool = True, show_dtype: bool = False,
                show_layer_names: bool = True, show_layer_activations: bool = False,
                show_trainable: bool = False, show_params: bool = True, show_build: bool = True,
                expand_nested: bool = False, index: int = -1) -> graphviz.Digraph:
    """A ``graphviz.Digraph`` of a model's layers (``plot_model`` and more)."""
    snap, tree = pick(source, model=model, index=index)
    flags = dict(show_shapes=show_shapes, show_dtype=show_dtype,
                 show_layer_names=show_layer_names,
                 show_layer_activations=show_layer_activations, show_trainable=show_trainable,
                 show_params=show_params, show_build=show_build)
    dot = graphviz.Digraph("layer_graph",
                           comment=plain(f"tracekeras layer graph of {snap.get('model')}"))
    total = sum(layer.get("params") or 0 for layer in (snap.get("layers") or []))
    dot.attr(rankdir=rankdir, dpi=str(dpi), fontname="Helvetica", labelloc="t", fontsize="12",
             label=plain(f"{snap.get('model')} ({snap.get('class')}): "
                         f"{len(snap.get('layers') or [])} layers, {total:,} params"))
    dot.attr("node", shape="plaintext", fontname="Helvetica", fontsize="10")
    drawing = Drawing(flags, lazy_builds(tree), nested_snapshots(tree) if expand_nested else {})
    ends = drawing.draw(dot, snap)
    for group, names in (("source", snap.get("inputs") or []), ("sink", snap.get("outputs") or [])):
        with dot.subgraph() as same:   # inputs side by side at the top, outputs at the bottom
            same.attr(rank=group)
            for name in names:
                if name in drawing.top:
                    same.node(ends[name][0][0])
    return dot


def nested_snapshots(tree):
    """{model name: its last snapshot}: the models a graph may hold as layers."""
    return {g.args.get("model"): g.args for g in (tree.graphs if tree is not None else [])}


def node_ids(source, model=None, expand_nested=False):
    """{layer name: SVG id of its node} as :func:`layer_graph` draws them (for the explorer)."""
    snap, tree = pick(source, model=model)
    drawing = Drawing(None, {}, nested_snapshots(tree) if expand_nested else {})
    drawing.draw(graphviz.Digraph(), snap)
    return drawing.svg_ids


class Drawing:
    """Draws one snapshot's layers and edges, a nested model's as a cluster of its own.

    Node names are ``l<n>`` (``l<n>_<k>`` inside the nested model drawn for layer n),
    their SVG ids ``tk-layer-<n>`` (``tk-layer-<n>-<k>``): the explorer finds them so.
    """

    def __init__(self, flags, lazy, nested):
        self.flags, self.lazy, self.nested = flags, lazy, nested
        self.svg_ids = {}
        self.top = set()        # layer names drawn as plain nodes of the outer graph

    def draw(self, target, snap, key="l", svg="tk-layer", level=0):
        """Draw into ``target``; returns {layer name: (entry nodes, exit nodes)}."""
        ends = {}
        for n, layer in enumerate((snap.get("layers") or [])):
            name = layer.get("name")
            inner = self.nested.get(name) if level < 8 and name != snap.get("model") else None
            if inner is not None:
                sub = graphviz.Digraph(f"cluster_{key}{n}")
                sub.attr(label=plain(f"{name} ({layer.get('class')})"), style="rounded,dashed",
                         color="#5c6bc0", fontsize="10")
                inner_ends = self.draw(sub, inner, f"{key}{n}_", f"{svg}-{n}", level + 1)
                target.subgraph(sub)
                ends[name] = ([e for i in inner.get("inputs") or [] for e in inner_ends[i][0]],
                              [e for o in inner.get("outputs") or [] for e in inner_ends[o][1]])
                self.svg_ids.setdefault(name, f"{svg}-{n}")
                continue
            node = f"{key}{n}"
            ends[name] = ([node], [node])
            self.svg_ids.setdefault(name, f"{svg}-{n}")
            if level == 0:
                self.top.add(name)
            if self.flags is not None:
                target.node(node, node_label(layer, self.flags, self.built_lazily(layer)),
                            tooltip=plain(name), id=f"{svg}-{n}", **{"class": "tk-layer"})
        into: dict = {}
        shared = {layer.get("name") for layer in snap.get("layers") or []
                  if (layer.get("calls") or 1) > 1}
        for edge in (snap.get("edges") or []):
            a, b = edge[0], edge[1]
            if a not in ends or b not in ends:
                continue
            entries = ends[b][0]
            k = into[b] = into.get(b, -1) + 1   # the k-th input of a nested model: its k-th Input
            targets = [entries[k % len(entries)]] if len(entries) > 1 else entries
            attrs = call_attrs(edge, shared)
            for x in ends[a][1]:
                for y in targets:
                    target.edge(x, y, **attrs)
        return ends

    def built_lazily(self, layer):
        found = self.lazy.get(layer.get("name"))
        if found is None and layer.get("built_in") in ("fit", "evaluate", "predict"):
            found = (layer["built_in"], None, None, None)
        return found
