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
                 "trainable", "activation", "depth", "visit", "built_in"}],
     "edges": [[from, to], ...]}

What it hands on: a ``graphviz.Digraph``. ``expand_nested`` is accepted for
``plot_model`` compatibility; snapshots are flat, so it changes nothing.
"""
import html
from typing import Optional

import graphviz

from tracekeras.tracing import ENTRY_POINTS

from . import spans as spans_mod
from .dot import plain

BUILT_IN_TEXT = {"build": "built before training (Input/Model/build)",
                 "construct": "built when the model was constructed"}


def snapshots(source):
    """Every ``G`` snapshot of a trace, in order (dicts)."""
    tree = spans_mod.build(source)
    return [g.args for g in tree.graphs]


def pick(source, model=None, index=-1):
    """One snapshot: the one of ``model`` (a name or a model), else the ``index``-th (last)."""
    if isinstance(source, dict) and "layers" in source:
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


def esc(text):
    return html.escape(str(text), quote=True)


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
        facts.append(f"params: {layer['params']:,}")
    if facts:
        rows.append(row(", ".join(facts)))
    if flags["show_build"]:
        walk = []
        if layer.get("depth") is not None:
            walk.append(f"depth {layer['depth']}")
        if layer.get("visit") is not None:
            walk.append(f"visit #{layer['visit']}")
        if walk:
            rows.append(row("_build_map: " + ", ".join(walk)))
        if lazy:
            entry, epoch, step, shape = lazy
            when = f"built lazily inside {entry}"
            if epoch is not None:
                when += f" (epoch {epoch}, step {step})"
            if shape is not None:
                when += f" with {esc(shape_text(shape))}"
            rows.append(row(f"<font color='#2e7d32'>{when}</font>"))
        elif layer.get("built_in"):
            text = BUILT_IN_TEXT.get(layer["built_in"], f"built in {layer['built_in']}")
            rows.append(row(esc(text)))
    return ("<<table border='0' cellborder='1' cellspacing='0' cellpadding='3'>"
            + "".join(rows) + "</table>>")


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
    lazy = lazy_builds(tree)
    dot = graphviz.Digraph("layer_graph",
                           comment=plain(f"tracekeras layer graph of {snap.get('model')}"))
    total = sum(layer.get("params") or 0 for layer in snap.get("layers", []))
    dot.attr(
        rankdir=rankdir,
        dpi=str(dpi),
        fontname="Helvetica",
        labelloc="t",
        fontsize="12",
        label=plain(
            f"{snap.get('model')} ({snap.get('class')}): "
            f"{len(snap.get('layers', []))} layers, {total:,} params"
        ),
    )
    dot.attr("node", shape="plaintext", fontname="Helvetica", fontsize="10")
    ids = {}
    for n, layer in enumerate(snap.get("layers", [])):
        name = layer.get("name")
        ids[name] = f"l{n}"
        built_lazily = lazy.get(name)
        if built_lazily is None and layer.get("built_in") in ("fit", "evaluate", "predict"):
            built_lazily = (layer["built_in"], None, None, None)
        dot.node(ids[name], node_label(layer, flags, built_lazily), tooltip=plain(name),
                 id=f"tk-layer-{n}", **{"class": "tk-layer"})
    for a, b in snap.get("edges", []):
        if a in ids and b in ids:
            dot.edge(ids[a], ids[b])
    return dot
