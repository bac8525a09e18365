"""What the interactive HTML report knows about each span: the explorer's data.

What it owns: one JSON document embedded in the report (``<script
type="application/json">``, never executed) that ``explorer.js`` reads: every
node of the folded span tree in time order, with the one step each fold keeps
in full so that it can be opened (its Keras name, stage, timing, args,
the decisions :func:`visualize.calls.decisions_of` reads from them, its parent,
the call-diagram box that draws it, the layer it concerns), the call-diagram
boxes and layer-graph nodes with the spans they stand for, the tracekeras
source of every function that ran (the record's ``impl``, "module:qualname")
and where the same function lives in tf_keras 2.21 (``path:line``).

The source is read as text: the module's file is located with
:class:`importlib.machinery.PathFinder` one package level at a time, so
nothing is imported (``visualize`` never loads the engine), and the function
is found with :mod:`ast`. A function that ran in the user's script
(``__main__``) or a module not found is given a note instead.

What it receives: a folded :class:`visualize.spans.SpanTree`. What it hands on:
a dict (:func:`explorer_data`) and the JSON text safe inside a script element
(:func:`data_script`).
"""
import ast
import importlib.machinery
import json
import os
import textwrap
from typing import Any, Dict, List, Optional

from . import calls as cd
from .spans import format_ns

MAX_VALUE = 600         # characters of one arg's JSON before it is cut
MAX_SOURCE_LINES = 150  # lines of one function's source embedded
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


# -- where a span's function lives ----------------------------------------------------

def module_file(module: str) -> Optional[str]:
    """The .py file of a dotted module name, found without importing anything."""
    path: Optional[List[str]] = None
    spec = None
    for part in module.split("."):
        spec = importlib.machinery.PathFinder.find_spec(part, path)
        if spec is None:
            return None
        path = list(spec.submodule_search_locations or [])
    origin = getattr(spec, "origin", None)
    return origin if origin and origin.endswith(".py") else None


def definition(node: Any, name: str, index: Dict[int, Any]) -> Any:
    """The shallowest def or class called ``name`` under ``node`` (breadth first, the first of
    a depth wins), or None. ``index`` keeps, by the node's id, the definitions met so far and
    where the walk stopped: a look-up walks on from there only as far as it must."""
    if id(node) not in index:
        index[id(node)] = (node, {}, ast.walk(node))   # the node kept: its id stays its own
    _, found, walk = index[id(node)]
    if name not in found:
        for child in walk:
            if child is not node and isinstance(child, DEFINITIONS):
                found.setdefault(child.name, child)
                if child.name == name:
                    break
    return found.get(name)


def find_definition(tree: ast.AST, qualname: str,
                    index: Optional[Dict[int, Any]] = None) -> Any:
    """The def or class of ``qualname`` (``A.f``, ``f.<locals>.g``) in a parsed module, or None.
    ``index`` (see :func:`definition`) lets many look-ups in one tree share its walks."""
    index = {} if index is None else index
    node: Any = tree
    for part in qualname.split("."):
        if part == "<locals>":
            continue
        node = definition(node, part, index)
        if node is None:
            return None
    return node


def source_of(impl: str, cache: Dict[str, Any]) -> Dict[str, Any]:
    """{"file", "line", "text"} of the function an ``impl`` names, or {"note"}."""
    module, _, qualname = impl.partition(":")
    if module == "__main__" or not qualname:
        return {"note": f"{impl} ran in the traced script itself: its source is not embedded."}
    path = module_file(module)
    if path is None:
        return {"note": f"module {module} was not found on this machine when the report "
                        "was made: its source is not embedded."}
    if path not in cache:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            cache[path] = (text.splitlines(), ast.parse(text), {})
        except (OSError, SyntaxError, ValueError) as e:
            cache[path] = (None, str(e), None)
    lines, tree, index = cache[path]
    if lines is None:
        return {"note": f"{path} could not be read: {tree}"}
    node = find_definition(tree, qualname, index)
    if node is None:
        return {"note": f"{qualname} was not found in {module}."}
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    last = getattr(node, "end_lineno", None) or node.lineno
    text = lines[first - 1:min(last, first + MAX_SOURCE_LINES - 1)]
    if last - first + 1 > MAX_SOURCE_LINES:
        text.append(f"# … {last - first + 1 - MAX_SOURCE_LINES} more lines")
    shown = module.replace(".", "/") + ".py"
    return {"file": shown, "line": first, "text": textwrap.dedent("\n".join(text))}


def keras_reference(name: str) -> Optional[str]:
    """``tf_keras 2.21: tf_keras/src/engine/training.py:1134`` for a Keras name, or None.

    Read from the table ``tracekeras.conformance.keras_sources`` (standard
    library only); None when the table is absent or cannot be read.
    """
    try:
        from tracekeras.conformance import keras_sources  # type: ignore[attr-defined]
        return str(keras_sources.describe(name))
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        return None


# -- the spans --------------------------------------------------------------------

def short_value(value: Any) -> Any:
    """An arg as JSON, cut to :data:`MAX_VALUE` characters (a long one becomes text)."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    if len(text) <= MAX_VALUE:
        return value
    return text[:MAX_VALUE - 1] + "…"


def hidden_sample(fold):
    """The step a fold made while reading keeps in full (one of those it hides), or None.

    A fold of the recorder's hides steps that were never written down: its sample is
    the kept step beside it, already in the tree.
    """
    sample = fold.sample if fold.kind == "fold" else None
    siblings = fold.parent.children if fold.parent is not None else []
    if sample is None or any(c is sample for c in siblings):
        return None
    return sample


def with_samples(tree):
    """(node, parent) for every node of the folded tree, depth first in time order, and
    under each fold made while reading the one step it keeps in full with all it called:
    such a fold can be opened, since every step it hides had that same call structure."""
    stack = [(c, tree.root) for c in reversed(tree.root.children)]
    while stack:
        node, parent = stack.pop()
        yield node, parent
        sample = hidden_sample(node)
        below = node.children if sample is None else [sample]
        stack.extend((c, node) for c in reversed(below))


def span_ids(tree) -> Dict[int, str]:
    """{id(node): "s<record id>"} for recorded spans, "x<n>" for instants, graphs, folds
    (folds' sample steps included, see :func:`with_samples`)."""
    out = {}
    for n, (node, _) in enumerate(with_samples(tree)):
        out[id(node)] = f"s{node.id}" if node.kind == "span" and node.id is not None else f"x{n}"
    return out


def span_entry(node, depth, ids, box_of, parent=None):
    kind = node.kind
    entry = {"id": ids[id(node)], "name": node.name or "?", "short": node.short_name,
             "stage": node.stage or "", "kind": kind, "t": node.start or 0,
             "dur": node.duration, "time": format_ns(node.duration), "depth": depth,
             "parent": ids.get(id(node.parent if parent is None else parent)),
             "box": box_of.get(id(node)),
             "impl": node.impl or "", "epoch": node.epoch, "step": node.step}
    if kind == "graph":
        g = node.args
        entry["args"] = {"model": g.get("model"), "class": g.get("class"),
                         "layers": [layer.get("name") for layer in g.get("layers") or []]}
    else:
        entry["args"] = {str(k): short_value(v) for k, v in node.args.items()}
        entry["decisions"] = cd.decisions_of(node)
    layer = node.args.get("layer") if isinstance(node.args.get("layer"), str) else None
    if layer:
        entry["layer"] = layer
    if kind == "fold":
        entry["count"] = node.count
        entry["stats"] = {k: (format_ns(v) if k.endswith("_ns") else v)
                          for k, v in (node.stats or {}).items()}
        if node.sample is not None:
            entry["sample"] = ids.get(id(node.sample))
    if node.error:
        entry["error"] = {"type": str(node.error.get("type", "")),
                          "message": str(node.error.get("message", ""))}
    if node.unfinished:
        entry["unfinished"] = True
    return entry


def explorer_data(tree, models: List[Dict[str, Any]], note: Optional[str] = None,
                  ids: Optional[Dict[int, str]] = None) -> Dict[str, Any]:
    """The explorer's JSON document (see the module docstring).

    ``models``: [{"model": name, "nodes": {layer name: SVG id of its node}}], the
    layer graphs drawn on the page (:func:`visualize.model_graph.node_ids`).
    """
    graph = cd.call_graph(tree)
    box_of = {id(m): box.id for box in graph.boxes.values() for m in box.members}
    ids = span_ids(tree) if ids is None else ids
    spans, depths = [], {id(tree.root): 0}
    for node, parent in with_samples(tree):
        depths[id(node)] = depth = depths.get(id(parent), 0) + 1
        spans.append(span_entry(node, depth, ids, box_of, parent))
    boxes: Dict[str, List[str]] = {}
    for s in spans:
        if s["box"]:
            boxes.setdefault(s["box"], []).append(s["id"])
    layers = []
    for m in models:
        nodes = {str(name): node for name, node in m["nodes"].items()}
        members: Dict[str, List[str]] = {node: [] for node in nodes.values()}
        for s in spans:
            if s.get("layer") in nodes:
                members[nodes[s["layer"]]].append(s["id"])
        layers.append({"model": str(m["model"]), "nodes": nodes, "spans": members})
    cache: Dict[str, Any] = {}
    # once per function, not per span (a fit's trace names the same few dozen thousands of times)
    sources = {impl: source_of(impl, cache)
               for impl in dict.fromkeys(s["impl"] for s in spans if s["impl"])}
    keras = {}
    for name in dict.fromkeys(s["name"] for s in spans):
        ref = keras_reference(name)
        if ref:
            keras[name] = ref
    stages = list(dict.fromkeys(s["stage"] for s in spans if s["stage"]))
    return {"spans": spans, "boxes": boxes, "layers": layers, "sources": sources,
            "keras": keras, "stages": stages, "note": note}


def data_script(data: Dict[str, Any]) -> str:
    """The JSON inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def asset(name: str) -> str:
    """The text of a file shipped beside this module (explorer.js, explorer.css)."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name),
              encoding="utf-8") as f:
        return f.read()
