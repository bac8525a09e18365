"""Lining up two traces: which key stages both ran, in which order, and where they part.

What it owns: the rule for comparing two traces of one script (real Keras's and
ours, or two runs of ours), read as trace A (the reference) and trace B:

1. *Key stages.* Every span begin and every instant, known by its stage, its
   Keras name and whom it is about (the layer, weight, epoch, batch, step):
   timestamps, ids and durations never count.
2. *Alignment.* The longest order-preserving match of the two key-stage
   sequences (``difflib.SequenceMatcher`` over those keys, its popularity
   heuristic off, so a stage repeated a hundred times still matches). What is
   left over is ``missing`` (only in A), ``extra`` (only in B), or ``moved``
   (in both, but not in the same order).
3. *Decisions.* For every matched pair, the arguments :data:`DECISIONS` names
   for its Keras name (the adapter chosen, the callbacks added, what each
   string resolved to, the shape a layer was built with, the weights added, the
   ``_build_map`` depths) are compared by value, and so is the exception a
   span raised.
4. *Numbers.* The ``logs`` a callback hook received (the epoch logs) are
   compared with ``rtol``/``atol`` as ``numpy.isclose`` does (A is the
   reference): ``|a - b| <= atol + rtol * |a|``.
5. *Known differences.* Entries of a table (``stage``, ``name`` and ``arg``
   patterns, ``kind``, ``reason``; see ``tracekeras.conformance``) mark the
   differences kept on purpose; the comparison passes when every difference is
   a known one. An entry with ``within`` (a pattern over Keras names) holds
   only for records inside a call of that name: a span enclosing the record in
   the trace it comes from (A for a missing, moved, decision or number
   difference, B for an extra one), so "everything Keras runs inside this
   call" can be excused without excusing the same names anywhere else.

What it receives: two traces (a :class:`~tracekeras.tracing.trace.Trace`, a
path, or ``(header, records)``), the tolerances and the known entries. What it
hands on: a :class:`Comparison`, plain data (side-by-side rows, differences,
number checks, a one-line summary and an exit status) that the renderers in
``visualize`` draw. It emits no trace events and imports only the standard
library.
"""
import dataclasses
import difflib
import fnmatch
import json
import math
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import jsonl
from .trace import Trace

# The arguments that say whom a record is about: part of its key, so that the
# kernel of ``dense`` never lines up with the bias of ``dense_1``.
IDENTITY = ("layer", "weight", "epoch", "batch", "kind", "step")

# For each Keras name (a glob pattern), the arguments that record a decision.
DECISIONS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("keras.engine.training.Model.compile",
     ("optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
      "jit_compile", "steps_per_execution")),
    ("keras.utils.tf_utils.can_jit_compile", ("ret",)),
    ("keras.engine.training.Model._is_compiled", ("value",)),
    ("keras.optimizers.get", ("identifier",)),
    ("keras.saving.legacy.serialization.deserialize_keras_object", ("identifier", "resolved")),
    ("keras.engine.compile_utils.LossesContainer.__call__", ("resolved",)),
    ("keras.engine.compile_utils.MetricsContainer.update_state", ("resolved",)),
    ("keras.engine.data_adapter.select_data_adapter", ("chosen",)),
    ("keras.callbacks.CallbackList.__init__", ("add_history", "add_progbar")),
    ("keras.callbacks.CallbackList._add_default_callbacks", ("added",)),
    ("keras.engine.input_layer.Input", ("batch_shape", "output_shape")),
    ("keras.*.build", ("input_shape",)),
    ("keras.engine.base_layer.Layer._infer_output_signature", ("output_shape",)),
    ("keras.engine.base_layer.Layer.add_weight", ("shape", "initializer", "trainable")),
    ("keras.optimizers.*.add_variable_from_reference", ("variable",)),
    ("keras.engine.functional._build_map_helper", ("depth", "visit")),
)
KINDS = ("missing", "extra", "moved", "decision", "number")
ABSENT = "(absent)"


@dataclasses.dataclass
class KeyStage:
    """One span begin or instant of a trace, with its end record's arguments merged in."""

    index: int
    ph: str
    stage: str
    name: str
    args: Dict[str, Any]
    depth: int
    raised: Optional[str] = None
    parent: Optional[int] = None      # index of the enclosing key stage (a span begin)

    @property
    def key(self) -> Tuple[str, ...]:
        who = tuple(canonical(self.args.get(k)) for k in IDENTITY)
        return (str(self.stage), str(self.name)) + who

    @property
    def who(self) -> str:
        return " ".join(f"{k}={plain(self.args[k])}" for k in IDENTITY if k in self.args)


@dataclasses.dataclass
class Difference:
    """One way the traces differ; ``known`` is the reason when the table lists it."""

    kind: str
    stage: str
    name: str
    what: str = ""
    a: Any = None
    b: Any = None
    a_index: Optional[int] = None
    b_index: Optional[int] = None
    known: Optional[str] = None


@dataclasses.dataclass
class NumberCheck:
    """One number both traces logged (``label`` like ``epoch 0 loss``)."""

    stage: str
    name: str
    label: str
    metric: str
    a: Any
    b: Any
    rel: float
    ok: bool


@dataclasses.dataclass
class Row:
    """One line of the side-by-side view: a key stage of A, of B, or of both."""

    status: str              # same, decision, missing, extra, moved
    a: Optional[KeyStage]
    b: Optional[KeyStage]
    differences: List[Difference] = dataclasses.field(default_factory=list)
    # a moved stage has a row on each side; ``other`` is its counterpart on the other side
    other: Optional[KeyStage] = None


@dataclasses.dataclass
class Comparison:
    """Two traces lined up: rows, differences, number checks; ``summary()`` and ``exit_status``."""

    a_header: Dict[str, Any]
    b_header: Dict[str, Any]
    a_path: Optional[str]
    b_path: Optional[str]
    rows: List[Row]
    differences: List[Difference]
    numbers: List[NumberCheck]
    rtol: float
    atol: float

    @property
    def total(self) -> int:
        return sum(1 for r in self.rows if r.a is not None)

    @property
    def in_order(self) -> int:
        return sum(1 for r in self.rows if r.a is not None and r.b is not None)

    def count(self, kind: str, known: Optional[bool] = None) -> int:
        return sum(1 for d in self.differences
                   if d.kind == kind and (known is None or (d.known is not None) == known))

    @property
    def unknown(self) -> List[Difference]:
        return [d for d in self.differences if d.known is None]

    @property
    def exit_status(self) -> int:
        """0 when the traces agree but for known differences, 1 otherwise."""
        return 1 if self.unknown else 0

    def by_stage(self) -> Dict[str, Dict[str, int]]:
        """Per stage (in A's order, then B's): key stages of A, in order, and each kind."""
        table: Dict[str, Dict[str, int]] = {}
        for row in self.rows:
            stage = (row.a or row.b).stage  # type: ignore[union-attr]
            counts = table.setdefault(stage, dict.fromkeys(("a", "in_order") + KINDS, 0))
            counts["a"] += row.a is not None
            counts["in_order"] += row.a is not None and row.b is not None
        for d in self.differences:
            table.setdefault(d.stage, dict.fromkeys(("a", "in_order") + KINDS, 0))[d.kind] += 1
        return table

    def epoch_loss_rel(self) -> Optional[float]:
        rels = [n.rel for n in self.numbers if n.metric == "loss" and n.label.startswith("epoch")]
        return max(rels) if rels else None

    def summary(self) -> str:
        """One line: ``131/132 key stages in order, 1 decision differs, epoch loss ...``."""
        parts = [f"{self.in_order}/{self.total} key stages in order"]
        parts += [f"{self.count(k)} {k}" for k in ("missing", "extra", "moved") if self.count(k)]
        decisions = self.count("decision")
        parts.append("all decisions equal" if not decisions else
                     f"{decisions} decision{' differs' if decisions == 1 else 's differ'}")
        loss = self.epoch_loss_rel()
        if loss is not None:
            parts.append(f"epoch loss max rel. diff {short_float(loss)}")
        elif not self.numbers:
            parts.append("no epoch logs")
        off = self.count("number")
        if off:
            parts.append(f"{off} number{' differs' if off == 1 else 's differ'} "
                         f"(rtol {short_float(self.rtol)}, atol {short_float(self.atol)})")
        known = len(self.differences) - len(self.unknown)
        if known:
            parts.append(f"{known} known difference{'s' if known != 1 else ''}")
        return ", ".join(parts)


def short_float(x: float) -> str:
    """``3e-7`` for 3e-07: one significant digit, as a summary line wants it."""
    if x == 0:
        return "0"
    if math.isinf(x) or math.isnan(x):
        return str(x)
    mantissa, exponent = f"{x:.0e}".split("e")
    return mantissa if int(exponent) == 0 else f"{mantissa}e{int(exponent)}"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def plain(value: Any) -> str:
    if isinstance(value, list) and all(v is None or isinstance(v, int) for v in value):
        return "(" + ", ".join("None" if v is None else str(v) for v in value) + \
            ("," if len(value) == 1 else "") + ")"
    return value if isinstance(value, str) else canonical(value)


# -- reading --------------------------------------------------------------------------

Source = Any   # a Trace, a path, or (header, records)


def as_trace(source: Source) -> Trace:
    if isinstance(source, Trace):
        return source
    if isinstance(source, tuple):
        header, records = source
        return Trace(header=header, records=list(records))
    header, records = jsonl.read(source)
    return Trace(path=source, header=header, records=records)


def key_stages(records: Iterable[Dict[str, Any]]) -> List[KeyStage]:
    """The span begins and instants in order, each with its end record's arguments."""
    stages: List[KeyStage] = []
    by_id: Dict[Any, KeyStage] = {}
    depth: Dict[Any, int] = {}
    for r in records:
        ph = r.get("ph")
        if ph in ("B", "i"):
            level = depth.get(r.get("parent"), -1) + 1
            enclosing = by_id.get(r.get("parent"))
            ks = KeyStage(len(stages), ph, str(r.get("stage")), str(r.get("name")),
                          dict(r.get("args") or {}), level,
                          parent=enclosing.index if enclosing is not None else None)
            stages.append(ks)
            if ph == "B":
                by_id[r.get("id")] = ks
                depth[r.get("id")] = level
        elif ph == "E" and r.get("id") in by_id:
            ks = by_id[r["id"]]
            ks.args.update(r.get("args") or {})
            if isinstance(r.get("error"), dict):
                ks.raised = str(r["error"].get("type", "error")).split(".")[-1]
    return stages


# -- comparing ------------------------------------------------------------------------

def decision_args(name: str) -> Tuple[str, ...]:
    for pattern, keys in DECISIONS:
        if fnmatch.fnmatchcase(name, pattern):
            return keys
    return ()


def compare_decisions(a: KeyStage, b: KeyStage) -> List[Difference]:
    found = []
    for arg in decision_args(a.name) + ("raised",):
        va = a.raised if arg == "raised" else a.args.get(arg, ABSENT)
        vb = b.raised if arg == "raised" else b.args.get(arg, ABSENT)
        if arg == "raised" and va is None and vb is None:
            continue
        if canonical(va) != canonical(vb):
            found.append(Difference("decision", a.stage, a.name, arg, va, vb, a.index, b.index))
    return found


def compare_numbers(a: KeyStage, b: KeyStage, rtol: float, atol: float) -> List[NumberCheck]:
    logs_a, logs_b = a.args.get("logs"), b.args.get("logs")
    if not isinstance(logs_a, dict) or not isinstance(logs_b, dict):
        return []
    where = " ".join(f"{k} {a.args[k]}" for k in ("epoch", "batch") if k in a.args)
    where = where or a.name.rsplit(".", 1)[-1]
    checks = []
    for metric in list(logs_a) + [m for m in logs_b if m not in logs_a]:
        va, vb = logs_a.get(metric, ABSENT), logs_b.get(metric, ABSENT)
        rel, ok = closeness(va, vb, rtol, atol)
        checks.append(NumberCheck(a.stage, a.name, f"{where} {metric}", metric, va, vb, rel, ok))
    return checks


def closeness(a: Any, b: Any, rtol: float, atol: float) -> Tuple[float, bool]:
    """(relative difference to ``a``, within tolerance); non-numbers must be equal."""
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
    if not numbers:
        return (0.0, True) if canonical(a) == canonical(b) else (math.inf, False)
    gap = abs(a - b)
    rel = 0.0 if gap == 0 else (gap / abs(a) if a else math.inf)
    return rel, gap <= atol + rtol * abs(a)


def align(a: Sequence[KeyStage], b: Sequence[KeyStage]) -> List[Row]:
    """Rows of the side-by-side: matched pairs in order, then what is left, moved or not."""
    matcher = difflib.SequenceMatcher(None, [s.key for s in a], [s.key for s in b],
                                      autojunk=False)
    rows: List[Row] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [Row("same", a[i], b[j]) for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        rows += [Row("missing", a[i], None) for i in range(i1, i2)]
        rows += [Row("extra", None, b[j]) for j in range(j1, j2)]
    pair_moved(rows)
    return rows


def pair_moved(rows: List[Row]) -> None:
    """A key stage only in A and the same key only in B: one stage, moved."""
    waiting: Dict[Tuple[str, ...], List[Row]] = {}
    for row in rows:
        if row.status == "missing" and row.a is not None:
            waiting.setdefault(row.a.key, []).append(row)
    for row in rows:
        if row.status == "extra" and row.b is not None and waiting.get(row.b.key):
            partner = waiting[row.b.key].pop(0)
            partner.status = row.status = "moved"
            partner.other, row.other = row.b, partner.a


def compare(a: Source, b: Source, rtol: float = 1e-5, atol: float = 1e-8,
            known: Sequence[Dict[str, Any]] = ()) -> Comparison:
    """Line up trace ``a`` (the reference) and trace ``b`` and list where they differ."""
    ta, tb = as_trace(a), as_trace(b)
    stages_a, stages_b = key_stages(ta.records), key_stages(tb.records)
    rows = align(stages_a, stages_b)
    differences: List[Difference] = []
    numbers: List[NumberCheck] = []
    for row in rows:
        row.differences += placement(row)
        sa, sb = (row.a, row.other) if row.status == "moved" else (row.a, row.b)
        if sa is not None and sb is not None:
            row.differences += compare_decisions(sa, sb)
            checks = compare_numbers(sa, sb, rtol, atol)
            numbers += checks
            row.differences += [Difference("number", c.stage, c.name, c.label, c.a, c.b,
                                           sa.index, sb.index) for c in checks if not c.ok]
            if row.status == "same" and row.differences:
                row.status = "decision"
        for d in row.differences:
            d.known = known_reason(d, known, enclosing_names(d, stages_a, stages_b))
        differences += row.differences
    return Comparison(ta.header, tb.header, ta.path, tb.path, rows, differences, numbers,
                      rtol, atol)


def placement(row: Row) -> List[Difference]:
    """A missing or extra stage, or a moved one (counted once, on A's side)."""
    one = row.a or row.b
    if one is None or row.status not in ("missing", "extra", "moved") or (
            row.status == "moved" and row.a is None):
        return []
    a_index = row.a.index if row.a else None
    b_index = row.b.index if row.b else (row.other.index if row.other else None)
    return [Difference(row.status, one.stage, one.name, one.who, a_index=a_index,
                       b_index=b_index)]


def enclosing_names(d: Difference, a: Sequence[KeyStage],
                    b: Sequence[KeyStage]) -> List[str]:
    """The Keras names of the calls enclosing ``d``'s record, innermost first, in the trace
    the record comes from: A's when it has one there, B's for a stage only B ran."""
    stages, index = (a, d.a_index) if d.a_index is not None else (b, d.b_index)
    names: List[str] = []
    parent = stages[index].parent if index is not None else None
    while parent is not None:
        names.append(stages[parent].name)
        parent = stages[parent].parent
    return names


def known_reason(d: Difference, known: Sequence[Dict[str, Any]],
                 enclosing: Sequence[str] = ()) -> Optional[str]:
    """The reason of the first known-difference entry that covers ``d``, or None;
    ``enclosing`` names the calls around ``d``'s record, for the entries that say ``within``."""
    for entry in known:
        # an entry scoped to some conformance scenarios holds only where the check applies it
        if entry.get("kind") != d.kind or "scenarios" in entry:
            continue
        if not fnmatch.fnmatchcase(d.stage, entry.get("stage", "*")):
            continue
        if not fnmatch.fnmatchcase(d.name, entry.get("name", "*")):
            continue
        if "arg" in entry and not fnmatch.fnmatchcase(d.what, entry["arg"]):
            continue
        if "within" in entry and not any(fnmatch.fnmatchcase(name, entry["within"])
                                         for name in enclosing):
            continue
        return str(entry.get("reason", ""))
    return None
