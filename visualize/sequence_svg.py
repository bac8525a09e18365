"""The sequence diagram drawn as SVG here, from its Mermaid text: no Mermaid, no browser.

What it owns: reading the Mermaid subset :func:`visualize.sequence.sequence_diagram`
writes (``participant X as Label``, ``A->>B: text``, ``Note right of X:
text``, ``loop label`` ... ``end``, ``autonumber``) and laying it out: the
participants as columns with their lifelines, each message an arrow one row
below the last (numbered when ``autonumber`` is on), notes as boxes right of
their participant (wrapped), loops as labelled frames, and activations: a
message activates its receiver (a call on itself: briefly) until a message
comes from a participant lower in the call stack (the messages are written
depth first, caller before callee, so the stack of receivers is the call
stack).

Text widths are estimated (no font metrics offline): columns are widened until
every message and note fits. Every text from the trace is XML-escaped.

Two layouts. :func:`sequence_svg` is the wide one: each message's text on its
arrow, so a diagram of many participants is over a thousand pixels wide.
:func:`narrow_sequence_svg` is drawn for a page column (a docs page, the HTML
report): the lifelines packed close together at the left under slanted names,
each message's arrow there and its text in one column at the right of its row
(wrapped, cut with "…" when very long: the whole text is then in the message's
``<title>``), notes as boxes in that column; no text under 10 px, so shown in a
700 px column the text stays at least 9 px.

In the narrow layout every message is a ``<g class='tk-msg'>`` carrying ``data-n`` (its number, from
1, in Mermaid order) and, when the caller passes the call-graph box of each
message (``boxes=``, :attr:`visualize.sequence.MermaidText.boxes`), ``data-box``:
the HTML explorer selects that box's spans when the message is clicked.

What it receives: the Mermaid text (a str). What it hands on: the SVG markup
(a str, ``<svg ...>`` with its size in ``width``/``height`` and a ``viewBox``).
"""
import re
from html import escape
from typing import List, Tuple

CHAR = 6.3          # estimated width of one character at FONT px
FONT = 11
ROW = 26            # vertical space of one message
NOTE_CHARS = 46     # a note wraps at this many characters
MARGIN = 20
HEAD_H = 30
CODES = {"#35;": "#", "#59;": ";", "#60;": "<", "#62;": ">"}


def unclean(text: str) -> str:
    """Undo :func:`visualize.sequence.clean` (Mermaid's ``#59;`` entity codes)."""
    return re.sub(r"#(35|59|60|62);", lambda m: CODES[m.group(0)], text)


def parse(text: str) -> Tuple[List[Tuple[str, str]], List[tuple], bool]:
    """(participants [(id, label)], events, autonumber) of a Mermaid sequence text."""
    participants: List[Tuple[str, str]] = []
    events: List[tuple] = []
    autonumber = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "sequenceDiagram" or line.startswith("%%"):
            continue
        if line == "autonumber":
            autonumber = True
            continue
        m = re.match(r"participant (\S+)(?: as (.+))?$", line)
        if m:
            participants.append((m.group(1), m.group(2) or m.group(1)))
            continue
        m = re.match(r"(\S+?)-(?:>>|\)|>)(\S+?): ?(.*)$", line)
        if m:
            events.append(("msg", m.group(1), m.group(2), unclean(m.group(3))))
            continue
        m = re.match(r"Note (?:right|left) of (\S+?): ?(.*)$", line)
        if m:
            events.append(("note", m.group(1), unclean(m.group(2))))
            continue
        if line.startswith("loop"):
            events.append(("loop", unclean(line[4:].strip())))
        elif line == "end":
            events.append(("end",))
    known = {p for p, _ in participants}
    for event in events:   # a participant only named in a message gets a column too
        for who in event[1:3] if event[0] == "msg" else event[1:2] if event[0] == "note" else ():
            if who not in known:
                participants.append((who, who))
                known.add(who)
    return participants, events, autonumber


def wrap(text: str, width: int = NOTE_CHARS) -> List[str]:
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [w if len(w) <= width * 2 else w[:width * 2 - 1] + "…" for w in lines]


def text_width(text: str, size: float = FONT) -> float:
    return len(text) * CHAR * size / FONT


def column_gaps(participants, events, index) -> List[float]:
    """The distance from each column to the next, wide enough for what is drawn between."""
    gaps = [max(120.0, (text_width(a) + text_width(b)) / 2 + 30)
            for (_, a), (_, b) in zip(participants, participants[1:])] + [0.0]
    for event in events:
        if event[0] == "msg":
            a, b, text = index[event[1]], index[event[2]], event[3]
            lo, hi = min(a, b), max(a, b)
            need = text_width(text) + 44
            if lo == hi:
                gaps[lo] = max(gaps[lo], need)
            elif sum(gaps[lo:hi]) < need:
                gaps[hi - 1] += need - sum(gaps[lo:hi])
        elif event[0] == "note":
            at = index[event[1]]
            width = max(text_width(line) for line in wrap(event[2])) + 30
            gaps[at] = max(gaps[at], width)
    return gaps


class Drawing:
    """Walks the events top to bottom: the y of the next row, the call stack, the shapes."""

    def __init__(self, xs, index, width, autonumber, arrow_id):
        self.xs, self.index, self.width = xs, index, width
        self.autonumber, self.arrow_id = autonumber, arrow_id
        self.y = HEAD_H + MARGIN + 14
        self.number = 0
        self.body: List[str] = []
        self.stack: List[Tuple[str, float, int]] = []     # (participant, y it began, nesting)
        self.activations: List[Tuple[str, float, float, int]] = []
        self.loops: List[Tuple[float, str, int]] = []

    def close_until(self, who):
        """End the activations above ``who`` in the call stack (they have returned)."""
        while self.stack and self.stack[-1][0] != who:
            p, y0, level = self.stack.pop()
            self.activations.append((p, y0, self.y - 6, level))

    # a loop frame: the room its label takes above the first row, below the last, after it
    LOOP_FONT: float
    LOOP_HEAD, LOOP_FOOT, LOOP_GAP, LOOP_FONT = 20, 4, 12, 10

    def loop(self, label):
        self.loops.append((self.y, label, len(self.loops)))
        self.y += self.LOOP_HEAD

    def end(self):
        if not self.loops:
            return
        y0, label, level = self.loops.pop()
        x, w = self.frame_span(level)
        self.body.append(frame(x, y0, w, self.y + self.LOOP_FOOT - y0, label,
                               size=self.LOOP_FONT))
        self.y += self.LOOP_GAP

    def frame_span(self, level):
        """(x, width) of a loop frame nested ``level`` deep."""
        inset = 6 + 6 * level
        return MARGIN / 2 + inset, self.width - MARGIN - 2 * inset

    def note(self, who, text):
        lines = wrap(text)
        x, y = self.xs[self.index[who]] + 10, self.y
        w = max(text_width(line) for line in lines) + 12
        h = 13 * len(lines) + 6
        self.body.append(f"<rect x='{x:.1f}' y='{y - 10:.1f}' width='{w:.1f}' height='{h}' "
                         "fill='#fff8c4' stroke='#c9b458'/>")
        for n, line in enumerate(lines):
            self.body.append(f"<text x='{x + 6:.1f}' y='{y + 3 + 13 * n:.1f}' "
                             f"font-size='10.5'>{escape(line)}</text>")
        self.y += h + 6

    def message(self, a, b, label):
        self.close_until(a)
        self.number += 1
        self.body.append(message(self.xs[self.index[a]], self.xs[self.index[b]], self.y, label,
                                 self.number if self.autonumber else None, self.arrow_id))
        if a == b:   # a call on itself: a short activation beside the caller's
            self.activations.append((b, self.y + 16, self.y + 26, 1))
            self.y += ROW + 14
            return
        self.stack.append((b, self.y, sum(1 for p, _, _ in self.stack if p == b)))
        self.y += ROW

    def bars(self):
        return [f"<rect x='{self.xs[self.index[p]] - 5 + 4 * level:.1f}' y='{y0:.1f}' "
                f"width='10' height='{max(y1 - y0, 8):.1f}' fill='#e8eaf6' stroke='#5c6bc0'/>"
                for p, y0, y1, level in sorted(self.activations, key=lambda a: a[3])]


def columns(participants, events, index):
    """The x of each participant's lifeline and the drawing's width."""
    gaps = column_gaps(participants, events, index)
    xs = [max(text_width(participants[0][1], 12) / 2 + 12, 40) + MARGIN]
    for gap in gaps[:-1]:
        xs.append(xs[-1] + gap)
    width = xs[-1] + max(gaps[-1], text_width(participants[-1][1], 12) / 2 + 20) + MARGIN
    return xs, width


def sequence_svg(text: str, arrow_id: str = "tk-seq-arrow") -> str:
    """The SVG of a Mermaid sequence diagram (see the module docstring)."""
    participants, events, autonumber = parse(text)
    if not participants:
        return "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'></svg>"
    index = {p: n for n, (p, _) in enumerate(participants)}
    xs, width = columns(participants, events, index)
    d = Drawing(xs, index, width, autonumber, arrow_id)
    for event in events:
        getattr(d, event[0] if event[0] != "msg" else "message")(*event[1:])
    d.close_until(None)
    height = d.y + HEAD_H + MARGIN
    bottom = height - MARGIN - HEAD_H
    lifelines = [f"<line x1='{x:.1f}' y1='{MARGIN + HEAD_H}' x2='{x:.1f}' y2='{bottom}' "
                 "stroke='#999' stroke-dasharray='4 3'/>" for x in xs]
    heads = []
    for (_, label), x in zip(participants, xs):
        w = text_width(label, 12) + 20
        for top in (MARGIN, bottom):
            heads.append(f"<rect x='{x - w / 2:.1f}' y='{top}' width='{w:.1f}' "
                         f"height='{HEAD_H}' rx='3' fill='#eaeaf8' stroke='#5c6bc0'/>"
                         f"<text x='{x:.1f}' y='{top + 19}' font-size='12' "
                         f"text-anchor='middle'>{escape(label)}</text>")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' class='tk-sequence' width='{width:.0f}' "
            f"height='{height:.0f}' viewBox='0 0 {width:.0f} {height:.0f}' "
            "font-family='Helvetica,Arial,sans-serif'>"
            f"<defs><marker id='{arrow_id}' viewBox='0 0 10 10' refX='9' refY='5' "
            "markerWidth='8' markerHeight='8' orient='auto-start-reverse'>"
            "<path d='M0,0 L10,5 L0,10 z' fill='#333'/></marker></defs>"
            "<rect width='100%' height='100%' fill='#ffffff'/>"
            + "".join(lifelines + d.bars() + heads + d.body) + "</svg>")


def frame(x, y, w, h, label, size=10):
    tab = text_width("loop " + label, size) + 12
    return (f"<rect x='{x:.1f}' y='{y:.1f}' width='{w:.1f}' height='{h:.1f}' fill='none' "
            "stroke='#8888aa'/>"
            f"<path d='M{x:.1f},{y + 16:.1f} h{tab:.1f} l6,-6 v-10' fill='#eeeef8' "
            "stroke='#8888aa'/>"
            f"<text x='{x + 4:.1f}' y='{y + 12:.1f}' font-size='{size}'>"
            f"<tspan font-weight='bold'>loop</tspan> {escape(label)}</text>")


def message(x1, x2, y, label, number, arrow_id):
    """One arrow (a self call loops back) with its text above and its number."""
    out = []
    if x1 == x2:
        out.append(f"<path d='M{x1 + 5:.1f},{y:.1f} h36 v18 h-31' fill='none' stroke='#333' "
                   f"marker-end='url(#{arrow_id})'/>")
        tx = x1 + 46
        anchor = "start"
    else:
        d = 5 if x2 > x1 else -5
        out.append(f"<line x1='{x1 + d:.1f}' y1='{y:.1f}' x2='{x2 - d:.1f}' y2='{y:.1f}' "
                   f"stroke='#333' marker-end='url(#{arrow_id})'/>")
        tx = min(x1, x2) + 22
        anchor = "start"
    out.append(f"<text x='{tx:.1f}' y='{y - 4:.1f}' font-size='{FONT}' text-anchor='{anchor}'>"
               f"{escape(label)}</text>")
    if number is not None:
        out.append(f"<circle cx='{x1 + (9 if x2 >= x1 else -9):.1f}' cy='{y:.1f}' r='8' "
                   "fill='#333'/><text x='{:.1f}' y='{:.1f}' font-size='9' fill='#fff' "
                   "text-anchor='middle'>{}</text>".format(x1 + (9 if x2 >= x1 else -9), y + 3,
                                                           number))
    return "".join(out)



# -- the narrow layout: drawn for a page column ------------------------------------------

NARROW_FONT = 11    # message and name text
NOTE_FONT = 10.5
LINE = 13           # one line of wrapped text
SLANT = 0.7071      # the participants' names rise at 45 degrees
MAX_NAME = 18       # a longer participant name is cut ("…"; the whole name in its <title>)
MAX_LINES = 2       # a message's text wraps to at most this many lines, then is cut


def cut_lines(text: str, chars: int, most: int) -> Tuple[List[str], bool]:
    """``text`` wrapped at ``chars`` (a long word broken), at most ``most`` lines; was it cut?"""
    lines: List[str] = []
    for line in wrap(text, chars):
        while len(line) > chars:
            lines.append(line[:chars])
            line = line[chars:]
        lines.append(line)
    if len(lines) <= most:
        return lines, False
    last = lines[most - 1]
    return lines[:most - 1] + [last[:max(chars - 1, 1)].rstrip() + "…"], True


class NarrowDrawing(Drawing):
    """The walk of :class:`Drawing`, each row's text in the column right of the lifelines."""

    def __init__(self, xs, index, width, autonumber, arrow_id, text_x, chars, boxes):
        super().__init__(xs, index, width, autonumber, arrow_id)
        self.text_x, self.chars, self.boxes = text_x, chars, list(boxes or [])

    def indent(self):
        return 8 * len(self.loops)

    LOOP_HEAD, LOOP_FOOT, LOOP_GAP, LOOP_FONT = 22, 0, 8, NOTE_FONT

    def frame_span(self, level):
        inset = 3 + 4 * level
        return inset, self.width - 2 * inset

    def note(self, who, text):
        x, indent = self.xs[self.index[who]], self.indent()
        chars = self.chars - indent // 6 - 2
        lines, whole = cut_lines(text, chars, 6)
        w = max(text_width(line, NOTE_FONT) for line in lines) + 10
        h = LINE * len(lines) + 6
        tx = self.text_x + indent
        tip = f"<title>{escape(text)}</title>" if whole else ""
        self.body.append(
            f"<g class='tk-note'>{tip}<circle cx='{x:.1f}' cy='{self.y + 8:.1f}' r='3' "
            f"fill='#c9b458'/><line x1='{x + 4:.1f}' y1='{self.y + 8:.1f}' x2='{tx:.1f}' "
            f"y2='{self.y + 8:.1f}' stroke='#c9b458' stroke-dasharray='1 3'/>"
            f"<rect x='{tx:.1f}' y='{self.y:.1f}' width='{w:.1f}' height='{h}' "
            "fill='#fff8c4' stroke='#c9b458'/>"
            + "".join(f"<text x='{tx + 5:.1f}' y='{self.y + 13 + LINE * n:.1f}' "
                      f"font-size='{NOTE_FONT}'>{escape(line)}</text>"
                      for n, line in enumerate(lines)) + "</g>")
        self.y += h + 5

    def message(self, a, b, label):
        self.close_until(a)
        self.number += 1
        number = f"{self.number} " if self.autonumber else ""
        indent = self.indent()
        lines, whole = cut_lines(label, self.chars - indent // 6 - len(number), MAX_LINES)
        lines[0] = number + lines[0]
        x1, x2, y = self.xs[self.index[a]], self.xs[self.index[b]], self.y + 8
        box = self.boxes[self.number - 1] if self.number <= len(self.boxes) else None
        mark = f" data-box='{escape(str(box), quote=True)}'" if box is not None else ""
        height = max(20, LINE * len(lines) + 7)
        out = [f"<g class='tk-msg' data-n='{self.number}'{mark}>"]
        if whole or box is not None:
            out.append(f"<title>{escape(number + label)}</title>")
        if box is not None:   # the whole row answers a click, not only the thin arrow
            out.append(f"<rect x='0' y='{self.y:.1f}' width='{self.width:.1f}' "
                       f"height='{height}' fill='transparent'/>")
        if a == b:
            out.append(f"<path d='M{x1 + 4:.1f},{y - 4:.1f} h11 v8 h-8' fill='none' "
                       f"stroke='#333' marker-end='url(#{self.arrow_id})'/>")
            end = x1 + 17
        else:
            d = 4 if x2 > x1 else -4
            out.append(f"<line x1='{x1 + d:.1f}' y1='{y:.1f}' x2='{x2 - d:.1f}' y2='{y:.1f}' "
                       f"stroke='#333' marker-end='url(#{self.arrow_id})'/>")
            end = max(x1, x2) + 5
        tx = self.text_x + indent
        out.append(f"<line x1='{end:.1f}' y1='{y:.1f}' x2='{tx - 3:.1f}' y2='{y:.1f}' "
                   "stroke='#bbb' stroke-dasharray='1 3'/>")
        for n, line in enumerate(lines):
            text = escape(line)
            if n == 0 and number and line.startswith(number):
                text = (f"<tspan font-weight='bold' fill='#3949ab'>{escape(number.strip())}"
                        f"</tspan> {escape(line[len(number):])}")
            out.append(f"<text x='{tx:.1f}' y='{y + 4 + LINE * n:.1f}' "
                       f"font-size='{NARROW_FONT}'>{text}</text>")
        self.body.append("".join(out) + "</g>")
        if a != b:
            self.stack.append((b, y, sum(1 for p, _, _ in self.stack if p == b)))
        else:
            self.activations.append((b, y + 2, y + 8, 1))
        self.y += height

    def bars(self):
        return [f"<rect x='{self.xs[self.index[p]] - 4 + 3 * level:.1f}' y='{y0:.1f}' "
                f"width='8' height='{max(y1 - y0, 6):.1f}' fill='#e8eaf6' stroke='#5c6bc0'/>"
                for p, y0, y1, level in sorted(self.activations, key=lambda a: a[3])]


def narrow_sequence_svg(text: str, width: float = 640, boxes=None,
                        arrow_id: str = "tk-seq-arrow-narrow") -> str:
    """The SVG of a Mermaid sequence diagram at most ``width`` wide (see the module docstring).

    ``boxes``: the call-graph box id of each message, in order (marked ``data-box``).
    """
    if width < 320:
        raise ValueError(f"width must be at least 320 (room for the lifelines and a column of "
                         f"text), received {width!r}")
    participants, events, autonumber = parse(text)
    if not participants:
        return "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'></svg>"
    index = {p: n for n, (p, _) in enumerate(participants)}
    names = [(label if len(label) <= MAX_NAME else label[:MAX_NAME - 1] + "…", label)
             for _, label in participants]
    step = max(22.0, min(44.0, (width * 0.45) / len(participants)))
    xs = [8 + step / 2 + n * step for n in range(len(participants))]
    text_x = xs[-1] + step / 2 + 10
    needed = max([text_width(e[3]) + 30 for e in events if e[0] == "msg"] + [120])
    width = min(width, max(text_x + needed + 8, 320.0))
    chars = int((width - text_x - 8) / CHAR)
    head = max(text_width(shown, NARROW_FONT) for shown, _ in names) * SLANT + 22
    d = NarrowDrawing(xs, index, width, autonumber, arrow_id, text_x, chars, boxes)
    d.y = head + 8
    for event in events:
        getattr(d, event[0] if event[0] != "msg" else "message")(*event[1:])
    d.close_until(None)
    height = d.y + 10
    lifelines = [f"<line x1='{x:.1f}' y1='{head:.1f}' x2='{x:.1f}' y2='{height - 6:.1f}' "
                 "stroke='#999' stroke-dasharray='4 3'/>" for x in xs]
    heads = []
    for (shown, label), x in zip(names, xs):
        tip = f"<title>{escape(label)}</title>" if shown != label else ""
        heads.append(f"<g class='tk-participant'>{tip}<circle cx='{x:.1f}' cy='{head - 4:.1f}' "
                     f"r='3' fill='#5c6bc0'/><text x='{x + 2:.1f}' y='{head - 10:.1f}' "
                     f"font-size='{NARROW_FONT}' transform='rotate(-45 {x + 2:.1f} "
                     f"{head - 10:.1f})'>{escape(shown)}</text></g>")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' class='tk-sequence tk-narrow' "
            f"width='{width:.0f}' height='{height:.0f}' viewBox='0 0 {width:.0f} {height:.0f}' "
            "font-family='Helvetica,Arial,sans-serif'>"
            f"<defs><marker id='{arrow_id}' viewBox='0 0 10 10' refX='9' refY='5' "
            "markerWidth='7' markerHeight='7' orient='auto-start-reverse'>"
            "<path d='M0,0 L10,5 L0,10 z' fill='#333'/></marker></defs>"
            "<rect width='100%' height='100%' fill='#ffffff'/>"
            + "".join(lifelines + d.bars() + heads + d.body) + "</svg>")
