"""The chapters' outputs are compared character for character, and their call trees are
drawn with guides, so a call nested under the wrong caller fails its doctest.

With NORMALIZE_WHITESPACE a tree drawn by indentation alone would pass however it
nests (runs of spaces compare equal to one space); drawn with ``├──``/``│``/``└──``
its shape is part of the text.
"""
import doctest
import glob
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(ROOT, "docs")
# a line of doctest output indented by spaces alone, then a dotted (Keras) name
INDENTED_NAME = re.compile(r"^ {2,}[A-Za-z_][\w<>]*(\.[\w<>]+)+")


def expected_outputs(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for block in re.findall(r"```python\n(.*?)```", text, flags=re.S):
        for example in doctest.DocTestParser().get_examples(block):
            yield example.want


def test_doctests_compare_whitespace():
    with open(os.path.join(DOCS, "conftest.py"), encoding="utf-8") as f:
        conftest = f.read()
    assert re.search(r"^FLAGS = doctest\.ELLIPSIS$", conftest, flags=re.M), \
        "docs/conftest.py: doctests are checked with ELLIPSIS only"
    for path in glob.glob(os.path.join(DOCS, "*.md")):
        with open(path, encoding="utf-8") as f:
            assert "NORMALIZE_WHITESPACE" not in f.read(), os.path.basename(path)


@pytest.mark.parametrize("chapter", sorted(
    os.path.basename(p)[:-3] for p in glob.glob(os.path.join(DOCS, "*.md"))
    if os.path.basename(p) != "README.md"))
def test_trees_are_drawn_with_guides(chapter):
    indented = [line for want in expected_outputs(os.path.join(DOCS, chapter + ".md"))
                for line in want.splitlines() if INDENTED_NAME.match(line)]
    assert indented == [], f"{chapter}.md draws a tree by indentation: {indented[:3]}"


def test_the_check_sees_an_indented_tree():
    want = "training.Model.fit\n  training.Model._assert_compile_was_called\n"
    assert [line for line in want.splitlines() if INDENTED_NAME.match(line)] == [
        "  training.Model._assert_compile_was_called"]
    guided = "training.Model.fit\n└── training.Model._assert_compile_was_called\n"
    assert not any(INDENTED_NAME.match(line) for line in guided.splitlines())
