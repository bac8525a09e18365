"""Trace records -> a tree of spans, with repeated steps folded.

What it owns: the one reading of a trace every renderer shares. A begin
record (``ph`` "B") and its end record ("E") become one :class:`Span` whose
``args`` merge both (the end's facts — a decision, a result, folded step
statistics — win on a clash); instants ("i") and graph snapshots ("G") become
leaf nodes of their parent span; a span left open by a crash (closed by the
reader, ``unfinished``) keeps that mark.

Folding: at level ``stages`` the recorder already folded later steps into
statistics on the epoch span's end record (``folded: {kind: {count, total_ns,
min_ns, max_ns, mean_ns}}``); these become a ``fold`` node "× N". At levels
``steps`` and ``full`` every step is a span; :func:`fold_steps` keeps the first
and the last step of each kind under a parent and any step that differs (a
different call structure, an error, a build, a stop) and replaces the rest by
one ``fold`` node with the count and timing statistics.

What it receives: a :class:`tracekeras.tracing.Trace`, a trace file path, or a
list of records. What it hands on: :class:`SpanTree` (``root``, ``header``,
``graphs``) to every renderer. It imports only ``tracekeras.tracing``.

Hostile and long traces: every record is checked first (``tracing.validate``:
a file's as it is read, records in memory as they are handed in), and a span
nested more than ``validate.MAX_SPAN_DEPTH`` deep is refused, so no renderer
meets a wrong type or an unbounded depth; walks use explicit stacks, never
recursion. A file is streamed into the tree (``jsonl.stream``, no list of
dicts), spans are compact (``__slots__``, interned names, the record's own args
dict) and cyclic garbage collection pauses while the tree grows; folding, the
steps a fold would hide are read light and never become more than a childless
node (``step_folding``): a 10^6-record trace builds in a few seconds and under
60 MB folded, a few hundred MB unfolded (benchmarks/trace_scale.py).
:func:`prune` cuts a tree to a node budget for views that must stay small.
"""
import functools
import os
from collections import Counter
from typing import Any, Dict, List, Tuple, Union

from tracekeras import tracing
from tracekeras.tracing import STEP_NAME

from . import reading


class Span:
    """One node: a span, an instant, a graph snapshot or a fold of many steps.

    Compact on purpose (``__slots__``, ``args`` adopted from the record, ``children``
    an empty tuple until a child comes): a long trace holds hundreds of thousands.
    """

    __slots__ = ("id", "name", "stage", "impl", "args", "children", "parent", "start", "end",
                 "error", "unfinished", "epoch", "step", "kind", "count", "stats", "sample",
                 "depth", "tid")

    def __init__(self, name, stage=None, kind="span", id=None, impl=None, args=None,
                 start=0, end=None, epoch=None, step=None):
        self.id, self.name, self.stage, self.kind, self.impl = id, name, stage, kind, impl
        self.args = args if args is not None else {}
        self.children = ()
        self.parent = None
        self.start, self.end = start, end
        self.error = None
        self.unfinished = False
        self.epoch, self.step = epoch, step
        self.count = 1          # a fold node stands for `count` steps
        self.stats = None       # a fold node's {count, total_ns, min_ns, max_ns, mean_ns}
        self.sample = None      # a reader fold node: one of the steps it hides
        self.depth = 0          # spans above it (the root is 0)
        self.tid = None         # the thread that ran it, when not the one that opened the trace

    @property
    def duration(self):
        """Nanoseconds from begin to end (a fold node: the total of its steps)."""
        if self.kind == "fold":
            stats = self.stats or {}
            if stats.get("count") not in (None, self.count):  # a recorder fold minus kept steps
                return (stats.get("mean_ns") or 0) * self.count
            return stats.get("total_ns", 0) or 0
        if self.end is None:
            return 0
        return max(0, self.end - self.start)

    @property
    def short_name(self):
        return short_name(self.name)

    def add(self, child):
        child.parent = self
        child.depth = self.depth + 1
        if self.children:
            self.children.append(child)
        else:
            self.children = [child]
        return child

    def walk(self):
        """This node and every descendant, depth first, in call order (an explicit stack)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    def __repr__(self):
        extra = f" x{self.count}" if self.kind == "fold" else ""
        return f"<Span {self.kind} {self.name!r}{extra} children={len(self.children)}>"


class SpanTree:
    """The span tree of one trace: ``root`` (a synthetic span), ``header`` and ``graphs``."""

    def __init__(self, root, header, graphs):
        self.root, self.header, self.graphs = root, header, graphs

    @property
    def level(self):
        return (self.header or {}).get("level", "stages")

    def spans(self):
        return [s for s in self.root.walk() if s is not self.root]


# What every renderer accepts as a trace.
Source = Union["tracing.Trace", str, "os.PathLike[str]",
               Tuple[Dict[str, Any], List[Dict[str, Any]]], List[Dict[str, Any]], SpanTree]


@functools.lru_cache(maxsize=4096)   # a long trace names a few hundred functions, a million times
def short_name(name):
    """``keras.engine.training.Model.fit`` -> ``Model.fit``; a function keeps its module."""
    if not name:
        return "?"
    parts = name.split(".")
    for n, part in enumerate(parts):
        if part[:1].isupper() and n > 0:
            return ".".join(parts[n:])
    return ".".join(parts[-2:]) if len(parts) > 1 else name


def module_of(name):
    """``keras.engine.training.Model.fit`` -> ``keras.engine.training``."""
    parts = (name or "?").split(".")
    for n, part in enumerate(parts):
        if part[:1].isupper() and n > 0:
            return ".".join(parts[:n])
    return ".".join(parts[:-1]) or name


def build(source, fold=True, min_fold=2):
    """The :class:`SpanTree` of a trace; ``fold`` folds repeated identical steps.

    Folding, the steps are read light (``step_folding``): the steps it would hide
    mostly never become nodes. Should the folding keep one of those (a trace where
    the light reading guessed wrong), the trace is read again as plain nodes.
    """
    if isinstance(source, SpanTree):
        return source
    source = reading.replayable(source)
    tree = grown(source, fold, min_fold, light=fold)
    if tree is None:
        tree = grown(source, fold, min_fold, light=False)
    return tree


def grown(source, fold, min_fold, light):
    """The tree of one reading of ``source`` (None: a step read light would be shown)."""
    header, records = reading.load(source, ends=True, begins=light)
    with reading.gc_paused():
        root, graphs, seen = reading.grow(records, fold=light)
        if seen.folded:
            add_recorder_folds(root)
        if fold:
            fold_steps(root, min_fold=min_fold, parents=seen.step_parents,
                       table=seen.structures, shapes=seen.shapes)
        if seen.shells and shown(seen.shells):
            return None
    return SpanTree(root, header, graphs)


def shown(shells):
    """Is any of these childless steps still in the tree, or the sample of a fold?"""
    parents = {id(s.parent): s.parent for s in shells}
    ids = {id(s) for s in shells}
    for parent in parents.values():
        for child in parent.children:
            if id(child) in ids or (child.kind == "fold" and id(child.sample) in ids):
                return True
    return False


def build_both(source):
    """(folded tree, unfolded tree) of one trace: diagrams fold, timelines keep every step.

    A SpanTree given is used for both (its records are no longer at hand); a
    path is read twice rather than held.
    """
    if isinstance(source, SpanTree):
        return source, source
    if isinstance(source, (str, os.PathLike)):
        return build(source), build(source, fold=False)
    header, records = reading.load(source)
    data = (header, list(records))
    return build(data), build(data, fold=False)


def add_recorder_folds(root):
    """Turn each epoch span's ``folded`` end args into a fold node before its last step.

    The recorder's count includes the steps it kept after its first
    ``KEEP_STEPS`` of each user-level call (the last of each epoch, any that
    differed); the fold node counts only the hidden ones (``args["recorded_count"]`` keeps the
    recorder's number, ``stats`` its timing), so kept steps + folds = steps run.
    """
    seen, counted = {}, set()  # the first KEEP_STEPS steps of a kind were not counted
    for node in root.walk():
        if node.parent is root and node.name in tracing.ENTRY_POINTS:
            seen = {}           # as the recorder, anew for each user-level call
        if is_step(node):
            kind = node.args.get("kind")
            seen[kind] = seen.get(kind, 0) + 1
            if seen[kind] > tracing.KEEP_STEPS:
                counted.add(id(node))
    for node in list(root.walk()):
        folded = node.args.get("folded") if node.kind == "span" else None
        if not isinstance(folded, dict):
            continue
        for kind, stats in folded.items():
            steps = [n for n, c in enumerate(node.children)
                     if is_step(c) and c.args.get("kind") == kind]
            kept = sum(1 for n in steps if id(node.children[n]) in counted)
            name = node.children[steps[0]].name if steps else STEP_NAME
            fold = Span(name, "step", kind="fold",
                        args={"kind": kind, "source": "recorder",
                              "recorded_count": stats.get("count", 0)},
                        epoch=node.epoch if node.epoch is not None else node.args.get("epoch"))
            fold.count, fold.stats = max(0, stats.get("count", 0) - kept), dict(stats)
            if fold.count == 0:
                continue  # every counted step was kept (each differed): nothing is hidden
            fold.parent, fold.depth = node, node.depth + 1
            if steps:
                fold.sample = node.children[steps[-1]]
            if not steps:
                at = len(node.children)
            elif id(node.children[steps[-1]]) in counted:
                at = steps[-1]          # before the kept last step of the epoch
            else:
                at = steps[-1] + 1
            if not node.children:
                node.children = []
            node.children.insert(at, fold)


def is_step(node):
    """A step of a loop: a span of stage "step" that says which kind (train, test, predict).

    (``Model.train_step`` has stage "step" too, but no ``kind``.)
    """
    return node.kind == "span" and node.stage == "step" and "kind" in node.args


def is_step_box(box):
    """A call-graph box of loop steps (recorded ones or folds)."""
    return box.stage == "step" and (box.folded > 0 or any("kind" in c.args for c in box.calls))


def is_notable(step):
    """A step kept whatever its structure: it raised, was cut off, or stopped training.

    A build or a new weight changes a step's call structure, so such a step
    differs from the common one anyway; a call that enters a build stage and
    finds the work done (``_build_graph_network_for_inferred_shape`` on every
    step) does not make a step differ.
    """
    for node in step.walk():
        if node.error is not None or node.unfinished:
            return True
        if node.args.get("stop_training"):
            return True
    return False


def fold_steps(root, min_fold=2, parents=None, table=None, shapes=None):
    """Fold runs of identical step spans under every parent (see the module docstring).

    ``parents``: {id: span} of the spans that may have steps among their children
    (:class:`Seen`); by default every span is looked at. ``table`` and ``shapes``:
    the structure numbers the reader already gave (``table`` as in
    :func:`structure_id`, ``shapes`` {id(step): number}).
    """
    table = {} if table is None else table   # call structures seen, each numbered once
    shapes = {} if shapes is None else shapes
    for node in (list(root.walk()) if parents is None else list(parents.values())):
        steps = [c for c in node.children if is_step(c)]
        if len(steps) < min_fold + 2:
            continue
        by_kind = {}
        for s in steps:
            by_kind.setdefault(s.args.get("kind"), []).append(s)
        for kind, group in by_kind.items():
            if len(group) < min_fold + 2:
                continue
            shape = {id(s): shapes[id(s)] if id(s) in shapes else structure_id(s, table)
                     for s in group}
            common = Counter(shape.values()).most_common(1)[0][0]
            hidden = [s for s in group[1:-1] if shape[id(s)] == common and not is_notable(s)]
            if len(hidden) < min_fold:
                continue
            durations = [s.duration for s in hidden]
            fold = Span(group[0].name, "step", kind="fold", args={"kind": kind, "source": "reader"},
                        epoch=hidden[0].epoch)
            fold.count = len(hidden)
            fold.stats = {"count": len(hidden), "total_ns": sum(durations),
                          "min_ns": min(durations), "max_ns": max(durations),
                          "mean_ns": sum(durations) // len(durations),
                          "first_step": hidden[0].args.get("step"),
                          "last_step": hidden[-1].args.get("step")}
            fold.start, fold.end = hidden[0].start, hidden[-1].end
            fold.parent, fold.depth = node, node.depth + 1
            fold.sample = hidden[0]     # one of the identical steps, for a renderer to show
            hidden_ids = {id(s) for s in hidden}
            out = []
            for c in node.children:
                if id(c) == id(hidden[0]):
                    out.append(fold)
                elif id(c) not in hidden_ids:
                    out.append(c)
            node.children = out


def prune(tree, budget):
    """Keep at most about ``budget`` nodes of ``tree`` (breadth first: the outer calls
    first); the children left out under a node become one instant node saying how
    many calls it stands for. Returns the number of nodes left out (0: unchanged)."""
    queue, left_out, at = [tree.root], 0, 0
    while at < len(queue):
        node = queue[at]
        at += 1
        kids = node.children
        if not kids:
            continue
        keep = kids[:max(budget, 0)]
        budget -= len(keep)
        queue.extend(keep)
        if len(keep) < len(kids):
            hidden = sum(1 for kid in kids[len(keep):] for _ in kid.walk())
            left_out += hidden
            note = Span(f"… {hidden} more calls left out of this view", kind="instant",
                        start=kids[len(keep)].start, end=kids[len(keep)].start)
            note.parent, note.depth = node, node.depth + 1
            node.children = list(keep) + [note]
    return left_out


def structure_id(step, table):
    """A number for the call structure below ``step``: equal numbers, identical steps.

    The structure is written flat, as (depth below ``step``, name, kind, raised) of
    every node in call order, which says what a nested tree of the calls would;
    ``table`` maps each structure met to its number, so a long run's steps share a
    few entries (``step_folding`` writes the steps it reads light the same way).
    """
    entries, stack = [], [(c, 1) for c in reversed(step.children)]
    while stack:
        node, depth = stack.pop()
        entries.append((depth, node.name, node.kind, node.error is not None))
        if node.children:
            stack.extend((c, depth + 1) for c in reversed(node.children))
    return table.setdefault(tuple(entries), len(table))


def format_ns(ns):
    """A short human duration: 812 ns, 3.4 µs, 12.0 ms, 1.52 s."""
    ns = ns or 0
    if ns < 1_000:
        return f"{ns} ns"
    if ns < 1_000_000:
        return f"{ns / 1e3:.1f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1e6:.1f} ms"
    return f"{ns / 1e9:.2f} s"


def fold_label(fold):
    """"× 28 train steps" for a fold node."""
    kind = fold.args.get("kind") or ""
    steps = "step" if fold.count == 1 else "steps"
    return f"× {fold.count} {kind} {steps}".replace("  ", " ")


def stage_summary(tree):
    """Per stage: count, total (inclusive, same-stage nesting counted once), self time, mean.

    Folded steps count with their recorded total, spread over the stages as in
    a kept step of the same kind (the fold's ``sample``).
    Returns ``{stage: {"count", "total_ns", "self_ns", "mean_ns"}}`` in first-seen order
    and the whole trace's duration.
    """
    tree = build(tree)
    out = {}
    for node in tree.spans():
        if node.kind not in ("span", "fold") or not node.stage:
            continue
        row = out.setdefault(node.stage, {"count": 0, "total_ns": 0, "self_ns": 0})
        if node.kind == "fold":
            add_fold(out, node)
            continue
        row["count"] += node.count
        if not has_stage_ancestor(node, node.stage):
            row["total_ns"] += node.duration
        child_time = sum(c.duration for c in node.children if c.kind in ("span", "fold"))
        row["self_ns"] += max(0, node.duration - child_time)
    for row in out.values():
        row["mean_ns"] = row["total_ns"] // row["count"] if row["count"] else 0
    return out, tree.root.duration


def add_fold(out, fold):
    """Spread a fold's recorded time over the stages as in one of its steps (its sample)."""
    sample = fold.sample
    if sample is None or not sample.duration:
        row = out.setdefault("step", {"count": 0, "total_ns": 0, "self_ns": 0})
        row["count"] += fold.count
        row["total_ns"] += fold.duration
        row["self_ns"] += fold.duration
        return
    scale = fold.duration / sample.duration
    for node in sample.walk():
        if node.kind != "span" or not node.stage:
            continue
        row = out.setdefault(node.stage, {"count": 0, "total_ns": 0, "self_ns": 0})
        row["count"] += fold.count
        if node is sample or not has_stage_ancestor(node, node.stage, stop=sample):
            row["total_ns"] += int(node.duration * scale)
        child_time = sum(c.duration for c in node.children if c.kind == "span")
        row["self_ns"] += int(max(0, node.duration - child_time) * scale)


def has_stage_ancestor(node, stage, stop=None):
    """Is an enclosing span (up to and including ``stop``) of the same stage?"""
    p = node.parent
    while p is not None:
        if p.stage == stage and p.kind == "span":
            return True
        if p is stop:
            break
        p = p.parent
    return False
