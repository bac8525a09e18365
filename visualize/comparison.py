"""Two traces side by side: the terminal view and the HTML page of ``tracekeras diff``.

What it owns: how a :class:`tracekeras.tracing.alignment.Comparison` looks —
in a terminal, the key stages per stage (in order, missing, extra, moved,
decisions and numbers that differ), the list of differences with A's and B's
values and the known ones marked, and the one-line summary; in HTML, the same
summary and tables above a side-by-side of every key stage of both traces,
aligned row by row and coloured by what happened to it; given the two traces,
both call diagrams side by side in the explorer (:mod:`visualize.explorer`),
their boxes marked where the traces part. The page is one self-contained
file: nothing is fetched.

What it receives: a Comparison (``tracekeras.tracing.alignment.compare``).
What it hands on: :func:`comparison_view` returns a rich renderable,
:func:`comparison_html` a str of HTML; the caller prints or saves them.
Imports only ``tracekeras.tracing``, rich and the other renderers' helpers.
"""
from html import escape
from typing import Any, Callable, Dict, List, Optional

from rich.console import Group
from rich.jupyter import JupyterMixin
from rich.markup import escape as rich_escape
from rich.table import Table
from rich.text import Text

from tracekeras.tracing.alignment import (
    ABSENT,
    KINDS,
    Comparison,
    Difference,
    KeyStage,
    closeness,
    plain,
    short_float,
)

from . import explorer, reading
from .html import CSS, explorer_pane, page_end, page_start, stage_badge
from .spans import short_name
from .terminal import colour

STATUS_STYLE = {"same": "", "decision": "yellow", "missing": "red", "extra": "green",
                "moved": "magenta"}
STATUS_MARK = {"same": " ", "decision": "≠", "missing": "-", "extra": "+", "moved": "↕"}
VALUE_WIDTH = 48


class ComparisonView(JupyterMixin, Group):
    """The terminal view: a rich Group that also displays inline in Jupyter."""


def engine_of(header: Dict[str, Any]) -> str:
    """``tf_keras 2.21.0`` or ``tracekeras 0.1.0``: which engine wrote a trace."""
    engine = header.get("engine")
    if engine:
        version = header.get(engine) or header.get("engine_version") or header.get("version")
        return f"{engine} {version}" if version else str(engine)
    return f"tracekeras {header.get('tracekeras') or '?'}"


def value_text(value: Any, width: int = VALUE_WIDTH) -> str:
    text = ABSENT if value is ABSENT else plain(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def where(d: Difference) -> str:
    a = f"A#{d.a_index}" if d.a_index is not None else "A-"
    b = f"B#{d.b_index}" if d.b_index is not None else "B-"
    return f"{a} {b}"


def stage_table(c: Comparison) -> Table:
    table = Table(title="key stages by stage", title_style="bold")
    for col in ("stage", "A", "in order") + KINDS:
        table.add_column(col, justify="left" if col == "stage" else "right")
    for stage, n in c.by_stage().items():
        table.add_row(Text(stage, style=colour(stage)), str(n["a"]), str(n["in_order"]),
                      *[str(n[k]) if n[k] else "" for k in KINDS])
    return table


def change_text(d: Difference, width: int = VALUE_WIDTH) -> str:
    """``A → B`` of a decision or number (with its relative difference), else empty."""
    if d.kind in ("missing", "extra", "moved"):
        return ""
    if d.kind == "number" and all(isinstance(v, float) for v in (d.a, d.b)):
        text = f"{d.a:.8g} → {d.b:.8g}"
    else:
        text = f"{value_text(d.a, width)} → {value_text(d.b, width)}"
    if d.kind == "number":
        rel, _ = closeness(d.a, d.b, 0.0, 0.0)
        text += f" (rel. {short_float(rel)})"
    return text


def difference_table(c: Comparison, limit: Optional[int]) -> Table:
    known = len(c.differences) - len(c.unknown)
    table = Table(title=f"differences ({len(c.differences)}, {known} known)",
                  title_style="bold")
    table.add_column("kind", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("Keras name, what", overflow="fold")
    table.add_column("A → B", overflow="fold", min_width=20)
    shown = c.differences if limit is None else c.differences[:limit]
    for d in shown:
        kind = Text(d.kind, style=STATUS_STYLE.get(d.kind, ""))
        if d.known is not None:
            kind.append(" (known)", style="dim")
        table.add_row(kind, where(d), f"{short_name(d.name)} {d.what}".strip(), change_text(d))
    if len(shown) < len(c.differences):
        table.caption = f"… {len(c.differences) - len(shown)} more (--limit to see more)"
    return table


def stage_cell(s: Optional[KeyStage]) -> str:
    if s is None:
        return ""
    mark = "• " if s.ph == "i" else ""
    who = f" {s.who}" if s.who else ""
    return "  " * min(s.depth, 12) + mark + short_name(s.name) + who


def side_by_side_table(c: Comparison) -> Table:
    table = Table(title="side by side", title_style="bold", show_lines=False)
    for col in ("A#", "A: " + engine_of(c.a_header), "", "B#", "B: " + engine_of(c.b_header)):
        wide = col.startswith(("A:", "B:"))
        table.add_column(col, no_wrap=True, overflow="ellipsis", ratio=1 if wide else None,
                         min_width=None if wide else len(col) or 1,
                         justify="left" if wide else "right")
    for row in c.rows:
        style = STATUS_STYLE[row.status]
        table.add_row(str(row.a.index) if row.a else "", Text(stage_cell(row.a), style=style),
                      Text(STATUS_MARK[row.status], style=style),
                      str(row.b.index) if row.b else "", Text(stage_cell(row.b), style=style))
    return table


def comparison_view(c: Comparison, side_by_side: bool = False,
                    limit: Optional[int] = 50) -> ComparisonView:
    """The terminal view: who is compared, per-stage counts, the differences, the summary.

    ``side_by_side`` adds every key stage of both traces, aligned row by row;
    ``limit`` caps the rows of the differences table (None: all).
    """
    title = (f"[bold]tracekeras diff[/]\nA: {rich_escape(str(c.a_path or 'trace A'))} "
             f"[dim]({rich_escape(engine_of(c.a_header))})[/]\n"
             f"B: {rich_escape(str(c.b_path or 'trace B'))} "
             f"[dim]({rich_escape(engine_of(c.b_header))})[/]")
    parts: List[Any] = [Text.from_markup(title), stage_table(c)]
    if side_by_side:
        parts.append(side_by_side_table(c))
    if c.differences:
        parts.append(difference_table(c, limit))
    verdict = "red" if c.exit_status else "green"
    # the summary stays one line whatever the width: CI logs grep it
    parts.append(Text(c.summary(), style=f"bold {verdict}", no_wrap=True, overflow="ignore"))
    return ComparisonView(*parts)


# -- HTML -----------------------------------------------------------------------------

PAGE_CSS = CSS + """
.sbs td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;text-align:left;
white-space:pre}
.diffs td,.diffs th{text-align:left;vertical-align:top}.diffs td:nth-child(2){white-space:nowrap}
tr.is-missing td.a,tr.is-missing td:first-child{background:#ffebee}
tr.is-extra td.b,tr.is-extra td:first-child{background:#e8f5e9}
tr.is-moved td{background:#f3e5f5}tr.is-decision td,tr.is-number td{background:#fff8e1}
td.mark{text-align:center;font-weight:bold}
.summary{font-size:1.1em;font-weight:bold;padding:.4em;border-left:5px solid}
.pass{border-color:#2e7d32}.fail{border-color:#c62828}
.known{color:#2e7d32}.unknown{color:#c62828}
"""


def stage_html(s: Optional[KeyStage]) -> str:
    if s is None:
        return ""
    who = f" <span class='args'>{escape(s.who)}</span>" if s.who else ""
    mark = "• " if s.ph == "i" else ""
    return (f"{'  ' * min(s.depth, 12)}{mark}{stage_badge(s.stage)} "
            f"<b title='{escape(s.name)}'>{escape(short_name(s.name))}</b>{who}")


def row_html(row) -> str:
    notes = "; ".join(f"{d.what}: {value_text(d.a)} → {value_text(d.b)}"
                      for d in row.differences if d.kind in ("decision", "number"))
    title = f" title='{escape(notes)}'" if notes else ""
    return (f"<tr class='is-{row.status}'{title}><td>{row.a.index if row.a else ''}</td>"
            f"<td class='a'>{stage_html(row.a)}</td>"
            f"<td class='mark'>{escape(STATUS_MARK[row.status].strip())}</td>"
            f"<td>{row.b.index if row.b else ''}</td><td class='b'>{stage_html(row.b)}</td></tr>")


def differences_html(c: Comparison) -> str:
    rows = ["<tr><th>kind</th><th>where</th><th>stage</th><th>Keras name</th><th>what</th>"
            "<th>A</th><th>B</th><th>known</th></tr>"]
    for d in c.differences:
        simple = d.kind in ("missing", "extra", "moved")
        known = (f"<span class='known' title='{escape(d.known)}'>known</span>"
                 if d.known is not None else "<span class='unknown'>new</span>")
        cells = [escape(d.kind), escape(where(d)), stage_badge(d.stage), escape(d.name),
                 escape(d.what), "" if simple else escape(value_text(d.a, 200)),
                 "" if simple else escape(value_text(d.b, 200)), known]
        rows.append(f"<tr class='is-{d.kind}'>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    return "<table class='diffs'>" + "".join(rows) + "</table>"


# what a key stage's row status makes of its box in that side's call diagram, strongest first
MARKS = {"missing": "only", "extra": "only", "decision": "differs", "number": "differs",
         "moved": "moved"}
MARK_ORDER = ("only", "differs", "moved")


def key_stage_spans(source) -> List[Optional[str]]:
    """The explorer's span id of each key stage (span begins and instants, in order)."""
    _, records = reading.load(source)
    return [f"s{r.get('id')}" if r.get("ph") == "B" else None
            for r in records if r.get("ph") in ("B", "i")]


def marks_for(c: Comparison, source, side: str) -> Callable[[Dict[str, Any]], Dict[str, str]]:
    """{box id: "only" | "differs" | "moved"} of one side's call diagram."""
    spans = key_stage_spans(source)

    def marks(data: Dict[str, Any]) -> Dict[str, str]:
        box_of = {s["id"]: s["box"] for s in data["spans"] if s.get("box")}
        out: Dict[str, str] = {}
        for row in c.rows:
            stage = row.a if side == "a" else row.b
            mark = MARKS.get(row.status)
            if stage is None or mark is None or stage.index >= len(spans):
                continue
            box = box_of.get(spans[stage.index] or "")
            if box and (box not in out or MARK_ORDER.index(mark) < MARK_ORDER.index(out[box])):
                out[box] = mark
        return out
    return marks


def comparison_html(c: Comparison, title: str = "tracekeras diff", a: Any = None,
                    b: Any = None) -> str:
    """One self-contained HTML page: summary, per-stage counts, differences, side by side.

    Given the two traces (``a``, ``b``: anything :func:`visualize.spans.build`
    accepts), the page also draws both call diagrams side by side, each with
    the explorer's pan/zoom, search, playback and panel, the boxes of spans
    present in one trace only and of differing decisions marked.
    """
    verdict = "fail" if c.exit_status else "pass"
    stages = ["<tr><th>stage</th><th>A</th><th>in order</th>"
              + "".join(f"<th>{k}</th>" for k in KINDS) + "</tr>"]
    for stage, n in c.by_stage().items():
        stages.append(f"<tr><td>{stage_badge(stage)}</td><td>{n['a']}</td>"
                      f"<td>{n['in_order']}</td>"
                      + "".join(f"<td>{n[k] or ''}</td>" for k in KINDS) + "</tr>")
    a_name = escape(f"A: {c.a_path or 'trace A'} ({engine_of(c.a_header)})")
    b_name = escape(f"B: {c.b_path or 'trace B'} ({engine_of(c.b_header)})")
    both = a is not None and b is not None
    parts = [page_start(title, PAGE_CSS + (explorer.asset("explorer.css") if both else "")),
             f"<h1>{escape(title)}</h1><p>{a_name}<br>{b_name}</p>",
             f"<p class='summary {verdict}'>{escape(c.summary())}</p>",
             "<h2>Key stages by stage</h2><table>" + "".join(stages) + "</table>"]
    if both:
        parts += ["<h2>Call diagrams side by side</h2><p class='tk-legend'>"
                  "<span class='tk-only-key'>in one trace only</span>"
                  "<span class='tk-differs-key'>a decision differs</span>"
                  "<span class='tk-moved-key'>in another order</span></p><div class='tk-pair'>",
                  explorer_pane(a, "a", f"A: {c.a_path or 'trace A'}", marks_for(c, a, "a")),
                  explorer_pane(b, "b", f"B: {c.b_path or 'trace B'}", marks_for(c, b, "b")),
                  "</div>"]
    parts += [f"<h2>Differences ({len(c.differences)})</h2>", differences_html(c),
              "<h2>Side by side</h2><table class='sbs'><tr><th>#</th>"
              f"<th>{a_name}</th><th></th><th>#</th><th>{b_name}</th></tr>",
              *(row_html(r) for r in c.rows), "</table>"]
    return page_end(parts, script=both)
