"""One conformance check: a scenario's trace on tracekeras held against real Keras's.

What it owns: the comparison the conformance test and table make, and the
row of the table. Both traces are first put in their graph view
(:mod:`.graph_view`: a step function's body only where tf.function traces it),
then lined up by :func:`tracekeras.tracing.alignment.compare` with the known
differences (:mod:`.known_differences`) and float32 tolerances for the epoch
logs. A scenario passes when every key stage of Keras's trace is matched in
order or listed as a known difference, every decision is equal, and every
logged number is within tolerance.

What it receives: the two traces (paths, Traces or ``(header, records)``).
What it hands on: the :class:`~tracekeras.tracing.alignment.Comparison` and a
:class:`Row`. Standard library only.
"""
import dataclasses
from typing import Any, Dict, List, Optional, Sequence

from tracekeras.tracing import alignment

from . import graph_view, known_differences

# float32 tolerances for the logged numbers (losses and metrics are float32 in both)
RTOL = 1e-5
ATOL = 1e-7


def compare(reference: Any, ours: Any, scenario: str = "",
            known: Optional[Sequence[Dict[str, Any]]] = None) -> alignment.Comparison:
    """Real Keras's trace (``reference``) and tracekeras's (``ours``) of ``scenario``, lined
    up; ``known`` is the table of known differences (tracekeras's own by default)."""
    known = known_differences.for_scenario(
        known_differences.load() if known is None else list(known), scenario)
    a, b = alignment.as_trace(reference), alignment.as_trace(ours)
    return alignment.compare((a.header, graph_view.traced_once(a.records)),
                             (b.header, graph_view.traced_once(b.records)),
                             rtol=RTOL, atol=ATOL, known=known)


@dataclasses.dataclass
class Row:
    """A line of the conformance table."""

    scenario: str
    matched: int          # key stages of Keras's trace matched in order
    total: int            # key stages of Keras's trace
    known: int            # differences the table lists
    order_ok: bool        # nothing missing, extra or moved but known differences
    decisions_ok: bool
    numbers_ok: bool
    numbers: int          # logged numbers compared
    worst: Optional[float]  # largest relative difference of a logged number
    unknown: List[alignment.Difference]

    @property
    def ok(self) -> bool:
        return self.order_ok and self.decisions_ok and self.numbers_ok


def row(scenario: str, comparison: alignment.Comparison) -> Row:
    unknown = comparison.unknown
    kinds = {d.kind for d in unknown}
    rels = [n.rel for n in comparison.numbers if isinstance(n.rel, float)]
    return Row(scenario, comparison.in_order, comparison.total,
               len(comparison.differences) - len(unknown),
               not kinds & {"missing", "extra", "moved"}, "decision" not in kinds,
               "number" not in kinds, len(comparison.numbers),
               max(rels) if rels else None, unknown)


HEADINGS = ("scenario", "key stages matched", "known diffs", "stage order", "decisions equal",
            "numbers equal")


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, with a total line."""
    def yes(ok: bool) -> str:
        return "yes" if ok else "NO"

    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    for r in rows:
        numbers = yes(r.numbers_ok) + (f" ({r.numbers}, max rel. {alignment.short_float(r.worst)})"
                                       if r.worst is not None else " (none logged)")
        lines.append(f"| {r.scenario} | {r.matched}/{r.total} | {r.known} | {yes(r.order_ok)} | "
                     f"{yes(r.decisions_ok)} | {numbers} |")
    passed = sum(r.ok for r in rows)
    lines.append(f"\n{passed}/{len(rows)} scenarios conform (stage order, decisions and numbers "
                 "equal but for the known differences)")
    return "\n".join(lines)
