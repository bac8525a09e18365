"""Running Graphviz: is the ``dot`` program here, and the one message when it is not.

What it owns: telling the Python package ``graphviz`` (installed with
tracekeras; it only writes DOT text) from the system program ``dot`` (which
draws it, and may be missing). :func:`has_dot` checks the PATH;
:func:`save` always writes the ``.dot`` source and, when ``dot`` runs, the
requested images; :func:`svg_text` gives inline SVG or None. Nothing here
raises for a missing ``dot``: callers report :data:`DOT_MISSING` once and keep
their other outputs.
"""
import html
import os
import shutil

import graphviz

from tracekeras.tracing.validate import visible

# Characters of trace text in one place of a label: dot refuses an HTML-like label
# longer than 16384 characters, and a label is a few such places.
MAX_TEXT = 300

DOT_MISSING = ("the Graphviz `dot` program is not installed (the Python package `graphviz` is; "
               "it only writes .dot text); install the program with `apt-get install graphviz` "
               "(Debian/Ubuntu), `brew install graphviz` (macOS), `conda install graphviz` or "
               "from https://graphviz.org/download/. The .dot sources were written; render them "
               "later with `dot -Tsvg FILE.dot -o FILE.svg`.")


def plain(text):
    """Trace text for a quoted DOT string or comment: one line, backslashes literal.

    graphviz quotes attribute values but leaves backslashes as DOT escapes (a
    name ending in a backslash would swallow the closing quote) and writes a
    ``comment`` as ``// ...`` (a newline would end it): names from a trace pass here,
    with control characters made visible and cut to ``4 * MAX_TEXT`` characters.
    """
    return graphviz.escape(visible(cut(" ".join(str(text).splitlines()), 4 * MAX_TEXT)))


def esc(text, limit=MAX_TEXT):
    """Trace text for an HTML-like label: escaped (quotes too), control characters
    made visible, cut to ``limit`` characters. Every trace value in a label passes here."""
    return html.escape(visible(cut(str(text), limit)), quote=True)


def cut(text, limit):
    return text if len(text) <= limit else text[:limit - 1] + "…"


def has_dot():
    return shutil.which("dot") is not None


def save(digraph, stem, formats=("svg", "png")):
    """Write ``stem.dot`` and, if ``dot`` runs, ``stem.<format>``; return (paths, problem).

    ``problem`` is None, or :data:`DOT_MISSING` when only the source was written.
    """
    folder = os.path.dirname(os.path.abspath(stem))
    os.makedirs(folder, exist_ok=True)
    written = {}
    with open(stem + ".dot", "w", encoding="utf-8") as f:
        f.write(digraph.source)
    written["dot"] = stem + ".dot"
    if not formats:
        return written, None
    if not has_dot():
        return written, DOT_MISSING
    for fmt in formats:
        try:
            data = digraph.pipe(format=fmt)
        except graphviz.ExecutableNotFound:
            return written, DOT_MISSING
        with open(f"{stem}.{fmt}", "wb") as f:
            f.write(data)
        written[fmt] = f"{stem}.{fmt}"
    return written, None


def svg_text(digraph):
    """The SVG markup of a digraph (the XML prologue dropped, for inlining), or None."""
    if not has_dot():
        return None
    try:
        svg = digraph.pipe(format="svg").decode("utf-8")
    except graphviz.ExecutableNotFound:
        return None
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
