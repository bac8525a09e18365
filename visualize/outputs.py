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
from typing import Callable, Dict, Optional, Sequence, Union

from tracekeras.tracing.jsonl import atomic_file
from tracekeras.tracing.schema import json_number

from . import calls as cd
from . import chrome, sequence
from . import dot as dot_mod
from . import html as html_mod
from . import model_graph as lg
from . import spans as spans_mod

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
    try:
        text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    except ValueError:
        text = json.dumps(finite(data), separators=(",", ":"), allow_nan=False)
    return write_text(path, text)


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
              say: Callable[[str], None] = say_to_stderr) -> Dict[str, str]:
    """Every rendering of a trace in folder ``out``; returns {kind: path}.

    The timelines (Perfetto, speedscope) keep every recorded step; the
    diagrams, the HTML report and the sequence fold identical steps.
    """
    tree, flat = spans_mod.build_both(source)
    os.makedirs(out, exist_ok=True)
    base = os.path.join(out, stem)
    written, problems = {}, []
    paths, problem = dot_mod.save(cd.call_diagram(tree), base + ".calls")
    written.update({f"call_diagram.{k}": v for k, v in paths.items()})
    problems.append(problem)
    models = list(dict.fromkeys(g.args.get("model") for g in tree.graphs))
    for model in models:
        suffix = "" if len(models) == 1 else f".{model}"
        paths, problem = dot_mod.save(
            lg.layer_graph(tree, model=model, show_dtype=True, show_layer_activations=True),
            base + ".layers" + suffix)
        written.update({f"layer_graph{suffix}.{k}": v for k, v in paths.items()})
        problems.append(problem)
    written["sequence"] = write_text(base + ".sequence.mmd", sequence.sequence_diagram(tree))
    written["perfetto"] = write_json(base + ".perfetto.json", chrome.chrome_trace(flat))
    written["speedscope"] = write_json(base + ".speedscope.json", chrome.speedscope(flat))
    written["html"] = write_text(base + ".html", html_mod.html_report(tree))
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
    tree, flat = spans_mod.build_both(source)
    if out is None:
        name = source if isinstance(source, (str, os.PathLike)) else "trace"
        name = os.fspath(name)
        for ending in (".jsonl", ".trace"):
            if name.endswith(ending):
                name = name[: -len(ending)]
        out = name + SUFFIX[fmt]
    if fmt in ("svg", "png", "dot"):
        stem = out[: -len("." + fmt)] if out.endswith("." + fmt) else out
        digraph = cd.call_diagram(tree, stage=stage, depth=depth)
        paths, problem = dot_mod.save(digraph, stem, formats=() if fmt == "dot" else (fmt,))
        if problem:
            say(problem)
            return paths["dot"]
        return paths[fmt]
    if fmt == "mermaid":
        return write_text(out, sequence.sequence_diagram(tree, stage=stage, depth=depth))
    if fmt == "perfetto":
        return write_json(out, chrome.chrome_trace(flat))
    if fmt == "speedscope":
        return write_json(out, chrome.speedscope(flat))
    return write_text(out, html_mod.html_report(tree, stage=stage, depth=depth))
