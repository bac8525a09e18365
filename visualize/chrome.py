"""Timeline exports: Chrome Trace Event JSON (Perfetto, chrome://tracing) and speedscope.

What it owns: turning a span tree into the two timeline formats profilers
read. Chrome Trace Event JSON (the format ui.perfetto.dev and chrome://tracing
load): every span a complete event (``"ph": "X"``, ``ts``/``dur`` in
microseconds) whose ``args`` hold the Keras name, the stage, the merged
begin/end facts, any error and the unfinished mark; instants and graph
snapshots are instant events (``"ph": "i"``); each fold of steps is an instant
at the point it stands for, with its count and timing statistics; metadata
events (``"ph": "M"``) name the process and each thread. Threads: the thread that
opened the trace is track ``TID`` ("Keras engine"); a thread started inside the
trace (its records carry ``tid``, its native id: ``tracing.threads``) gets its own
track, that id, named when its first event comes. speedscope's "evented"
format (open/close frame events, nanoseconds) is the optional second export, one
profile per thread (the same split as the tracks).

Written as the file is read (``tracekeras render -f perfetto|speedscope``, through
``outputs.write_streamed``): a trace file needs no tree. Perfetto gets each span as a
begin and an end event (``"ph": "B"``/``"E"``, :class:`StreamedEvents`: the viewers
merge the end's args into the slice, so they show the slices the complete events
show), but a leaf span as its complete event; speedscope's events are the same as
from the tree (:class:`StreamedSpeedscope`).
Only the open spans are held. A trace they cannot take (recorder folds, spans ended
out of nesting order; for speedscope also a child before its elder sibling's end or a
second thread) raises :class:`Unstreamable`, and is written from the tree.

What it receives: anything :func:`visualize.spans.build` accepts (the streaming
writers: a trace file's header and records, ``tracing.jsonl.stream``). What it hands
on: plain dicts (``json.dump`` them), or JSON texts. Folding: the recorder's and the reader's
folds are kept as they are, so the timeline shows the steps that were kept.
"""
import itertools
import re
from typing import Any, Dict, List, Optional

from tracekeras.tracing import TraceFormatError
from tracekeras.tracing.jsonl import begin_record
from tracekeras.tracing.validate import MAX_SPAN_DEPTH

from . import spans as spans_mod
from .spans import Source

PID, TID = 1, 1
# Below this many nanoseconds, ``n / 1000`` prints as ``round(n / 1000.0, 3)`` does (the
# quotient is the double nearest a 3-decimal number of at most 16 digits): no round().
EXACT = 2 ** 50
LITERALS = {None: "null", True: "true", False: "false"}   # JSON's text of these values


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
    as they come, never held: see :func:`event_texts`)."""
    header = tree.header or {}
    yield {"ph": "M", "name": "process_name", "pid": PID, "tid": TID,
           "args": {"name": f"tracekeras (level {header.get('level', '?')})"}}
    yield {"ph": "M", "name": "thread_name", "pid": PID, "tid": TID,
           "args": {"name": "Keras engine"}}
    yield {"ph": "M", "name": "process_sort_index", "pid": PID, "tid": TID,
           "args": {"sort_index": 0}}
    named = {TID}
    for node in tree.root.walk():
        event = node_event(node)
        if event is not None:
            if event["tid"] not in named:
                named.add(event["tid"])
                yield thread_name(event["tid"])
            yield event


def track(node):
    """The Chrome ``tid`` of a node: its thread's native id, or ``TID`` for the thread
    that opened the trace (and for a ``tid`` that is not a whole number)."""
    tid = node.tid
    return tid if type(tid) is int else TID


def thread_name(tid):
    """The metadata event naming the track of a thread started inside the trace."""
    return {"ph": "M", "name": "thread_name", "pid": PID, "tid": tid,
            "args": {"name": f"thread {tid}"}}


def node_event(node):
    """The event of one node (None for the root)."""
    kind = node.kind
    if kind == "span":
        start, end = node.start, node.end
        return {"ph": "X", "name": spans_mod.short_name(node.name), "cat": node.stage or "span",
                "ts": round(start / 1000.0, 3),
                "dur": round(max(0, (end or start) - start) / 1000.0, 3), "pid": PID,
                "tid": track(node), "args": event_args(node)}
    if kind in ("instant", "graph"):
        name = spans_mod.short_name(node.name) if kind == "instant" else (
            f"graph snapshot {node.args.get('model')}")
        args = event_args(node) if kind == "instant" else {
            "keras": node.name, "model": node.args.get("model"),
            "layers": [layer.get("name") for layer in node.args.get("layers") or []],
            "edges": node.args.get("edges")}
        return {"ph": "i", "s": "t", "name": name, "cat": node.stage or "instant",
                "ts": us(node.start), "pid": PID, "tid": track(node), "args": args}
    if kind == "fold":
        return {"ph": "i", "s": "t", "name": spans_mod.fold_label(node),
                "cat": "step", "ts": us(fold_time(node)), "pid": PID,
                "tid": track(node.parent) if node.parent is not None else TID,
                "args": dict(node.stats or {}, kind=node.args.get("kind"),
                             steps=node.count, source=node.args.get("source"))}
    return None


class EventTexts:
    """The events of :func:`chrome_events` as JSON texts, for a writer that streams them.

    A span's event (a long trace has a million) is written by hand from cached
    pieces (the part its name, stage and impl fix; the text of each string met);
    any other event, or a span whose args hold a key the event sets itself, goes
    through ``dumps`` (the caller's JSON, which must refuse NaN). The document is the
    same as :func:`chrome_trace`'s.
    """

    PHASE = "X"
    RESERVED = frozenset(("keras", "stage", "impl", "epoch", "step", "error", "unfinished",
                          "folded"))

    def __init__(self, dumps):
        self.dumps = dumps
        self.heads: Dict[Any, str] = {}
        self.strings: Dict[str, str] = {}

    def __call__(self, tree):
        dumps, strings, reserved, heads = self.dumps, self.strings, self.RESERVED, self.heads
        text, value_text = self.text, self.value_text
        for event in itertools.islice(chrome_events(tree), 3):
            yield dumps(event)
        named = {TID}
        for node in tree.root.walk():
            tid, args = node.tid, node.args
            if tid is not None and node.kind != "root" and track(node) not in named:
                named.add(track(node))
                yield dumps(thread_name(track(node)))
            if (node.kind != "span" or not reserved.isdisjoint(args)
                    or (tid is not None and type(tid) is not int)):
                event = node_event(node)
                if event is not None:
                    yield dumps(event)
                continue
            head = heads.get((node.name, node.stage, node.impl, tid)) or self.head(
                node.name, node.stage, node.impl, tid, track(node))
            body = "".join([f",{strings.get(key) or text(key)}:{value}" if type(value) is int
                            else f",{strings.get(key) or text(key)}:{value_text(value)}"
                            for key, value in args.items()]) if args else ""
            epoch, step = node.epoch, node.step
            if epoch is not None:
                body += f',"epoch":{epoch}'
            if step is not None:
                body += f',"step":{step}'
            if node.error:
                body += f',"error":{dumps(node.error)}'
            if node.unfinished:
                body += ',"unfinished":true'
            start, end = node.start, node.end
            duration = max(0, (end or start) - start)
            if start < EXACT and duration < EXACT:   # the same text as round(x / 1000.0, 3)
                yield f'{head}{body}}},"ts":{start / 1000},"dur":{duration / 1000}}}'
            else:
                yield (f'{head}{body}}},"ts":{round(start / 1000.0, 3)!r},'
                       f'"dur":{round(duration / 1000.0, 3)!r}}}')

    def value_text(self, value):
        """The JSON text of an args value (a string's from the cache; an int, null, a bool
        or a list of those written directly: ``dumps`` of a small list costs more than the
        rest of the event)."""
        kind = type(value)
        if kind is str:
            return self.strings.get(value) or self.text(value)
        if kind is int:
            return f"{value}"
        if value is None or kind is bool:
            return LITERALS[value]
        if kind is list and all(type(item) is int or item is None for item in value):
            return "[" + ",".join(["null" if item is None else f"{item}" for item in value]) + "]"
        return self.dumps(value)

    def head(self, name, stage, impl, tid, track_id):
        """The start of a span's event (``PHASE``: complete, or a streamed begin) on track
        ``track_id``, up to its args' own facts; cached per kind of span."""
        impl_text = f',"impl":{self.text(impl)}' if impl else ""
        head = self.heads[(name, stage, impl, tid)] = (
            f'{{"ph":"{self.PHASE}","name":{self.text(spans_mod.short_name(name))},'
            f'"cat":{self.text(stage or "span")},"pid":{PID},"tid":{track_id},'
            f'"args":{{"keras":{self.text(name)},"stage":{self.dumps(stage)}{impl_text}')
        return head

    def text(self, string):
        found = self.strings.get(string)
        if found is None:
            if len(self.strings) > 100_000:     # a long run of distinct strings: start over
                self.strings.clear()
            found = self.strings[string] = self.dumps(string)
        return found


def fold_time(fold):
    """Where a fold stands on the timeline: just before the kept step after it."""
    siblings = fold.parent.children if fold.parent is not None else []
    at = siblings.index(fold) if fold in siblings else -1
    for later in siblings[at + 1:]:
        if later.kind == "span":
            return later.start
    return fold.parent.end if fold.parent is not None else 0


def speedscope(source: Source, name: Optional[str] = None) -> Dict[str, Any]:
    """A speedscope "evented" profile dict (https://www.speedscope.app/file-format-schema.json):
    one profile per thread (the thread that opened the trace first)."""
    profile = Speedscope(spans_mod.build(source, fold=False), name)
    profiles = []
    for title, tops in profile.threads():
        events = [{"type": kind, "frame": frame, "at": at}
                  for kind, frame, at in profile.events(tops)]
        profiles.append({"type": "evented", **profile.fields(title), "events": events})
    return profile.document(profiles)


class Speedscope:
    """A speedscope profile of a tree, one per thread: each thread's open/close events as
    they come, then the frames they named and where it ends (so a writer can stream the
    events).

    A thread started inside the trace (its spans carry ``tid``: ``tracing.threads``) ran
    beside the thread that opened it, so its calls overlap the others' in time; each
    thread is a profile of its own (speedscope draws one at a time), as each is a track
    of its own in the Chrome trace.
    """

    def __init__(self, tree: spans_mod.SpanTree, name: Optional[str] = None) -> None:
        self.tree = tree
        self.title = name or f"tracekeras trace (level {tree.level})"
        self.frames: List[Dict[str, Any]] = []
        self.index: Dict[Any, int] = {}
        self.end = tree.root.end

    def threads(self):
        """(profile name, top-level spans) of each thread, the thread that opened the trace
        first (kept, even empty, unless other threads have spans), the others in the order
        their first span began."""
        by_track: Dict[Any, List[spans_mod.Span]] = {TID: []}
        for top in self.tree.root.children:
            if top.kind == "span":
                by_track.setdefault(track(top), []).append(top)
        if not by_track[TID] and len(by_track) > 1:
            del by_track[TID]
        return [(self.title if tid == TID else f"{self.title}: thread {tid}", tops)
                for tid, tops in by_track.items()]

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

    def events(self, tops):
        """("O" or "C", frame, at) of every span of ``tops`` (top-level spans of one thread),
        each kept inside its caller and after its elder sibling (an explicit stack, no
        recursion); ``end`` is then where the profile ends."""
        root = self.tree.root
        t = root.start
        for top in tops:
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

    def fields(self, title):
        """A profile's fields but its type and events (call after its events were drawn)."""
        return {"name": title, "unit": "nanoseconds", "startValue": self.tree.root.start,
                "endValue": self.end}

    def document(self, profiles):
        """The whole dict around the ``profiles`` (call after their events were drawn)."""
        return {"$schema": "https://www.speedscope.app/file-format-schema.json",
                "shared": {"frames": self.frames}, "profiles": profiles,
                "name": self.title, "exporter": "tracekeras.visualize", "activeProfileIndex": 0}


class Unstreamable(Exception):
    """A trace the streaming writers leave to the tree (:func:`visualize.spans.build`):
    one whose timeline needs more than the open spans (a recorder fold, spans that end
    out of nesting order, a child before its elder sibling's end)."""


def placed_under(record, open_spans):
    """(the open parent's entry or None, the depth) of a new record; refused past
    ``MAX_SPAN_DEPTH`` as the tree reader refuses it."""
    parent = open_spans.get(record.get("parent"))
    depth = parent[0] + 1 if parent is not None else 1
    if depth > MAX_SPAN_DEPTH:
        raise too_deep(record, MAX_SPAN_DEPTH)
    return parent, depth


def too_deep(record, max_depth):
    """The tree reader's refusal of a record nested past ``max_depth``
    (``visualize.reading.grow``)."""
    return TraceFormatError(
        f"span {record.get('id')} ({record['name'][:80]!r}) is nested more than {max_depth} "
        "deep: not a trace tracekeras writes")


class StreamedEvents(EventTexts):
    """The Perfetto events of a trace's records as they are read, with no tree.

    Each span is a begin event (``"ph": "B"``) written at its begin record, holding
    what :func:`event_args` puts in a complete event's args from the begin (Keras
    name, stage, impl, args, epoch, step), and an end event (``"ph": "E"``) at its end
    record holding the end's args, error and unfinished mark (the viewers merge an end
    event's args into its slice). A leaf span (the next record is its own plain end:
    no child, no end args) is instead one complete event (``"ph": "X"``, ``ts`` and
    ``dur``) in the place of its begin, the text :class:`EventTexts` writes for it from
    the tree: the latest begin event is held until the next record says which
    (:func:`complete`; a long trace's file is a fifth smaller). Only the open spans
    are held. A span never ended
    ends at the last time seen, marked unfinished, as the tree reader closes it. What
    the viewers show is what the complete events of :func:`chrome_trace` show; a trace
    whose spans end out of nesting order on a track, or with recorder folds, raises
    :class:`Unstreamable` (write it from the tree).
    """

    PHASE = "B"

    def events(self, header, records):
        dumps, strings, reserved = self.dumps, self.strings, self.RESERVED
        placed = frozenset(("epoch", "step"))   # reserved keys a fast event can hold
        reserved_text = RESERVED_TEXT.search
        text, value_text, heads = self.text, self.value_text, self.heads
        yield from (dumps(e) for e in itertools.islice(chrome_events(spans_mod.SpanTree(
            spans_mod.Span("trace", kind="root"), header, [])), 3))
        named = {TID}
        # id -> [depth, track, start, begin args, its track's stack, its end event's head]
        open_spans = {}
        stacks = {TID: []}    # track -> ids of its open spans, innermost last
        ends = {TID: end_head(TID)}
        main_stack, main_end = stacks[TID], ends[TID]    # the track of every plain begin
        max_depth, last_ts, pop = MAX_SPAN_DEPTH, 0, open_spans.pop
        held_id = held = None   # the latest begin event's span and text, until the next record
        for r in records:
            if type(r) is tuple and len(r) == 2:   # a plain end, (id, ts): the most common
                sid, ts = r
                end_args = error = unfinished = None
            else:
                if type(r) is tuple:     # a plain begin (jsonl.stream(begins=True))
                    sid, parent, name, impl, stage, ts, args, epoch, step = r
                    if reserved_text(args) is None and sid not in open_spans:
                        if ts > last_ts:
                            last_ts = ts
                        parent = open_spans.get(parent)
                        depth = parent[0] + 1 if parent is not None else 1
                        if depth > max_depth:
                            raise too_deep({"id": sid, "name": name}, max_depth)
                        main_stack.append(sid)
                        open_spans[sid] = [depth, TID, ts, args, main_stack, main_end]
                        head = heads.get((name, stage, impl, None)) or self.head(
                            name, stage, impl, None, TID)
                        if held is not None:
                            yield held
                        if (step is not None and epoch is not None and len(args) > 2
                                and ts < EXACT):      # a span inside a loop: one text at once
                            held_id, held = sid, (f'{head},{args[1:-1]},"epoch":{epoch},'
                                                  f'"step":{step}}},"ts":{ts / 1000}}}')
                            continue
                        body = "," + args[1:-1] if len(args) > 2 else ""
                        if epoch is not None:
                            body += f',"epoch":{epoch}'
                        if step is not None:
                            body += f',"step":{step}'
                        held_id, held = sid, (
                            f'{head}{body}}},"ts":{ts / 1000}}}' if ts < EXACT
                            else f'{head}{body}}},"ts":{round(ts / 1000.0, 3)!r}}}')
                        continue
                    r = begin_record(r)
                get = r.get
                ph, ts = r["ph"], get("ts") or 0
                if ph != "E":
                    if ts > last_ts:
                        last_ts = ts
                    parent, depth = placed_under(r, open_spans)
                    tid, args = get("tid"), get("args")
                    key = tid if type(tid) is int else TID
                    if held is not None:     # any other event: the held begin first
                        yield held
                        held = None
                    if key not in named:
                        named.add(key)
                        stacks[key], ends[key] = [], end_head(key)
                        yield dumps(thread_name(key))
                    if args and "folded" in args:
                        raise Unstreamable("a recorder fold")
                    if ph != "B":
                        node = spans_mod.Span(r["name"], get("stage"), KIND_OF[ph], get("id"),
                                              get("impl"), args, ts, ts, get("epoch"),
                                              get("step"))
                        node.tid = tid
                        yield dumps(node_event(node))
                        continue
                    name, stage, impl = r["name"], get("stage"), get("impl")
                    sid = get("id")
                    if sid in open_spans:
                        raise Unstreamable("an id begun twice")
                    stack = stacks[key]
                    stack.append(sid)
                    open_spans[sid] = [depth, key, ts, args, stack, ends[key]]
                    epoch, step = get("epoch"), get("step")
                    if args and not reserved.isdisjoint(args) and placed.issuperset(
                            reserved.intersection(args)):
                        # a step's args hold its epoch and step: the record's, in their place
                        args = dict(args)
                        if "epoch" in args:
                            if epoch is not None:
                                args["epoch"] = epoch
                            epoch = None
                        if "step" in args:
                            if step is not None:
                                args["step"] = step
                            step = None
                    if (args and not reserved.isdisjoint(args)) or (
                            tid is not None and type(tid) is not int):
                        node = spans_mod.Span(name, stage, "span", sid, impl, r.get("args"),
                                              ts, ts, get("epoch"), get("step"))
                        node.tid, node.unfinished = tid, bool(get("unfinished"))
                        event = node_event(node)
                        del event["dur"]
                        event["ph"] = "B"
                        yield dumps(event)
                        continue
                    head = heads.get((name, stage, impl, tid)) or self.head(
                        name, stage, impl, tid, key)
                    body = "".join([f",{strings.get(k) or text(k)}:{v}" if type(v) is int
                                    else f",{strings.get(k) or text(k)}:{value_text(v)}"
                                    for k, v in args.items()]) if args else ""
                    if epoch is not None:
                        body += f',"epoch":{epoch}'
                    if step is not None:
                        body += f',"step":{step}'
                    if get("unfinished"):
                        body += ',"unfinished":true'
                    held_id, held = sid, (
                        f'{head}{body}}},"ts":{ts / 1000}}}' if ts < EXACT
                        else f'{head}{body}}},"ts":{round(ts / 1000.0, 3)!r}}}')
                    continue
                sid, end_args, error, unfinished = r["id"], get("args"), get("error"), \
                    get("unfinished")
            if ts > last_ts:
                last_ts = ts
            span = pop(sid, None)
            if span is None:
                continue
            if span[4].pop() != sid:
                raise Unstreamable("a span ended while a span inside it is open")
            if end_args or error or unfinished:
                if held is not None:
                    yield held
                    held = None
                yield self.end_text(span, ts, end_args, error, unfinished)
            else:
                if ts < span[2]:
                    ts = span[2]
                if held is not None:
                    if held_id == sid:      # a leaf: one complete event
                        yield complete(held, ts - span[2])
                        held = None
                        continue
                    yield held
                    held = None
                yield f"{span[5]}{ts / 1000}}}" if ts < EXACT else f"{span[5]}{us(ts)!r}}}"
        if held is not None:
            yield held
        for stack in stacks.values():     # spans never ended: closed at the last time seen
            for sid in reversed(stack):
                yield self.end_text(open_spans[sid], last_ts, None, None, True)

    def end_text(self, span, ts, end_args, error, unfinished):
        """An end event with args (``span``: its entry, ``[depth, track, start, begin args,
        its stack, its end event's head]``)."""
        args = {}
        ts = ts if ts > span[2] else span[2]
        if end_args:
            begun = span[3] or {}
            if type(begun) is str:      # a plain begin's args text: a key is '"key":' in it
                replaced = any(f'"{key}":' in begun for key in end_args)
            else:
                replaced = any(key in begun for key in end_args)
            if replaced or not self.RESERVED.isdisjoint(end_args):
                raise Unstreamable("end args that replace begin args")
            if not (error or unfinished) and ts < EXACT:   # written directly, as a begin's
                text, value_text = self.text, self.value_text
                body = ",".join([f"{text(key)}:{value_text(value)}"
                                 for key, value in end_args.items()])
                return f'{span[5]}{ts / 1000},"args":{{{body}}}}}'
            args.update(end_args)
        if error:
            args["error"] = error
        if unfinished:
            args["unfinished"] = True
        return self.dumps({"ph": "E", "pid": PID, "tid": span[1], "ts": us(ts), "args": args})


KIND_OF = {"i": "instant", "G": "graph"}
# A key of a plain begin's args (its JSON text: ``jsonl.PLAIN_BEGIN``) that the event sets
RESERVED_TEXT = re.compile(r'"(?:%s)":' % "|".join(sorted(EventTexts.RESERVED)))


def complete(begin, duration):
    """The complete event (``"ph": "X"``) of a leaf span from its begin event's text
    (``{"ph":"B",...,"ts":T}``) and its length in nanoseconds: the text
    :class:`EventTexts` writes for the span from the tree."""
    dur = duration / 1000 if duration < EXACT else round(duration / 1000.0, 3)
    return f'{{"ph":"X"{begin[9:-1]},"dur":{dur!r}}}'


def end_head(track):
    """An end event's text on a track, up to its time."""
    return f'{{"ph":"E","pid":{PID},"tid":{track},"ts":'


class StreamedSpeedscope(Speedscope):
    """speedscope's events of a trace's records as they are read, with no tree: the same
    document as :class:`Speedscope`'s for a trace of one thread whose spans each begin
    after their elder sibling ended and end in nesting order (the usual trace), when no
    time needs the clamping :meth:`Speedscope.events` does; any other raises
    :class:`Unstreamable` (write it from the tree). Only the open spans are held."""

    def __init__(self, header, name: Optional[str] = None) -> None:
        self.tree = spans_mod.SpanTree(spans_mod.Span("trace", kind="root"), header, [])
        super().__init__(self.tree, name)

    def frame_of(self, name, impl):
        """The index of a frame (a new one for a name and impl not met before)."""
        found = self.index[(name, impl)] = len(self.frames)
        entry = {"name": spans_mod.short_name(name)}
        if impl:
            entry["file"] = impl.split(":")[0]
        self.frames.append(entry)
        return found

    def streamed(self, records):
        """("O" or "C", frame, at) of every span, as the records come; then ``end`` and
        the root's start (``fields``) are set."""
        index, frame = self.index, self.frame_of
        open_spans = {}     # id -> [depth, frame]
        stack = []
        last_ts, t = 0, None
        first = low = None      # the start of the first top-level record; the least one
        unsorted = False
        previous = None         # the start of the latest top-level record
        max_depth = MAX_SPAN_DEPTH
        for r in records:
            if type(r) is tuple and len(r) == 2:
                sid, ts = r
            else:
                if type(r) is tuple:
                    # a plain begin (no fold, no thread) inside the innermost open span, begun
                    # after it and after its elder sibling's end (the usual one): as below
                    sid, parent_id, name, impl, _, ts, _, _, _ = r
                    if (stack and stack[-1] == parent_id and ts >= t and sid not in open_spans
                            and open_spans[parent_id][0] < max_depth):
                        if ts > last_ts:
                            last_ts = ts
                        found = index.get((name, impl))
                        if found is None:
                            found = frame(name, impl)
                        open_spans[sid] = [open_spans[parent_id][0] + 1, found]
                        stack.append(sid)
                        t = ts
                        yield "O", found, ts
                        continue
                    r = begin_record(r, args=False)
                get = r.get
                ph, ts = r["ph"], get("ts") or 0
                if ph != "E":
                    parent, depth = placed_under(r, open_spans)
                    if ts > last_ts:
                        last_ts = ts
                    args = get("args")
                    if args and "folded" in args:
                        raise Unstreamable("a recorder fold")
                    if parent is None:
                        if first is None:
                            first = low = ts
                        else:
                            if ts < previous:
                                unsorted = True
                            if ts < low:
                                low = ts
                        previous = ts
                    if ph != "B":
                        continue
                    sid = get("id")
                    if sid in open_spans:
                        raise Unstreamable("an id begun twice")
                    if parent is None:
                        tid = get("tid")
                        if (type(tid) is int and tid != TID) or stack:
                            raise Unstreamable("a span of another thread, or beside an open one")
                    elif not stack or stack[-1] != get("parent"):
                        raise Unstreamable("a span whose parent is not the innermost open one")
                    if t is not None and ts < t:
                        raise Unstreamable("a span that begins before its elder sibling ended")
                    name, impl = r["name"], get("impl")
                    found = index.get((name, impl))
                    if found is None:
                        found = frame(name, impl)
                    open_spans[sid] = [depth, found]
                    stack.append(sid)
                    t = ts
                    yield "O", found, ts
                    continue
                sid = r["id"]
            if ts > last_ts:
                last_ts = ts
            span = open_spans.pop(sid, None)
            if span is None:
                continue
            if stack[-1] != sid or ts < t:
                raise Unstreamable("a span ended out of nesting order or before its last child")
            stack.pop()
            t = ts
            yield "C", span[1], ts
        for sid in reversed(stack):
            yield "C", open_spans[sid][1], last_ts
            t = last_ts
        root = self.tree.root
        root.start = (low if unsorted else first) or 0
        root.end = last_ts
        self.end = max(root.start if t is None else t, last_ts)
