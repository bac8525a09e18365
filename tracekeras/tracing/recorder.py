"""The recorder: how an engine call site becomes trace records.

What it owns: the stack of open spans of one thread, span ids, timestamps, the
loop position (epoch, step) stamped on records, and folding (``folding``: later
identical steps, and later identical top-level ``fit``/``train_on_batch``/...
calls, are counted, not recorded). The switch every call site checks is
``state.recorder`` (``threads``: None when tracing is off, one recorder per
thread).

What it receives: calls from engine call sites, through ``call_sites`` (the
decorator ``traced``, the context managers ``span``, ``epoch_scope`` and
``step_scope``, and the one-record calls ``instant``, ``note`` and ``graph``),
and from the probe's wrappers of tf_keras, which call it the same way.

What it hands on: plain dict records (see ``schema``) appended to
``Recorder.records``, the list the :class:`~tracekeras.tracing.trace.Trace` owns
(shared by the recorders of its threads through a ``threads.TraceLog``).

A folded step that the loop knows is not its epoch's last (``step_scope(...,
last=False)``: the data's size is known) runs *light*: its step span is recorded,
and inside it only what makes a step differ (spans and instants of the notable
stages, graph snapshots, errors, a stop, a NaN flag); every other traced call
runs untraced, at the cost of an attribute check. Such a step is timed and
counted like any folded one, and if it turns out to differ it is kept with what
was recorded, its end record saying ``recorded: "notable records only"``. This is
what keeps tracing at level stages nearly free on long epochs.

A traced call never changes what the call returns or raises: the recorder
records, then re-raises. If a call site's argument function fails, the failure is
recorded as ``args_error`` and the call goes on.
"""
from time import perf_counter_ns
from typing import NamedTuple

from .folding import (
    KEEP_CALLS,
    KEEP_STEPS,
    CallFrame,
    LoopFrame,
    StepBuffer,
    StepToken,
    compact_args,
)
from .schema import ENTRY_POINTS, LEVEL_RANK, STEP_NAME, check_level, json_safe
from .threads import TraceLog

# A step that creates weights or maps a graph differs from the others and is kept.
# (A "build" span alone is not enough: Sequential.call asks for its graph every
# step, and most of those calls find it made and do nothing.)
NOTABLE_STAGES = ("weights", "graph")
LIGHT_STEP = "notable records only"   # a kept light step's "recorded" end arg


def error_info(exc):
    cls = type(exc)
    return {"type": f"{cls.__module__}.{cls.__qualname__}", "message": str(exc)}


class OpenSpan(NamedTuple):
    """A span begun and not yet ended, as the recorder's stack holds it."""
    sid: int
    name: str
    end_args: dict          # what its end record will carry (``note`` adds to it)
    collects_steps: bool    # an epoch scope: folded step statistics land on its end


class Recorder:
    """The recorder of one thread of a trace (``log`` is what its threads share; ``tid``
    is None for the thread that opened the trace)."""

    def __init__(self, level="stages", log=None, tid=None):
        self.level = check_level(level)
        self.rank = LEVEL_RANK[level]
        self.fold = level == "stages"
        self.log = log = TraceLog() if log is None else log
        self.tid = tid
        self.records = log.records
        self.ids = log.ids
        self.t0 = log.t0
        self.sink = self.records      # where new records go (a step buffer while folding)
        self.stack = []               # the open spans, innermost last (OpenSpan)
        self.epoch = None
        self.step = None
        self.steps_seen = {}          # kind -> number of steps begun
        self.loops = []               # one LoopFrame per open epoch scope
        self.pending = None           # the LoopFrame whose held last step awaits its place
        self.stop_requested = False
        self.step_entry = None        # the stack entry of the step being run
        self.light = False            # a light step runs: only notable records are made
        self.calls_seen = {}          # top-level call name -> number of calls begun
        self.folded_calls = {}        # top-level call name -> CallFrame
        self.call_notable = False     # the folded call running now differs from the others

    def for_thread(self, tid):
        """A recorder for a thread started while this one records: same trace, own stack."""
        rec = Recorder(self.level, self.log, tid)
        self.log.add_thread(rec)
        return rec

    def detach(self):
        """The trace ended while this thread ran: it records nothing more."""
        self.rank = -1
        self.records = self.sink = []

    def flush(self):
        """Hand the records made since the last flush to the stream (a file's ``.partial``)."""
        self.log.flush()

    def held_calls(self):
        """The last folded call of each name, with the statistics of all of them."""
        held = []
        for frame in self.folded_calls.values():
            held.extend(frame.written(self.tid))
        return held

    # -- records ---------------------------------------------------------
    def now(self):
        return perf_counter_ns() - self.t0

    def stamp(self, record):
        if self.epoch is not None:
            record["epoch"] = self.epoch
        if self.step is not None:
            record["step"] = self.step
        if self.tid is not None:
            record["tid"] = self.tid
        return record

    def mark_notable(self):
        """What runs now makes its step (and its folded top-level call) differ: keep them."""
        if self.loops:
            self.loops[-1].notable = True
        self.call_notable = True

    # Inside a folded step recorded in full (``self.sink`` is a StepBuffer) begin and end
    # append a tuple instead of a dict: such a step is usually dropped.
    def begin(self, name, stage, impl, args, collects_steps=False):
        if self.pending is not None:
            self.release_held()
        sid = next(self.ids)
        stack = self.stack
        parent = stack[-1].sid if stack else None
        sink = self.sink
        if sink is self.records:
            record = {"ph": "B", "id": sid, "parent": parent, "name": name, "impl": impl,
                      "stage": stage, "ts": perf_counter_ns() - self.t0,
                      "args": json_safe(args) if args else {}}
            sink.append(self.stamp(record))
        else:
            args, raw = compact_args(args)
            sink.append(("B", sid, parent, name, impl, stage, perf_counter_ns() - self.t0,
                         self.epoch, self.step, args, raw))
        stack.append(OpenSpan(sid, name, {}, collects_steps))
        return sid

    def end(self, sid, error=None, args=None):
        # Spans close in order; an out-of-order end (a generator abandoned mid-way)
        # closes everything opened inside it first.
        if self.pending is not None:
            self.release_held()
        stack = self.stack
        while stack:
            top = stack.pop()
            end_args = top.end_args
            mine = top.sid == sid
            if mine and args:
                end_args.update(args)
            if top.collects_steps:
                self.close_loop(end_args)
            failed = error_info(error) if error is not None and mine else None
            sink = self.sink
            if sink is self.records:
                record = self.stamp({"ph": "E", "id": top.sid, "name": top.name,
                                     "ts": perf_counter_ns() - self.t0})
                if end_args:
                    record["args"] = json_safe(end_args)
                if failed is not None:
                    record["error"] = failed
                sink.append(record)
            else:
                end_args, raw = compact_args(end_args)
                sink.append(("E", top.sid, top.name, perf_counter_ns() - self.t0, self.epoch,
                             self.step, end_args, raw, failed))
            if mine:
                if not stack or top.collects_steps:
                    self.flush()
                return

    def instant(self, name, stage, impl, args):
        if self.pending is not None:
            self.release_held()
        parent = self.stack[-1].sid if self.stack else None
        self.sink.append(self.stamp({"ph": "i", "id": None, "parent": parent, "name": name,
                                     "impl": impl, "stage": stage, "ts": self.now(),
                                     "args": json_safe(args)}))
        if stage in NOTABLE_STAGES:
            self.mark_notable()

    def graph(self, name, impl, snapshot):
        if self.pending is not None:
            self.release_held()
        parent = self.stack[-1].sid if self.stack else None
        self.sink.append(self.stamp({"ph": "G", "id": None, "parent": parent, "name": name,
                                     "impl": impl, "stage": "graph", "ts": self.now(),
                                     "args": json_safe(snapshot)}))
        self.mark_notable()

    def note(self, args):
        # In a light step a note from a span that was not recorded would land on the step.
        if self.stack and not (self.light and self.stack[-1] is self.step_entry):
            self.stack[-1].end_args.update(args)

    def wants(self, level):
        return LEVEL_RANK[level] <= self.rank

    # -- a traced call ---------------------------------------------------
    def call(self, fn, a, k, name, stage, impl, args_fn, result_fn, rank):
        """Run ``fn`` as a span if the trace's level reaches ``rank`` (a ``LEVEL_RANK``)."""
        if rank > self.rank:
            return fn(*a, **k)
        if self.folds_call(name):
            return self.top_level_call(name, self.span_call, fn, a, k, name, stage, impl,
                                       args_fn, result_fn)
        return self.span_call(fn, a, k, name, stage, impl, args_fn, result_fn)

    def folds_call(self, name):
        """True for a call :meth:`top_level_call` folds: a user-level call (``fit``,
        ``train_on_batch`` ...) made with no span open, at level stages."""
        return self.fold and not self.stack and name in ENTRY_POINTS

    def span_call(self, fn, a, k, name, stage, impl, args_fn, result_fn):
        args = self.safe_args(args_fn, a, k)
        if stage in NOTABLE_STAGES:
            self.mark_notable()
        sid = self.begin(name, stage, impl, args)
        try:
            ret = fn(*a, **k)
        except BaseException as exc:
            self.end(sid, error=exc)
            raise
        self.end(sid, args=self.safe_args(result_fn, (ret,), {}) if result_fn else None)
        return ret

    @staticmethod
    def safe_args(fn, a, k):
        if fn is None:
            return None
        try:
            return fn(*a, **k)
        except Exception as exc:  # a tracing bug must never break the user's run
            return {"args_error": repr(exc)}

    def top_level_call(self, name, record, *call):
        """A user-level call (``fit``, ``train_on_batch`` ...) made with no span open:
        ``record(*call)`` runs it as a span named ``name`` (:meth:`span_call` here, the
        probe's own for tf_keras). The first ``KEEP_CALLS`` of a name are recorded, later
        ones folded unless they differ (see ``folding``)."""
        n = self.calls_seen.get(name, 0)
        self.calls_seen[name] = n + 1
        self.steps_seen = {}    # each user-level call keeps its own first steps in full
        if n < KEEP_CALLS:
            return record(*call)
        frame = self.folded_calls.setdefault(name, CallFrame())
        self.sink, self.call_notable, start = StepBuffer(), False, self.now()
        failed = True
        try:
            ret = record(*call)
            failed = False
            return ret
        finally:
            buffer, self.sink = self.sink, self.records
            frame.stats.add(self.now() - start)
            if failed or self.call_notable or frame.is_new(buffer):
                self.records.extend(buffer.keep(self.tid))
                self.flush()
            else:
                frame.held, frame.held_sid = buffer, buffer[0][1]

    # -- loops and folding -------------------------------------------------
    def open_loop(self):
        self.loops.append(LoopFrame())

    def release_held(self):
        """A record is made where the held step was recorded, outside any step: no step of
        that epoch follows before it, so the held step was the epoch's last one and is
        written now, in its place, not when the epoch ends (after ``on_epoch_end``)."""
        frame = self.pending
        if self.sink is not frame.held_sink:
            return                  # inside a newer step: it decides what is held
        self.pending = None
        if frame.held:
            self.sink.extend(frame.held.keep(self.tid))
            frame.held = None

    def close_loop(self, end_args):
        frame = self.loops.pop()
        if self.pending is frame:
            self.pending = None
        if frame.held:
            self.sink.extend(frame.held.keep(self.tid))
        if frame.stats:
            end_args["folded"] = {kind: s.as_dict() for kind, s in frame.stats.items()}

    def begin_step(self, kind, epoch, step, impl, name=STEP_NAME, last=None):
        position = (self.epoch, self.step)
        if epoch is None:
            epoch = self.epoch
        self.epoch, self.step = epoch, step
        n = self.steps_seen.get(kind, 0)
        self.steps_seen[kind] = n + 1
        folded = self.fold and n >= KEEP_STEPS and bool(self.loops)
        outer = self.sink
        if folded:
            self.loops[-1].notable = False
            self.sink = StepBuffer()
            if self.pending is self.loops[-1]:
                self.pending = None     # a newer step of the loop decides what is held
        self.stop_requested = False
        sid = self.begin(name, "step", impl, {"kind": kind, "epoch": epoch, "step": step})
        self.step_entry = self.stack[-1]
        token = StepToken(sid, kind, folded, self.now(), outer, position, self.light)
        # A folded step known not to be its epoch's last runs light: see the module docstring.
        token.light = self.light = folded and last is False
        return token

    def flag_step(self, args):
        """Mark the running step as differing from the others (kept, not folded), with facts."""
        if self.step_entry is not None and self.step_entry in self.stack:
            self.step_entry.end_args.update(args)
            self.mark_notable()

    def end_step(self, token, error=None):
        self.light = token.outer_light
        if token.light and (error is not None or self.loops[-1].notable or self.stop_requested):
            for entry in reversed(self.stack):      # kept: say what a light step lacks
                if entry.sid == token.sid:
                    entry.end_args["recorded"] = LIGHT_STEP
        self.end(token.sid, error=error)
        self.step_entry = None
        self.epoch, self.step = token.position
        if not token.folded:
            self.flush()
            return
        buffer, self.sink = self.sink, token.outer
        frame = self.loops[-1]
        frame.count(token.kind, self.now() - token.start)
        if error is not None or frame.notable or self.stop_requested:
            self.sink.extend(buffer.keep(self.tid))
            frame.held = None
            self.flush()
        else:
            frame.held, frame.held_sink = buffer, self.sink
            self.pending = frame
