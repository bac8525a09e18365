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
from typing import Any, Dict, List, Optional, Sequence, Tuple

from tracekeras.tracing import alignment

from . import graph_view, known_differences

# float32 tolerances for the logged numbers (losses and metrics are float32 in both)
RTOL = 1e-5
ATOL = 1e-7


def scenario_entries(known: Optional[Sequence[Dict[str, Any]]], scenario: str
                     ) -> List[Dict[str, Any]]:
    """The known differences that hold in ``scenario`` (of ``known``, else of tracekeras's
    own table)."""
    return known_differences.for_scenario(
        known_differences.load() if known is None else list(known), scenario)


def compare(reference: Any, ours: Any, scenario: str = "",
            known: Optional[Sequence[Dict[str, Any]]] = None) -> alignment.Comparison:
    """Real Keras's trace (``reference``) and tracekeras's (``ours``) of ``scenario``, lined
    up; ``known`` is the table of known differences (tracekeras's own by default)."""
    known = scenario_entries(known, scenario)
    a, b = alignment.as_trace(reference), alignment.as_trace(ours)
    return alignment.compare((a.header, graph_view.traced_once(a.records)),
                             (b.header, graph_view.traced_once(b.records)),
                             rtol=RTOL, atol=ATOL, known=known)


ORDER = ("missing", "extra", "moved")


@dataclasses.dataclass
class Row:
    """A line of the conformance table: for each aspect, (unknown, known) differences."""

    scenario: str
    matched: int          # key stages of Keras's trace matched in order
    total: int            # key stages of Keras's trace
    order: Tuple[int, int]       # missing, extra or moved stages
    decisions: Tuple[int, int]
    numbers: Tuple[int, int]
    compared: int                # logged numbers compared
    worst: Optional[float]       # largest relative difference of a logged number
    unknown: List[alignment.Difference]
    order_held: bool = True      # False: an entry excuses any stage of this scenario

    @property
    def ok(self) -> bool:
        return not self.unknown


def order_excused(scenario: str, known: Optional[Sequence[Dict[str, Any]]] = None) -> bool:
    """True when the known differences excuse every missing, extra and moved stage of
    ``scenario`` (an entry of stage and name ``*`` not limited to the records inside one
    call): its stage order is not held."""
    return any(e["stage"] == "*" and e["name"] == "*" and "within" not in e
               and e["kind"] in ORDER for e in scenario_entries(known, scenario))


def row(scenario: str, comparison: alignment.Comparison,
        known: Optional[Sequence[Dict[str, Any]]] = None) -> Row:
    def counts(kinds: Sequence[str]) -> Tuple[int, int]:
        found = [d for d in comparison.differences if d.kind in kinds]
        unknown = sum(1 for d in found if d.known is None)
        return unknown, len(found) - unknown

    rels = [n.rel for n in comparison.numbers if isinstance(n.rel, float)]
    return Row(scenario, comparison.in_order, comparison.total, counts(ORDER),
               counts(("decision",)), counts(("number",)), len(comparison.numbers),
               max(rels) if rels else None, comparison.unknown,
               not order_excused(scenario, known))


HEADINGS = ("scenario", "key stages matched", "stage order", "decisions equal",
            "numbers equal")


def verdict(counts: Tuple[int, int]) -> str:
    """``yes``, ``yes (3 known)`` or ``NO (2 differ)``."""
    unknown, known = counts
    if unknown:
        return f"NO ({unknown} differ{'s' if unknown == 1 else ''})"
    return f"yes ({known} known)" if known else "yes"


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, then one line of totals."""
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    for r in rows:
        numbers = verdict(r.numbers) + (
            f", {r.compared} logged, max rel. diff {alignment.short_float(r.worst)}"
            if r.worst is not None else ", none logged")
        order = verdict(r.order) if r.order_held else f"not held ({r.order[1]} excused)"
        lines.append(f"| {r.scenario} | {r.matched}/{r.total} | {order} | "
                     f"{verdict(r.decisions)} | {numbers} |")
    passed = sum(r.ok for r in rows)
    loose = [r.scenario for r in rows if not r.order_held]
    lines.append(f"\n{passed}/{len(rows)} scenarios conform: every stage of Keras's trace "
                 "matched in order, decisions equal, numbers within float32 tolerance, but "
                 "for the known differences (tracekeras/conformance/known_differences.json)"
                 + (f"; the stage order is not held in {len(loose)} ({', '.join(loose)}): "
                    "their entries say why" if loose else ""))
    return "\n".join(lines)
