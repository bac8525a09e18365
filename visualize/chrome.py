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
    if "folded" in node.args:
        args.update({k: v for k, v in node.args.items() if k != "folded"})
    else:
        args.update(node.args)
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
    return {"traceEvents": list(chrome_events(tree)), "displayTimeUnit": "ms",
            "otherData": other_data(tree)}


def other_data(tree):
    return {k: str(v) for k, v in (tree.header or {}).items()}


def chrome_events(tree):
    """The events of :func:`chrome_trace`, one dict at a time (a long trace is written
    as they come, never held: see ``visualize.outputs``)."""
    header = tree.header or {}
    yield {"ph": "M", "name": "process_name", "pid": PID, "tid": TID,
           "args": {"name": f"tracekeras (level {header.get('level', '?')})"}}
    yield {"ph": "M", "name": "thread_name", "pid": PID, "tid": TID,
           "args": {"name": "Keras engine"}}
    yield {"ph": "M", "name": "process_sort_index", "pid": PID, "tid": TID,
           "args": {"sort_index": 0}}
    short = spans_mod.short_name
    for node in tree.root.walk():
        kind = node.kind
        if kind == "span":
            start, end = node.start, node.end
            yield {"ph": "X", "name": short(node.name), "cat": node.stage or "span",
                   "ts": round(start / 1000.0, 3),
                   "dur": round(max(0, (end or start) - start) / 1000.0, 3), "pid": PID,
                   "tid": TID, "args": event_args(node)}
        elif kind in ("instant", "graph"):
            name = short(node.name) if kind == "instant" else (
                f"graph snapshot {node.args.get('model')}")
            args = event_args(node) if kind == "instant" else {
                "keras": node.name, "model": node.args.get("model"),
                "layers": [layer.get("name") for layer in node.args.get("layers") or []],
                "edges": node.args.get("edges")}
            yield {"ph": "i", "s": "t", "name": name, "cat": node.stage or "instant",
                   "ts": us(node.start), "pid": PID, "tid": TID, "args": args}
        elif kind == "fold":
            yield {"ph": "i", "s": "t", "name": spans_mod.fold_label(node),
                   "cat": "step", "ts": us(fold_time(node)), "pid": PID, "tid": TID,
                   "args": dict(node.stats or {}, kind=node.args.get("kind"),
                                steps=node.count, source=node.args.get("source"))}


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
    profile = Speedscope(spans_mod.build(source, fold=False), name)
    events = [{"type": kind, "frame": frame, "at": at} for kind, frame, at in profile.events()]
    return profile.document(events)


class Speedscope:
    """A speedscope profile of a tree: its open/close events as they come, then the
    frames they named and where it ends (so a writer can stream the events)."""

    def __init__(self, tree: spans_mod.SpanTree, name: Optional[str] = None) -> None:
        self.tree = tree
        self.title = name or f"tracekeras trace (level {tree.level})"
        self.frames: List[Dict[str, Any]] = []
        self.index: Dict[Any, int] = {}
        self.end = tree.root.end

    def frame(self, node):
        key = (node.name, node.impl)
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.frames)
            entry = {"name": node.short_name}
            if node.impl:
                entry["file"] = node.impl.split(":")[0]
            self.frames.append(entry)
        return found

    def events(self):
        """("O" or "C", frame, at) of every span, each kept inside its caller and after
        its elder sibling (an explicit stack, no recursion)."""
        root = self.tree.root
        t = root.start
        for top in root.children:
            if top.kind != "span":
                continue
            stack = [self.opened(top, t, max(root.end, top.end or 0))]
            yield "O", stack[0][3], stack[0][2]
            while stack:
                item = stack[-1]
                child = next(item[1], None)
                if child is None:
                    yield "C", item[3], item[4]
                    stack.pop()
                    t = item[4]
                    if stack:
                        stack[-1][2] = t
                elif child.kind == "span":
                    opened = self.opened(child, item[2], item[4])
                    stack.append(opened)
                    yield "O", opened[3], opened[2]
        self.end = max(t, root.end)

    def opened(self, node, lo, hi):
        start = min(max(node.start, lo), hi)
        end = max(min(node.end or node.start, hi), start)
        return [node, iter(node.children), start, self.frame(node), end]  # [2]: next child's lo

    def document(self, events):
        """The whole profile dict around ``events`` (call after the events were drawn)."""
        return {"$schema": "https://www.speedscope.app/file-format-schema.json",
                "shared": {"frames": self.frames},
                "profiles": [{"type": "evented", "name": self.title, "unit": "nanoseconds",
                              "startValue": self.tree.root.start, "endValue": self.end,
                              "events": events}],
                "name": self.title, "exporter": "tracekeras.visualize", "activeProfileIndex": 0}
