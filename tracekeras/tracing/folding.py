"""Folding: how a long run keeps a trace of bounded size without dropping anything silently.

At level ``stages`` the recorder (``recorder``) folds two kinds of repetition,
with the pieces kept here:

- **Steps.** The first ``KEEP_STEPS`` steps of each kind (train, test, predict) of
  each user-level call (below) are recorded in full: a second ``fit`` shows its
  first steps too, where a model that is built lazily builds. Later steps are
  recorded into a scratch :class:`StepBuffer`; at the step's end the buffer is
  dropped and the step counted in the :class:`StepStats` of the enclosing epoch's
  :class:`LoopFrame`, unless the step differs from the others (it raised, added a
  weight or mapped a graph, or stopped training), in which case it is kept. The
  last step of each epoch is kept too: held until the next record outside a step
  shows that no step follows (``on_epoch_end``, a validation pass, the epoch's
  end), and written there, in its place. The epoch span's end record says
  ``folded: {kind: {count, total_ns, min_ns, max_ns, mean_ns}}``.
- **Calls.** The user-level calls of ``schema.ENTRY_POINTS`` (``fit``,
  ``evaluate``, ``predict``, ``train_on_batch``, ``test_on_batch``,
  ``predict_on_batch``) made at the top level (no span open in their thread):
  the first ``KEEP_CALLS`` of each name are recorded in full; later ones are
  recorded into a :class:`StepBuffer` and kept if they differ as a step can
  differ (an error, a weight added, a graph mapped, a NaN flagged) or if their
  *shape*, the names of the spans they ran in order, is one not kept before
  (``fit`` on another kind of data runs another adapter); the others are
  dropped and counted in a :class:`CallFrame`. The last folded call of each
  name is held and written when the trace ends, its end record carrying
  ``folded_calls: {count, total_ns, min_ns, max_ns, mean_ns}`` (the count
  includes it, and every call past the first ``KEEP_CALLS``, kept or not). So
  ``fit`` in a ``while True`` loop or a million ``train_on_batch`` calls add
  one call's records per distinct shape after the first few and keep memory
  flat; a run killed outright loses only the held call and the counts.

A folded step or call is usually dropped, so its records are kept cheaply:
tuples instead of dicts, and args made only of plain values (str, int, float,
bool, None, tuples of them) stored as they are; :meth:`StepBuffer.keep` turns
them into ordinary records, running :func:`json_safe` on the args, only if the
step is kept. Args holding anything else (an array, a list, an object) are made
JSON-safe at once: such a value may change before the step ends (a Variable
assigned in place), and a record must say what it was when it was made.
"""
from .schema import json_safe

KEEP_STEPS = 2
KEEP_CALLS = 2
MAX_SHAPES = 64   # call shapes remembered per name (a call of a shape not remembered is kept)
# Values that cannot change after a record is made: their json_safe can wait.
PLAIN = frozenset((str, int, float, bool, type(None)))


def is_plain(args):
    """True when every value of the dict ``args`` is plain (or a tuple of plain values)."""
    for value in args.values():
        kind = type(value)
        if kind not in PLAIN and not (kind is tuple and all(type(v) in PLAIN for v in value)):
            return False
    return True


class StepBuffer(list):
    """The scratch records of a folded step or call, kept compact until it is kept.

    ``Recorder.begin`` and ``Recorder.end`` put tuples here instead of dicts (laid out
    above ``expand``), their args not yet JSON-safe when they are plain; ``keep``
    turns them into the same dicts an unfolded step has. Records of other kinds
    (instants, graphs, an inner loop's kept steps) are dicts already and pass through.
    """
    __slots__ = ()

    def keep(self, tid=None):
        """The step is kept: its records as dicts, every args JSON-safe (``tid``: the
        recording thread, when it is not the one that opened the trace)."""
        return [expand(r, tid) if type(r) is tuple else r for r in self]


# A folded step's span records: ("B", id, parent, name, impl, stage, ts, epoch, step,
# args, raw) and ("E", id, name, ts, epoch, step, args, raw, error), where ``raw``
# says the args are plain but not yet JSON-safe.
def expand(t, tid=None):
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
    if tid is not None:
        record["tid"] = tid
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
    __slots__ = ("stats", "held", "held_sink", "notable")

    def __init__(self):
        self.stats = {}
        self.held = None
        self.held_sink = None     # where the held step goes when it proves the last
        self.notable = False

    def count(self, kind, duration):
        # A step kept because it was the last one held is still counted as folded:
        # the count says how many steps this epoch ran past the kept first ones.
        self.stats.setdefault(kind, StepStats()).add(duration)


class CallFrame:
    """The folded top-level calls of one name: their statistics, the shapes of call seen,
    and the last one, held."""
    __slots__ = ("stats", "held", "held_sid", "shapes")

    def __init__(self):
        self.stats = StepStats()
        self.held = None          # the StepBuffer of the last folded call, written at the end
        self.held_sid = None      # its span id (its end record gets the statistics)
        self.shapes = set()       # hashes of the call shapes already kept (at most MAX_SHAPES)

    def is_new(self, buffer):
        """True for a call whose shape (the names of the spans it ran, in order) has not
        been kept yet: it differs from the others, so it is kept and its shape remembered."""
        shape = hash(tuple(r[3] if type(r) is tuple and r[0] == "B" else r.get("name")
                           for r in buffer if type(r) is not tuple or r[0] == "B"))
        if shape in self.shapes:
            return False
        if len(self.shapes) < MAX_SHAPES:
            self.shapes.add(shape)
        return True

    def written(self, tid=None):
        """The records the folded calls leave at the trace's end: the last one, with the
        statistics of them all on its end record."""
        if self.held is None:
            return []
        records = self.held.keep(tid)
        for record in records:
            if record["ph"] == "E" and record["id"] == self.held_sid:
                record.setdefault("args", {})["folded_calls"] = self.stats.as_dict()
        self.held = None
        return records
