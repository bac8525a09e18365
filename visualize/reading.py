"""Reading a trace into spans: records checked, then hung on a tree as they come.

What it owns: the step from records to :class:`visualize.spans.Span` nodes.
:func:`load` turns whatever a renderer was given (a path, a Trace, records)
into a header and an iterator of checked records (a path is streamed by
``tracing.jsonl.stream``; records in memory pass ``tracing.validate`` here);
:func:`grow` hangs them under a synthetic root in one pass, refusing a span
nested more than ``validate.MAX_SPAN_DEPTH`` deep, closing spans never ended,
and noting what the folding passes need (:class:`Seen`) so they need not walk
the whole tree. Built for a million records: no list of dicts, compact nodes
(interned names, the record's own args dict), the cyclic garbage collector
paused while the tree grows (:func:`gc_paused`); when the tree will be folded,
the records inside loop steps go to :class:`visualize.step_folding.StepReader`,
which keeps most steps from becoming nodes at all.

What it hands on: ``(root, graphs, seen)`` to :func:`visualize.spans.build`.

The loader, module by module (a trace file to the tree every renderer draws):

- ``tracekeras.tracing.jsonl.stream``: the file in 1 MiB chunks, split into lines,
  decoded a batch at a time, each record checked (``tracing.validate``); a plain end
  record (half the lines) is taken by one match, as ``(id, ts)`` (``jsonl.plain_batch``),
  and, folding, a plain begin (the other half) as a tuple whose args stay text until
  the record is made a node (``jsonl.begin_match``): inside a step read light, never;
  a long file is read in two processes, the lines after a cut by a forked one that
  hands their records back in order (``tracekeras.tracing.two_readers``);
- ``visualize.reading`` (here): checked records hung on the tree (:func:`grow`);
- ``visualize.step_folding``: inside :func:`grow`, the steps a fold would hide read
  light (their structure noted, their records dropped);
- ``visualize.spans.build``: the entry; recorder folds made nodes
  (``add_recorder_folds``), identical steps folded (``fold_steps``), and the check
  that no step read light is shown (else the trace is read again without them).
"""
import contextlib
import gc
import os
import sys

from tracekeras import tracing
from tracekeras.tracing import jsonl, validate

from . import spans as spans_mod
from . import step_folding


def load(source, ends=False, begins=False):
    """(header, records) from a Trace, a path, (header, records) or a list of records.

    A path is streamed (records are read as the tree is built, never all held);
    records handed in are checked as a file's are (``tracing.validate``). ``ends``:
    a file's plain end records may come as ``(id, ts)`` tuples (``jsonl.stream``),
    which :func:`grow` reads; ``begins`` (with ``ends``): its plain begins as tuples with
    their args as text (``jsonl.begin_match``), which :func:`grow` reads folding.
    """
    if isinstance(source, (str, os.PathLike)):
        return jsonl.stream(source, ends=ends, begins=begins)
    if hasattr(source, "records"):
        return getattr(source, "header", {}) or {}, checked(source.records)
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[0], dict):
        return source[0], checked(source[1])
    if isinstance(source, spans_mod.SpanTree):
        raise TypeError("load() takes records; this is already a SpanTree")
    if not isinstance(source, (list, tuple)) and not hasattr(source, "__iter__"):
        raise TypeError("Expected a trace: a Trace, the path of a .jsonl trace file, "
                        f"(header, records) or a list of trace records. Received: {source!r:.80}"
                        f" (type {type(source).__name__})")
    records = list(source)
    for record in records:
        if not isinstance(record, dict):
            raise TypeError("Expected trace records (dicts with 'ph', 'name', 'ts' ...), as "
                            "tracekeras.trace() records them. Received an item of type "
                            f"{type(record).__name__}: {record!r:.80}")
    return {}, checked(records)


def replayable(source):
    """``source`` in a form :func:`load` can read twice (an iterator of records, alone or
    in a (header, records) pair, becomes a list; nothing is checked here)."""
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[0], dict) \
            and not isinstance(source[1], (list, tuple)) and hasattr(source[1], "__iter__"):
        return source[0], list(source[1])
    if (not isinstance(source, (str, os.PathLike, list, tuple, dict))
            and not hasattr(source, "records") and hasattr(source, "__next__")):
        return list(source)
    return source


def checked(records):
    """Records held in memory, each checked (and repaired in place) as the reader does."""
    for n, record in enumerate(records, start=1):
        try:
            yield validate.check_record(record)
        except validate.RecordError as exc:
            raise tracing.TraceFormatError(f"record {n} is not a valid trace record: {exc}.") \
                from None


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while a tree grows: a million new objects would
    trigger it hundreds of times, and a tree under construction holds no garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def grow(records, fold=False):
    """(root, graph nodes, what was seen): the spans of ``records`` (checked) hung
    under a synthetic root.

    A span nested deeper than ``validate.MAX_SPAN_DEPTH`` is refused, so no
    renderer meets a tree deeper than that. Spans never ended end at the last time
    seen. What was seen (:class:`Seen`) spares the folding passes a walk of the tree.
    Only open spans are kept by id: a record naming a parent that has ended (the
    recorder never writes one) hangs under the root. ``fold``: steps are read light
    (``step_folding``), most of them never becoming more than one childless node.
    A plain begin tuple (``jsonl.begin_match``) is read light as it is, and becomes its
    record (args decoded) only to be made a node.
    """
    root = spans_mod.Span("trace", stage=None, kind="root", id=None)
    open_spans, graphs, last_ts, unsorted = {}, [], 0, set()  # open_spans: id -> Span
    seen = Seen()
    step_parents = seen.step_parents
    light = step_folding.StepReader(open_spans, seen) if fold else None
    frames = light.frames if fold else {}
    intern, max_depth, kinds = sys.intern, validate.MAX_SPAN_DEPTH, KIND_OF_PHASE
    for r in (light.feed(records) if fold else records):
        if type(r) is tuple:
            if len(r) == 2:       # a plain end, (id, ts): jsonl.stream(ends=True)
                sid, ts = r
                if ts > last_ts:
                    last_ts = ts
                taken = light.take(r, "E") if frames else None
                if taken is True:
                    continue
                node = open_spans.pop(sid, None)
                if node is not None:
                    node.end = ts
                    if taken is not None:
                        light.end(taken)
                continue
            ts = r[5]             # a plain begin (jsonl.stream(begins=True))
            if ts > last_ts:
                last_ts = ts
            if frames and light.take_begin(r):
                continue
            r = jsonl.begin_record(r)
            get, ph, taken = r.get, "B", None
        else:
            get = r.get
            ph, ts = r["ph"], get("ts") or 0
            if ts > last_ts:
                last_ts = ts
            taken = light.take(r, ph) if frames else None
            if taken is True:
                continue
        if ph == "E":
            node = open_spans.pop(r["id"], None)
            if node is None:
                continue
            node.end = ts
            end_args, error = get("args"), get("error")
            if end_args:
                node.args = {**node.args, **end_args} if node.args else end_args
                if "folded" in end_args:
                    seen.folded = True
            if error:
                node.error = error
            if get("unfinished"):
                node.unfinished = True
            if taken is not None:
                light.end(taken)
            continue
        parent = open_spans.get(get("parent"), root)
        if parent.depth >= max_depth:
            raise tracing.TraceFormatError(
                f"span {get('id')} ({r['name'][:80]!r}) is nested more than {max_depth} "
                "deep: not a trace tracekeras writes")
        stage, impl = get("stage"), get("impl")
        node = spans_mod.Span(intern(r["name"]), stage and intern(stage), kinds[ph], get("id"),
                    impl and intern(impl), get("args"), ts, None if ph == "B" else ts,
                    get("epoch"), get("step"))
        node.parent, node.depth, node.tid = parent, parent.depth + 1, get("tid")
        kids = parent.children
        if kids:
            if kids[-1].start > ts:
                unsorted.add(parent)
            kids.append(node)
        else:
            parent.children = [node]
        if ph == "B":
            if get("unfinished"):
                node.unfinished = True
            open_spans[node.id] = node
            if stage == "step":
                step_parents[id(parent)] = parent
                if fold and "kind" in node.args:
                    light.begin(node, parent)
            if "folded" in node.args:
                seen.folded = True
        elif ph == "G":
            graphs.append(node)
    for node in open_spans.values():
        node.end, node.unfinished = last_ts, True
    for node in unsorted:  # a held last step is written at its epoch's end: re-order
        node.children.sort(key=start_of)
    root.start = root.children[0].start if root.children else 0
    if root in unsorted or not root.children:
        root.start = min((c.start for c in root.children), default=0)
    root.end = max([last_ts] + [c.end or 0 for c in root.children])
    return root, graphs, seen


class Seen:
    """What :func:`grow` saw on the way: whether any span holds recorder folds, the
    spans that have step spans among their children (in the order they began), and
    what reading steps light left for the folding pass (``step_folding``): the
    structure numbers, the steps' numbers and the shells."""

    def __init__(self):
        self.folded = False
        self.step_parents = {}
        self.structures = {}    # structure key -> number (spans.structure_id's table)
        self.shapes = {}        # id(step) -> structure number, for steps read light
        self.shells = []        # steps read light and left without children


KIND_OF_PHASE = {"B": "span", "i": "instant", "G": "graph"}


def start_of(node):
    return node.start


