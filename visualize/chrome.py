"""Timeline exports: Chrome Trace Event JSON (Perfetto, chrome://tracing) and speedscope.

What it owns: turning a span tree into the two timeline formats profilers
read. Chrome Trace Event JSON (the format ui.perfetto.dev and chrome://tracing
load): every span a complete event (``"ph": "X"``, ``ts``/``dur`` in
microseconds) whose ``args`` hold the Keras name, the stage, the merged
begin/end facts, any error and the unfinished mark; instants and graph
snapshots are instant events (``"ph": "i"``); each fold of steps is an instant
at the point it stands for, with its count and timing statistics; metadata
events (``"ph": "M"``) name the process and thread. speedscope's "evented"
format (open/close frame events, nanoseconds) is the optional second export.

What it receives: anything :func:`visualize.spans.build` accepts. What it hands
on: plain dicts (``json.dump`` them). Folding: the recorder's and the reader's
folds are kept as they are, so the timeline shows the steps that were kept.
"""
from typing import Any, Dict, List, Optional

from . import spans as spans_mod
from .spans import Source

PID, TID = 1, 1


def us(ns):
    return round((ns or 0) / 1000.0, 3)


def event_args(node):
    args = {"keras": node.name, "stage": node.stage}
    if node.impl:
        args["impl"] = node.impl
    args.update({k: v for k, v in node.args.items() if k != "folded"})
    if node.epoch is not None:
        args["epoch"] = node.epoch
    if node.step is not None:
        args["step"] = node.step
    if node.error:
        args["error"] = node.error
    if node.unfinished:
        args["unfinished"] = True
    return args


def chrome_trace(source: Source) -> Dict[str, Any]:
    """A Chrome Trace Event dict: ``{"traceEvents": [...], "displayTimeUnit": "ms", ...}``."""
    tree = spans_mod.build(source, fold=False)
    header = tree.header or {}
    events = [
        {"ph": "M", "name": "process_name", "pid": PID, "tid": TID,
         "args": {"name": f"tracekeras (level {header.get('level', '?')})"}},
        {"ph": "M", "name": "thread_name", "pid": PID, "tid": TID,
         "args": {"name": "Keras engine"}},
        {"ph": "M", "name": "process_sort_index", "pid": PID, "tid": TID,
         "args": {"sort_index": 0}},
    ]
    for node in tree.spans():
        if node.kind == "span":
            events.append({"ph": "X", "name": node.short_name, "cat": node.stage or "span",
                           "ts": us(node.start), "dur": us(node.duration), "pid": PID,
                           "tid": TID, "args": event_args(node)})
        elif node.kind in ("instant", "graph"):
            name = node.short_name if node.kind == "instant" else (
                f"graph snapshot {node.args.get('model')}")
            args = event_args(node) if node.kind == "instant" else {
                "keras": node.name, "model": node.args.get("model"),
                "layers": [layer.get("name") for layer in node.args.get("layers") or []],
                "edges": node.args.get("edges")}
            events.append({"ph": "i", "s": "t", "name": name, "cat": node.stage or "instant",
                           "ts": us(node.start), "pid": PID, "tid": TID, "args": args})
        elif node.kind == "fold":
            events.append({"ph": "i", "s": "t", "name": spans_mod.fold_label(node),
                           "cat": "step", "ts": us(fold_time(node)), "pid": PID, "tid": TID,
                           "args": dict(node.stats or {}, kind=node.args.get("kind"),
                                        steps=node.count, source=node.args.get("source"))})
    return {"traceEvents": events, "displayTimeUnit": "ms",
            "otherData": {k: str(v) for k, v in header.items()}}


def fold_time(fold):
    """Where a fold stands on the timeline: just before the kept step after it."""
    siblings = fold.parent.children if fold.parent is not None else []
    at = siblings.index(fold) if fold in siblings else -1
    for later in siblings[at + 1:]:
        if later.kind == "span":
            return later.start
    return fold.parent.end if fold.parent is not None else 0


def speedscope(source: Source, name: Optional[str] = None) -> Dict[str, Any]:
    """A speedscope "evented" profile dict (https://www.speedscope.app/file-format-schema.json)."""
    tree = spans_mod.build(source, fold=False)
    frames: List[Dict[str, Any]] = []
    index: Dict[Any, int] = {}
    events: List[Dict[str, Any]] = []

    def frame(node):
        key = (node.name, node.impl)
        if key not in index:
            index[key] = len(frames)
            entry = {"name": node.short_name}
            if node.impl:
                entry["file"] = node.impl.split(":")[0]
            frames.append(entry)
        return index[key]

    def emit(node, lo, hi):
        """Open/close events of ``node`` and the spans below it, each kept inside its
        caller and after its elder sibling (an explicit stack); returns where it ends."""
        stack = [opened(node, lo, hi)]
        while True:
            top = stack[-1]
            child = next(top[1], None)
            if child is None:
                events.append({"type": "C", "frame": top[3], "at": top[4]})
                stack.pop()
                if not stack:
                    return top[4]
                stack[-1][2] = top[4]
            elif child.kind == "span":
                stack.append(opened(child, stack[-1][2], stack[-1][4]))

    def opened(node, lo, hi):
        start = min(max(node.start, lo), hi)
        end = max(min(node.end or node.start, hi), start)
        f = frame(node)
        events.append({"type": "O", "frame": f, "at": start})
        return [node, iter(node.children), start, f, end]   # [2]: where the next child may start

    t = tree.root.start
    for child in tree.root.children:
        if child.kind == "span":
            t = emit(child, t, max(tree.root.end, child.end or 0))
    title = name or f"tracekeras trace (level {tree.level})"
    return {"$schema": "https://www.speedscope.app/file-format-schema.json",
            "shared": {"frames": frames},
            "profiles": [{"type": "evented", "name": title, "unit": "nanoseconds",
                          "startValue": tree.root.start, "endValue": max(t, tree.root.end),
                          "events": events}],
            "name": title, "exporter": "tracekeras.visualize", "activeProfileIndex": 0}
