"""The committed figure sources in docs/figures/ are what docs/make_figures.py draws today.

Regenerates the DOT and Mermaid texts of every chapter from its example
script and compares them, as text, with the committed files (never the SVG
bytes, which depend on the Graphviz version). A difference means a figure is
stale: run ``python docs/make_figures.py`` and commit docs/figures/.
"""
import difflib
import html
import importlib.util
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIGURES = os.path.join(ROOT, "docs", "figures")


def load_make_figures():
    spec = importlib.util.spec_from_file_location(
        "make_figures", os.path.join(ROOT, "docs", "make_figures.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_figures = load_make_figures()


@pytest.mark.parametrize("chapter", sorted(make_figures.CHAPTERS))
def test_figure_sources_are_fresh(chapter):
    fresh = make_figures.sources(chapter)
    assert fresh, f"{chapter}: make_figures drew nothing"
    for name, text in fresh.items():
        path = os.path.join(FIGURES, name)
        assert os.path.exists(path), f"{name} is not committed: run python docs/make_figures.py"
        with open(path, encoding="utf-8") as f:
            committed = f.read()
        if committed != text:
            diff = "".join(list(difflib.unified_diff(
                committed.splitlines(True), text.splitlines(True), "committed", "fresh"))[:40])
            pytest.fail(f"docs/figures/{name} is stale: run python docs/make_figures.py\n{diff}")


def test_figure_texts_have_no_timings_or_paths():
    for name in os.listdir(FIGURES):
        if name.endswith((".dot", ".mmd")):
            with open(os.path.join(FIGURES, name), encoding="utf-8") as f:
                text = f.read()
            assert ROOT not in text and "/tmp/" not in text, name
            assert not make_figures.re.search(make_figures.TIME + "</font>", text), name


def test_untimed_removes_durations():
    row = "<font point-size='9'>× 8, 5.1 ms</font>"
    assert make_figures.untimed(row) == "<font point-size='9'>× 8</font>"
    assert make_figures.untimed("<b>x</b><br/><font point-size='9'>812 ns</font>") == "<b>x</b>"


def test_narrow_figures_cut_their_small_lines_between_names():
    """The figures a chapter shows inline are drawn with ``wrap=22``: no small line longer
    than 22 characters, cut after a dot, a slash, a comma or a space, not inside a name."""
    from visualize.calls import cut
    assert cut("keras.engine.data_adapter", 22) == ["keras.engine.", "data_adapter"]
    assert cut('"rmsprop" → keras.optimizers.rmsprop.RMSprop', 22) == [
        '"rmsprop" → keras.', "optimizers.rmsprop.", "RMSprop"]
    assert cut("x" * 30, 22) == ["x" * 22, "x" * 8]
    narrow = [n for n in os.listdir(FIGURES) if n.endswith(".inline.calls.dot")]
    assert len(narrow) >= 12, narrow
    for name in narrow:
        with open(os.path.join(FIGURES, name), encoding="utf-8") as f:
            rows = re.findall(r"<font point-size='9'[^>]*>([^<]*)</font>", f.read())
        rows = [html.unescape(r) for r in rows]
        assert rows and max(len(r) for r in rows) <= 22, (name, max(rows, key=len))
