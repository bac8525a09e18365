"""The recorder: how an engine call site becomes trace records.

What it owns: the one switch every call site checks (``state.recorder``, None
when tracing is off), the stack of open spans, span ids, timestamps, the loop
position (epoch, step) stamped on records, and step folding.

What it receives: calls from engine call sites, through the decorator
:func:`traced` (a whole function is a span), the context managers :func:`span`,
:func:`epoch_scope` and :func:`step_scope`, and the one-record calls
:func:`instant`, :func:`note` and :func:`graph`.

What it hands on: plain dict records (see ``schema``) appended to
``Recorder.records``, which the :class:`~tracekeras.tracing.trace.Trace` owns.

Folding (level ``stages`` only): the first ``KEEP_STEPS`` steps of each kind
(train, test, predict) are recorded in full. Later steps are recorded into a
scratch buffer; at the step's end the buffer is dropped and the step counted in
the statistics of the enclosing epoch span, unless the step differs from the
others (it raised, added a weight or mapped a graph, or stopped training), in
which case it is kept. The last step of each epoch is kept too. So a trace's
size does not grow with the number of steps, and nothing is dropped silently:
the epoch span's end record says how many steps were folded and how long they
took.

A folded step that the loop knows is not its epoch's last (``step_scope(...,
last=False)``: the data's size is known) runs *light*: its step span is recorded,
and inside it only what makes a step differ (spans and instants of the notable
stages, graph snapshots, errors, a stop, a NaN flag); every other traced call
runs untraced, at the cost of an attribute check. Such a step is timed and
counted like any folded one, and if it turns out to differ it is kept with what
was recorded, its end record saying ``recorded: "notable records only"``. This is
what keeps tracing at level stages nearly free on long epochs.

Other folded steps (the last one, or all of them when the size is unknown) are
recorded in full, but cheaply, since they are usually dropped:
tuples instead of dicts, and args made only of plain values (str, int, float,
bool, None, tuples of them) stored as they are; ``StepBuffer.keep`` turns them
into ordinary records, running :func:`json_safe` on the args, only if the step
is kept. Args holding anything else (an array, a
list, an object) are made JSON-safe at once, as outside folded steps: such a
value may change before the step ends (a Variable assigned in place), and a
record must say what it was when it was made.

A traced call never changes what the call returns or raises: the recorder
records, then re-raises. If a call site's argument function fails, the failure is
recorded as ``args_error`` and the call goes on.
"""
import functools
import sys
import time
from time import perf_counter_ns
from typing import NamedTuple, Optional

from .schema import LEVEL_RANK, STAGES, STEP_NAME, check_level, json_safe

KEEP_STEPS = 2
# A step that creates weights or maps a graph differs from the others and is kept.
# (A "build" span alone is not enough: Sequential.call asks for its graph every
# step, and most of those calls find it made and do nothing.)
NOTABLE_STAGES = ("weights", "graph")
LIGHT_STEP = "notable records only"   # a kept light step's "recorded" end arg
# Values that cannot change after a record is made: their json_safe can wait.
PLAIN = frozenset((str, int, float, bool, type(None)))


class _State:
    """Holds the active recorder; ``state.recorder is None`` is the off check."""
    recorder: Optional["Recorder"] = None


state = _State()


def error_info(exc):
    cls = type(exc)
    return {"type": f"{cls.__module__}.{cls.__qualname__}", "message": str(exc)}


def is_plain(args):
    """True when every value of the dict ``args`` is plain (or a tuple of plain values)."""
    for value in args.values():
        kind = type(value)
        if kind not in PLAIN and not (kind is tuple and all(type(v) in PLAIN for v in value)):
            return False
    return True


class StepBuffer(list):
    """The scratch records of a folded step, kept compact until the step is kept.

    ``Recorder.begin`` and ``Recorder.end`` put tuples here instead of dicts (laid out
    above ``expand``), their args not yet JSON-safe when they are plain; ``keep``
    turns them into the same dicts an unfolded step has. Records of other kinds
    (instants, graphs, an inner loop's kept steps) are dicts already and pass through.
    """
    __slots__ = ()

    def keep(self):
        """The step is kept: its records as dicts, every args JSON-safe."""
        return [expand(r) if type(r) is tuple else r for r in self]


# A folded step's span records: ("B", id, parent, name, impl, stage, ts, epoch, step,
# args, raw) and ("E", id, name, ts, epoch, step, args, raw, error), where ``raw``
# says the args are plain but not yet JSON-safe.
def expand(t):
    if t[0] == "B":
        _, sid, parent, name, impl, stage, ts, epoch, step, args, raw = t
        record = {"ph": "B", "id": sid, "parent": parent, "name": name, "impl": impl,
                  "stage": stage, "ts": ts, "args": json_safe(args) if raw else args}
    else:
        _, sid, name, ts, epoch, step, args, raw, error = t
        record = {"ph": "E", "id": sid, "name": name, "ts": ts}
    if epoch is not None:
        record["epoch"] = epoch
    if step is not None:
        record["step"] = step
    if t[0] == "E":
        if args:
            record["args"] = json_safe(args) if raw else args
        if error is not None:
            record["error"] = error
    return record


def compact_args(args):
    """(args, raw) for a folded step's tuple: plain args wait to be made JSON-safe (``raw``),
    anything else is made JSON-safe now."""
    if not args:
        return {}, False
    if type(args) is dict and is_plain(args):
        return args, True
    return json_safe(args), False


def impl_of(fn):
    return f"{fn.__module__}:{fn.__qualname__}"


def impl_of_frame(frame):
    code = frame.f_code
    return f"{frame.f_globals.get('__name__', '?')}:{getattr(code, 'co_qualname', code.co_name)}"


class OpenSpan(NamedTuple):
    """A span begun and not yet ended, as the recorder's stack holds it."""
    sid: int
    name: str
    end_args: dict          # what its end record will carry (``note`` adds to it)
    collects_steps: bool    # an epoch scope: folded step statistics land on its end


class Recorder:
    def __init__(self, level="stages"):
        self.level = check_level(level)
        self.rank = LEVEL_RANK[level]
        self.fold = level == "stages"
        self.records = []
        self.sink = self.records      # where new records go (a step buffer while folding)
        self.stack = []               # the open spans, innermost last (OpenSpan)
        self.next_id = 1
        self.t0 = time.perf_counter_ns()
        self.epoch = None
        self.step = None
        self.steps_seen = {}          # kind -> number of steps begun
        self.loops = []               # one LoopFrame per open epoch scope
        self.stop_requested = False
        self.stream = None            # a jsonl.StreamWriter when the trace has a path
        self.written = 0              # records already handed to the stream
        self.step_entry = None        # the stack entry of the step being run
        self.light = False            # a light step runs: only notable records are made

    def flush(self):
        """Hand the records made since the last flush to the stream (a file's ``.partial``)."""
        if self.stream is not None and len(self.records) > self.written:
            end = len(self.records)
            self.stream.write(self.records[self.written:end])
            self.written = end

    # -- records ---------------------------------------------------------
    def now(self):
        return perf_counter_ns() - self.t0

    def stamp(self, record):
        if self.epoch is not None:
            record["epoch"] = self.epoch
        if self.step is not None:
            record["step"] = self.step
        return record

    # Inside a folded step recorded in full (``self.sink`` is a StepBuffer) begin and end
    # append a tuple instead of a dict: such a step is usually dropped.
    def begin(self, name, stage, impl, args, collects_steps=False):
        sid = self.next_id
        self.next_id = sid + 1
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
        parent = self.stack[-1].sid if self.stack else None
        self.sink.append(self.stamp({"ph": "i", "id": None, "parent": parent, "name": name,
                                     "impl": impl, "stage": stage, "ts": self.now(),
                                     "args": json_safe(args)}))
        if stage in NOTABLE_STAGES and self.loops:
            self.loops[-1].notable = True

    def graph(self, name, impl, snapshot):
        parent = self.stack[-1].sid if self.stack else None
        self.sink.append(self.stamp({"ph": "G", "id": None, "parent": parent, "name": name,
                                     "impl": impl, "stage": "graph", "ts": self.now(),
                                     "args": json_safe(snapshot)}))
        if self.loops:
            self.loops[-1].notable = True

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
        args = self.safe_args(args_fn, a, k)
        if stage in NOTABLE_STAGES and self.loops:
            self.loops[-1].notable = True
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

    # -- loops and folding -------------------------------------------------
    def open_loop(self):
        self.loops.append(LoopFrame())

    def close_loop(self, end_args):
        frame = self.loops.pop()
        if frame.held:
            self.sink.extend(frame.held.keep())
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
            if self.loops:
                self.loops[-1].notable = True

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
            self.sink.extend(buffer.keep())
            frame.held = None
            self.flush()
        else:
            frame.held = buffer


class StepToken:
    __slots__ = ("sid", "kind", "folded", "start", "outer", "position", "outer_light", "light")

    def __init__(self, sid, kind, folded, start, outer, position, outer_light):
        self.sid, self.kind, self.folded, self.start = sid, kind, folded, start
        self.outer, self.position, self.outer_light = outer, position, outer_light
        self.light = False


class StepStats:
    __slots__ = ("n", "total", "low", "high", "first", "last")

    def __init__(self):
        self.n, self.total, self.low, self.high = 0, 0, None, None
        self.first = self.last = None

    def add(self, duration):
        self.n += 1
        self.total += duration
        self.low = duration if self.low is None else min(self.low, duration)
        self.high = duration if self.high is None else max(self.high, duration)

    def as_dict(self):
        return {"count": self.n, "total_ns": self.total, "min_ns": self.low,
                "max_ns": self.high, "mean_ns": self.total // self.n if self.n else 0}


class LoopFrame:
    __slots__ = ("stats", "held", "notable")

    def __init__(self):
        self.stats = {}
        self.held = None
        self.notable = False

    def count(self, kind, duration):
        # A step kept because it was the last one held is still counted as folded:
        # the count says how many steps this epoch ran past the kept first ones.
        self.stats.setdefault(kind, StepStats()).add(duration)


# -- the call-site API -------------------------------------------------------

class NoSpan:
    """What span() returns when tracing is off: does nothing, costs nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def note(self, **args):
        pass


NO_SPAN = NoSpan()


class Span:
    __slots__ = ("rec", "name", "stage", "impl", "args", "sid", "collects", "epoch",
                 "outer_epoch")

    def __init__(self, rec, name, stage, impl, args, collects=False, epoch=None):
        self.rec, self.name, self.stage, self.impl, self.args = rec, name, stage, impl, args
        self.collects = collects      # an epoch scope: folded step statistics land on its end
        self.epoch = epoch
        self.sid = self.outer_epoch = None

    def __enter__(self):
        rec = self.rec
        if self.stage in NOTABLE_STAGES and rec.loops:
            rec.loops[-1].notable = True
        if self.collects:
            rec.open_loop()
            self.outer_epoch = (rec.epoch, rec.step)
            if self.epoch is not None:
                rec.epoch, rec.step = self.epoch, None
        self.sid = rec.begin(self.name, self.stage, self.impl, self.args, self.collects)
        return self

    def __exit__(self, cls, exc, tb):
        self.rec.end(self.sid, error=exc)
        if self.collects:
            self.rec.epoch, self.rec.step = self.outer_epoch
        return False

    def note(self, **args):
        for entry in self.rec.stack:
            if entry.sid == self.sid:
                entry.end_args.update(args)


class StepScope:
    __slots__ = ("rec", "kind", "epoch", "step", "impl", "token", "name", "last")

    def __init__(self, rec, kind, epoch, step, impl, name, last):
        self.rec, self.kind, self.epoch, self.step, self.impl = rec, kind, epoch, step, impl
        self.name, self.last = name, last

    def __enter__(self):
        self.token = self.rec.begin_step(self.kind, self.epoch, self.step, self.impl, self.name,
                                         self.last)
        return self

    def __exit__(self, cls, exc, tb):
        self.rec.end_step(self.token, error=exc)
        return False

    def note(self, **args):
        pass


def keras_name(fn):
    """The Keras name of a tracekeras function: our module path with ``keras`` for
    ``tracekeras``, then the qualified name (``tracekeras.engine.training`` +
    ``Model.fit`` -> ``keras.engine.training.Model.fit``). A module that teaches a
    Keras module of another path says which in ``KERAS_MODULE`` (``tracekeras.callbacks.
    history`` teaches ``keras.callbacks``)."""
    module = fn.__globals__.get("KERAS_MODULE") or fn.__module__
    if module == "tracekeras" or module.startswith("tracekeras."):
        module = "keras" + module[len("tracekeras"):]
    return f"{module}.{fn.__qualname__}"


def traced(stage, *, name=None, args=None, result=None, level="stages"):
    """Decorate a function so each call is a span named after the Keras function it teaches.

    ``name`` is the Keras name, by default :func:`keras_name` of the function; give
    it only where Keras's differs (another module, a nested function). ``args(*a,
    **k)`` returns the begin record's args; ``result(ret)`` the end record's. When
    tracing is off the wrapper costs one attribute check; at a lower level than
    ``level``, or in a light step (unless ``stage`` is notable), a few.
    """
    if stage not in STAGES:
        raise ValueError(f"Unknown trace stage: {stage!r}. Expected one of {', '.join(STAGES)}.")
    rank = LEVEL_RANK[check_level(level)]
    notable = stage in NOTABLE_STAGES

    def decorate(fn):
        impl = impl_of(fn)
        span_name = name
        if span_name is None:
            span_name = keras_name(fn)
            if "<locals>" in span_name:
                raise ValueError(f"{impl} is a nested function: its Keras name cannot be "
                                 "derived; pass name=...")

        @functools.wraps(fn)
        def wrapper(*a, **k):
            rec = state.recorder
            if rec is None or rank > rec.rank or (rec.light and not notable):
                return fn(*a, **k)
            return rec.call(fn, a, k, span_name, stage, impl, args, result, rank)

        return wrapper

    return decorate


def span(name, stage, level="stages", **args):
    rec = state.recorder
    if rec is None or not rec.wants(level) or (rec.light and stage not in NOTABLE_STAGES):
        return NO_SPAN
    return Span(rec, name, stage, impl_of_frame(sys._getframe(1)), args)


def epoch_scope(name, stage, epoch=None, **args):
    """A span for one pass of an epoch loop; folded step statistics land on its end.

    ``epoch`` None (an evaluate or predict pass) keeps the loop position of any
    enclosing fit epoch.
    """
    rec = state.recorder
    if rec is None:
        return NO_SPAN
    if rec.light:               # a loop inside a light step (evaluate from a callback):
        rec.light = False       # record the rest of the step, and keep it
        rec.loops[-1].notable = True
    if epoch is not None:
        args = dict(args, epoch=epoch)
    return Span(rec, name, stage, impl_of_frame(sys._getframe(1)), args, collects=True,
                epoch=epoch)


def step_scope(kind, epoch, step, name=STEP_NAME, last=None):
    """A span for one step of a loop (``for step in data_handler.steps()``).

    ``name`` is the loop that yields the steps: ``DataHandler.steps`` in the TF 2
    loops; the Keras 2.2 ``fit_loop`` walks its own batches. Step spans are the
    spans of stage "step" whose args have a ``kind`` (train, test, predict).
    ``last``: whether this is the last step of its epoch, None when the loop does not
    know (data of unknown size); a folded step known not to be the last runs light.
    """
    rec = state.recorder
    if rec is None:
        return NO_SPAN
    return StepScope(rec, kind, epoch, step, impl_of_frame(sys._getframe(1)), name, last)


def instant(name, stage, level="stages", **args):
    rec = state.recorder
    if rec is None or not rec.wants(level):
        return
    rec.instant(name, stage, impl_of_frame(sys._getframe(1)), args)


def note(**args):
    """Add facts to the end record of the innermost open span (a decision, a result)."""
    rec = state.recorder
    if rec is not None:
        rec.note(args)


def graph(name, snapshot):
    rec = state.recorder
    if rec is not None:
        rec.graph(name, impl_of_frame(sys._getframe(1)), snapshot)


def flag_step(**args):
    """Put facts on the running step's span and keep that step (e.g. its loss became NaN)."""
    rec = state.recorder
    if rec is not None:
        rec.flag_step(args)


def stop_requested():
    """Mark the current step as differing from the others (training was stopped)."""
    rec = state.recorder
    if rec is not None:
        rec.stop_requested = True


def active():
    return state.recorder is not None
