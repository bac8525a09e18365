"""Draw the figures of the chapters: ``python docs/make_figures.py [chapter ...]``.

Each chapter has an example script in ``examples/``; this runs it with tracing
on (a fresh session: ``clear_session()``, ``set_random_seed(0)``, eager
execution) and writes, into ``docs/figures/``:

- ``<chapter>.calls.dot`` and ``.svg``: the call diagram
  (:func:`visualize.call_diagram`), filtered by stage/depth so it
  stays readable; further diagrams of the same run as ``<chapter>.<name>.calls.*``;
- ``<chapter>.sequence.mmd``: the Mermaid sequence diagram
  (:func:`visualize.sequence_diagram`), ``.sequence.svg``, the same diagram
  drawn here (:func:`visualize.sequence_svg.sequence_svg`: no Mermaid, no
  browser, no network), and ``.sequence.html``, which the chapters include:
  the same diagram drawn narrow for the page column
  (:func:`visualize.sequence_svg.narrow_sequence_svg`) inline, a click away
  from the full-width file;
- ``<chapter>.layers.dot`` and ``.svg``: the layer graph
  (:func:`visualize.layer_graph`) when the run built a model.

The DOT and Mermaid texts are deterministic: the call diagram prints each
box's time, so :func:`untimed` removes those durations (the renderer has no
switch for it). ``tests/docs/test_figures_fresh.py`` regenerates the texts and
compares them with the committed ones, so a stale figure fails the tests.
SVGs are drawn from the same (untimed) DOT when Graphviz ``dot`` is installed.
"""
import contextlib
import html
import io
import os
import re
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIGURES = os.path.join(HERE, "figures")
EXAMPLES = os.path.join(ROOT, "examples")


def inline(title, **options):
    """Options of a figure narrow enough for the page column (at most ~640 units wide, so
    its 9-point text stays at least 9 px in a 660 px column): no clusters, short lines,
    top to bottom unless said; the chapter shows it and links the wide figure."""
    return dict(dict(group=None, wrap=22, rankdir="TB", title=title), **options)


# chapter -> what to run and what to draw. "calls": {figure name: call_diagram
# options} ("" names the main figure), "sequence": sequence_diagram options
# (None: no sequence diagram), "layers": draw the layer graph(s) of the run. A name
# ending in "inline" is the narrow figure a chapter shows; a click opens the wide one.
CHAPTERS = {
    "getting-started": dict(script="getting_started.py",
                            calls={"": dict(depth=3), "inline": inline(
                                "the fit stage, 3 calls deep", stage="fit", depth=3)},
                            sequence=dict(depth=3), layers=True),
    "compile": dict(script="compile.py", calls={"": dict(stage="compile"), "inline": inline(
                        "the compile stage, 3 calls deep", stage="compile", depth=3,
                        rankdir="LR")},
                    sequence=dict(stage="compile"), layers=False),
    "build": dict(script="build.py", calls={"": dict(stage=["build", "layer", "weights", "graph"]),
                                            "inline": inline("the build stage", stage="build")},
                  sequence=dict(stage=["build", "layer", "weights", "graph"]), layers=True),
    "fit": dict(script="fit.py",
                calls={"": dict(stage=["fit", "data", "callbacks", "function", "step"], depth=6),
                       "train_step": dict(stage=["step", "function", "layer", "build", "loss",
                                                 "metrics", "optimizer", "backend", "weights"],
                                       depth=12),
                       "inline": inline("the fit stage", stage="fit", depth=6),
                       "train_step.inline": inline("stages step and optimizer",
                                                   stage=["step", "optimizer"], depth=12)},
                sequence=dict(stage=["fit", "data", "callbacks", "function", "step"], depth=6),
                layers=True),
    "sequential-vs-functional": dict(
        script="sequential_vs_functional.py",
        calls={"": dict(stage=["step", "function", "layer", "build"], depth=16),
               "inline": inline("the build stage, 9 calls deep", stage="build", depth=9)},
        sequence=dict(stage=["fit", "step", "function", "layer", "build"], depth=14),
        layers=True, level="steps"),  # "steps": the Sequential's first step (its build) is kept
    "callbacks-and-keras22": dict(
        script="callbacks_keras22.py",
        calls={"": dict(stage=["fit", "data", "callbacks", "function", "step"], depth=6),
               "inline": inline("the callbacks stage, 6 calls deep", stage="callbacks",
                                depth=6, rankdir="LR")},
        sequence=dict(stage=["fit", "data", "callbacks", "function", "step"], depth=6),
        layers=False, level="steps"),  # "steps": BaseLogger.on_batch_end is traced there
    "data-adapters": dict(script="data_adapters.py", calls={"": dict(stage="data", depth=6),
                                                            "inline": inline(
                                "the data stage, 4 calls deep", stage="data", depth=4)},
                          sequence=None, layers=False),
    "reading-a-trace": dict(script="reading_a_trace.py", calls={"": dict(depth=4), "inline": inline(
                                "the fit stage, 3 calls deep", stage="fit", depth=3)},
                            sequence=None, layers=True),
    "run-your-script": dict(script="my_keras_script.py", calls={"": dict(depth=3), "inline": inline(
                                "the fit stage, 3 calls deep", stage="fit", depth=3)},
                            sequence=dict(depth=3), layers=True),
}

# The chapters on train_step, CNN and RNN, saving and skip connections, one block.
CHAPTERS.update({
    "custom-train-step": dict(
        script="custom_train_step.py",
        calls={"": dict(stage=["step", "layer", "loss", "metrics", "optimizer", "backend"],
                        depth=8),
               "inline": inline("stages step, loss and metrics", depth=8,
                                stage=["step", "loss", "metrics"])},
        sequence=None, layers=False),
    "cnn-and-rnn": dict(script="cnn_and_rnn.py",
                        calls={"": dict(stage=["build", "layer", "weights"], depth=9),
                               "inline": inline("build, layer and weights, 5 calls deep",
                                                stage=["build", "layer", "weights"], depth=5)},
                        sequence=None, layers=True),
    "saving": dict(script="saving.py",
                   calls={"": dict(stage=["weights", "layer", "build", "compile"], depth=3),
                          "inline": inline("the weights stage, 3 calls deep", stage="weights",
                                           depth=3)},
                   sequence=None, layers=False),
    "skip-connections": dict(script="skip_connections.py", calls={"": dict(stage="graph")},
                             sequence=None, layers=True),
})

TIME = r"\d+(?:\.\d+)? (?:ns|µs|ms|s)"


def untimed(dot_source):
    """The call diagram's DOT text without durations (``× 8, 5.1 ms`` → ``× 8``)."""
    text = re.sub(r"(?:, )?" + TIME + r"(?=</font>)", "", dot_source)
    return text.replace("<br/><font point-size='9'></font>", "")


def no_paths(text):
    """Absolute paths recorded in the trace (a data set's file) cut to ``tracekeras/...``."""
    return re.sub(r"(?:[A-Za-z]:)?(?:[/\\][^/\\\s'\"<>,=]+)+[/\\](tracekeras[/\\])", r"\1", text)


def run_traced(script, level="stages"):
    """Run one example script in a fresh session with tracing on; return the Trace."""
    import tracekeras
    from tracekeras.compat import v1
    v1.enable_eager_execution()
    tracekeras.backend.clear_session()
    tracekeras.utils.set_random_seed(0)
    from tracekeras import (
        shim,  # lets a tf.keras script import tensorflow, as `tracekeras run` does
    )
    with contextlib.redirect_stdout(io.StringIO()), tracekeras.trace(level=level) as t:
        with shim.activated():
            runpy.run_path(os.path.join(EXAMPLES, script), run_name="__main__")
    v1.enable_eager_execution()
    return t


def sequence_html(chapter, text, svg):
    """The sequence diagram drawn for the page column (:func:`visualize.sequence_svg.
    narrow_sequence_svg`, inline), a link around it to the wide drawing ``svg`` (its file)."""
    from visualize import sequence_svg
    name = html.escape(f"{chapter}.sequence.svg", quote=True)
    wide = re.search(r"width='(\d+)'", svg)[1]
    narrow = sequence_svg.narrow_sequence_svg(text)
    return (f'<figure class="tk-sequence-figure">\n<a class="reference internal image-reference" '
            f'href="_static/{name}">\n{narrow}\n</a>\n<figcaption><p>Drawn for the page: one '
            "lifeline per object at the left, under its name; each message an arrow from caller "
            "to callee, numbered in call order, its text at the right of its row; loops for "
            "repeated epochs and steps, notes for the decisions taken. A click opens "
            f'<a href="_static/{name}">the same diagram at full width</a> ({wide} px, each '
            "message's text on its arrow).</p></figcaption>\n</figure>\n")


def sources(chapter, spec=None):
    """{file name: DOT, Mermaid or SVG text} of one chapter's figures."""
    import visualize
    from visualize import sequence_svg
    spec = spec or CHAPTERS[chapter]
    t = run_traced(spec["script"], spec.get("level", "stages"))
    out = {}
    for name, options in spec["calls"].items():
        stem = f"{chapter}.{name}.calls" if name else f"{chapter}.calls"
        out[stem + ".dot"] = no_paths(untimed(visualize.call_diagram(t, **options).source))
    if spec.get("sequence") is not None:
        text = no_paths(str(visualize.sequence_diagram(t, **spec["sequence"])))
        out[f"{chapter}.sequence.mmd"] = text
        svg = sequence_svg.sequence_svg(text)
        out[f"{chapter}.sequence.svg"] = svg + "\n"
        out[f"{chapter}.sequence.html"] = sequence_html(chapter, text, svg)

    if spec.get("layers"):
        models = list(dict.fromkeys(g["args"].get("model") for g in t.graphs()))
        for model in models:
            stem = f"{chapter}.layers" if len(models) == 1 else f"{chapter}.{model}.layers"
            graph = visualize.layer_graph(t, model=model, show_dtype=True,
                                          show_layer_activations=True)
            out[stem + ".dot"] = no_paths(graph.source)
    return out


def write(chapter, folder=FIGURES, svg=True):
    """Write one chapter's figure sources (and SVGs) into ``folder``; return the paths."""
    import graphviz

    from visualize import dot
    os.makedirs(folder, exist_ok=True)
    written = []
    for name, text in sources(chapter).items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
        if svg and name.endswith(".dot") and dot.has_dot():
            image = graphviz.Source(text).pipe(format="svg")
            with open(path[:-4] + ".svg", "wb") as f:
                f.write(image)
            written.append(path[:-4] + ".svg")
    return written


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    unknown = [c for c in argv if c not in CHAPTERS]
    if unknown:
        print(f"unknown chapter(s) {', '.join(unknown)}: expected some of {', '.join(CHAPTERS)}",
              file=sys.stderr)
        return 2
    from visualize import dot
    if not dot.has_dot():
        print(dot.DOT_MISSING, file=sys.stderr)
    for chapter in argv or CHAPTERS:
        for path in write(chapter):
            print(os.path.relpath(path, ROOT))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, ROOT)
    sys.exit(main())
