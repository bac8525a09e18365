"""Write every rendering of a trace into a folder, and one rendering to a path.

What it owns: file names and formats. :func:`write_all` (used by ``tracekeras
demo``/``run``) writes the call diagram (.dot, .svg, .png), the sequence
diagram (.mmd), the layer graph of each model (.dot, .svg, .png), the Perfetto
JSON, the speedscope JSON and the HTML report; :func:`render` (used by
``tracekeras render``) writes one format. When Graphviz ``dot`` is missing,
the .dot sources are still written, every other output too, and the plain
message (:data:`visualize.dot.DOT_MISSING`) is said once.

What it receives: anything :func:`visualize.spans.build` accepts. What it hands
on: paths written (a dict kind -> path, or one path).
"""
import json
import os
import sys
from itertools import islice
from typing import Callable, Dict, Optional, Sequence, Union

from tracekeras.tracing import jsonl
from tracekeras.tracing.jsonl import atomic_file
from tracekeras.tracing.schema import json_number

from . import calls as cd
from . import chrome, sequence
from . import dot as dot_mod
from . import html as html_mod
from . import model_graph as lg
from . import spans as spans_mod

REPORT_FULL_BYTES = 16 * 2**20   # a longer trace file: the report draws its folded tree
REPORT_NODES = 5000               # and at most this many of its nodes
FORMATS = ("svg", "png", "dot", "mermaid", "perfetto", "speedscope", "html")
SUFFIX = {"svg": ".svg", "png": ".png", "dot": ".dot", "mermaid": ".mmd",
          "perfetto": ".perfetto.json", "speedscope": ".speedscope.json", "html": ".html"}


def say_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def write_text(path, text):
    with atomic_file(path, "w") as f:
        f.write(text)
    return path


def write_json(path, data):
    """JSON as every reader accepts it: never a bare NaN or Infinity (``allow_nan=False``).

    A trace can hold a number too large for a float (``1e400`` reads as infinity);
    such numbers are written as the strings the recorder uses, "inf", "-inf", "nan".
    """
    return write_text(path, dumps(data))


def report_source(source):
    """What the HTML report draws: the trace itself, or for a long one its folded tree
    cut to :data:`REPORT_NODES` nodes, with a note in the header saying what was left out.

    The report then keeps under a few MB whatever the trace's length; the timeline
    shows the kept steps only (the Perfetto export keeps every one). A trace file
    over :data:`REPORT_FULL_BYTES` is read once, folded, rather than twice.
    """
    notes = []
    if isinstance(source, (str, os.PathLike)):
        if os.path.getsize(source) <= REPORT_FULL_BYTES:
            return source
        source = spans_mod.build(source)
        notes.append("a long trace: the timeline shows the steps kept after folding "
                     "(the Perfetto export has every one)")
    if not isinstance(source, spans_mod.SpanTree):
        return source
    left_out = spans_mod.prune(source, REPORT_NODES)
    if left_out:
        notes.append(f"{left_out} calls left out of the span tree and diagrams beyond the "
                     f"first {REPORT_NODES} (breadth first); see the Perfetto export")
    if notes:
        source.header = dict(source.header or {}, note="; ".join(notes))
    return source


def write_chrome_trace(path, tree):
    """The Perfetto JSON of a tree, written as its events come (a long trace's million
    events are never held at once); the same document as ``chrome.chrome_trace``."""
    with atomic_file(path, "w") as f:
        f.write('{"traceEvents":[')
        for n, chunk in enumerate(chunks(chrome.EventTexts(dumps)(tree))):
            f.write(("," if n else "") + ",".join(chunk))
        f.write('],"displayTimeUnit":"ms","otherData":'
                + dumps(chrome.other_data(tree)) + "}")
    return path


def write_streamed(path, source, fmt):
    """The Perfetto or speedscope JSON of a trace file written as its records are read,
    with no tree (``chrome.StreamedEvents``, ``chrome.StreamedSpeedscope``: only the open
    spans held); a trace they leave to the tree (``chrome.Unstreamable``) is read again
    into one. Returns the path written."""
    try:
        with atomic_file(path, "w") as f:
            # plain begins as their fields and args text: Perfetto writes that text as it is
            header, records = jsonl.stream(source, ends=True, begins=fmt == "perfetto")
            if fmt == "perfetto":
                f.write('{"traceEvents":[')
                for n, chunk in enumerate(chunks(chrome.StreamedEvents(dumps).events(
                        header, records))):
                    f.write(("," if n else "") + ",".join(chunk))
                f.write('],"displayTimeUnit":"ms","otherData":'
                        + dumps(chrome.other_data(spans_mod.SpanTree(None, header, []))) + "}")
            else:
                profile = chrome.StreamedSpeedscope(header)
                f.write('{"profiles":[{"type":"evented","events":[')
                events = (f'{{"type":"{kind}","frame":{frame},"at":{at}}}'
                          for kind, frame, at in profile.streamed(records))
                for n, chunk in enumerate(chunks(events)):
                    f.write(("," if n else "") + ",".join(chunk))
                f.write("]," + dumps(profile.fields(profile.title))[1:])
                document = profile.document([])
                del document["profiles"]
                f.write("]," + dumps(document)[1:])
        return path
    except chrome.Unstreamable:
        tree = spans_mod.build(source, fold=False)
    return (write_chrome_trace if fmt == "perfetto" else write_speedscope)(path, tree)


def write_speedscope(path, tree):
    """The speedscope JSON of a tree, its events written as they come (the frames they
    name and where each profile ends are known after them, and written after them)."""
    profile = chrome.Speedscope(tree)
    with atomic_file(path, "w") as f:
        f.write('{"profiles":[')
        for p, (title, tops) in enumerate(profile.threads()):
            f.write(("," if p else "") + '{"type":"evented","events":[')
            events = (f'{{"type":"{kind}","frame":{frame},"at":{at}}}'
                      for kind, frame, at in profile.events(tops))
            for n, chunk in enumerate(chunks(events)):
                f.write(("," if n else "") + ",".join(chunk))
            f.write("]," + dumps(profile.fields(title))[1:])
        document = profile.document([])
        del document["profiles"]
        f.write("]," + dumps(document)[1:])
    return path


def chunks(items, size=4096):
    """Lists of up to ``size`` items, in order (each list filled by ``islice``, with no
    Python step per item: a long trace's timeline has millions of events)."""
    items = iter(items)
    chunk = list(islice(items, size))
    while chunk:
        yield chunk
        chunk = list(islice(items, size))


def dumps(data):
    """Compact JSON with no bare NaN/Infinity (see :func:`write_json`)."""
    try:
        return json.dumps(data, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(finite(data), separators=(",", ":"), allow_nan=False)


def finite(value):
    """A copy of ``value`` with every non-finite float as the string the recorder writes."""
    if isinstance(value, float):
        return json_number(value)
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def write_all(source: spans_mod.Source, out: Union[str, "os.PathLike[str]"], stem: str = "trace",
              say: Callable[[str], None] = say_to_stderr,
              formats: Sequence[str] = ("svg", "png")) -> Dict[str, str]:
    """Every rendering of a trace in folder ``out``; returns {kind: path}. The diagrams
    are drawn by ``dot`` in ``formats`` (their .dot source is always written).

    The timelines (Perfetto, speedscope) keep every recorded step; the
    diagrams, the HTML report and the sequence fold identical steps.
    """
    tree, flat = spans_mod.build_both(source)
    os.makedirs(out, exist_ok=True)
    base = os.path.join(out, stem)
    written, problems = {}, []
    paths, problem = dot_mod.save(cd.call_diagram(tree), base + ".calls", formats)
    written.update({f"call_diagram.{k}": v for k, v in paths.items()})
    problems.append(problem)
    models = list(dict.fromkeys(g.args.get("model") for g in tree.graphs))
    for model in models:
        suffix = "" if len(models) == 1 else f".{model}"
        paths, problem = dot_mod.save(
            lg.layer_graph(tree, model=model, show_dtype=True, show_layer_activations=True),
            base + ".layers" + suffix, formats)
        written.update({f"layer_graph{suffix}.{k}": v for k, v in paths.items()})
        problems.append(problem)
    written["sequence"] = write_text(base + ".sequence.mmd", sequence.sequence_diagram(tree))
    written["perfetto"] = write_chrome_trace(base + ".perfetto.json", flat)
    written["speedscope"] = write_speedscope(base + ".speedscope.json", flat)
    written["html"] = write_text(base + ".html", html_mod.html_report(report_source(tree)))
    for problem in dict.fromkeys(p for p in problems if p):
        say(problem)
    return written


def render(source: spans_mod.Source, fmt: str, out: Optional[str] = None,
           stage: Optional[Union[str, Sequence[str]]] = None, depth: Optional[int] = None,
           say: Callable[[str], None] = say_to_stderr) -> str:
    """Write one rendering; ``fmt`` one of :data:`FORMATS`. Returns the path written.

    svg/png/dot draw the call diagram (``stage``/``depth`` filter it). Without
    ``dot`` installed, svg/png write the .dot source and say so; the return
    value is then the .dot path.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: expected one of {', '.join(FORMATS)}.")
    if out is None:
        name = source if isinstance(source, (str, os.PathLike)) else "trace"
        name = os.fspath(name)
        for ending in (".jsonl", ".trace"):
            if name.endswith(ending):
                name = name[: -len(ending)]
        out = name + SUFFIX[fmt]
    if fmt in ("perfetto", "speedscope") and isinstance(source, (str, os.PathLike)):
        return write_streamed(out, source, fmt)   # every step, as the records come
    if fmt == "perfetto":       # the timelines keep every step: the tree unfolded
        return write_chrome_trace(out, spans_mod.build(source, fold=False))
    if fmt == "speedscope":
        return write_speedscope(out, spans_mod.build(source, fold=False))
    if fmt == "html":
        return write_text(out, html_mod.html_report(report_source(source), stage=stage,
                                                    depth=depth))
    tree = spans_mod.build(source)
    if fmt == "mermaid":
        return write_text(out, sequence.sequence_diagram(tree, stage=stage, depth=depth))
    stem = out[: -len("." + fmt)] if out.endswith("." + fmt) else out
    digraph = cd.call_diagram(tree, stage=stage, depth=depth)
    paths, problem = dot_mod.save(digraph, stem, formats=() if fmt == "dot" else (fmt,))
    if problem:
        say(problem)
        return paths["dot"]
    return paths[fmt]
