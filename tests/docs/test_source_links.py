"""Each chapter's "Read the source" table is what docs/make_source_links.py writes today.

The table pairs every traced Keras function a chapter names with its place in
tf_keras 2.21 (file:line, from tracekeras/conformance/keras_sources.json) and in
tracekeras (file and qualified name). A stale table (a chapter newly names a
function, or keras_sources.json moved a line) fails here: run
``python docs/make_source_links.py`` and commit the chapters.
"""
import importlib.util
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(ROOT, "docs")
spec = importlib.util.spec_from_file_location("make_source_links",
                                              os.path.join(DOCS, "make_source_links.py"))
make_source_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_source_links)
TRACED = make_source_links.traced_functions()


@pytest.mark.parametrize("chapter", make_source_links.chapters())
def test_source_table_is_fresh(chapter):
    with open(os.path.join(DOCS, chapter + ".md"), encoding="utf-8") as f:
        text = f.read()
    assert make_source_links.with_table(text, TRACED) == text, (
        f"docs/{chapter}.md: the source table is stale; run python docs/make_source_links.py")


def test_tables_name_real_places_and_no_links():
    with open(os.path.join(DOCS, "fit.md"), encoding="utf-8") as f:
        text = f.read()
    table = text[text.index(make_source_links.BEGIN):text.index(make_source_links.END)]
    assert "| `training.Model.fit` | tf_keras/src/engine/training.py:" in table
    assert "| tracekeras/engine/training.py, Model.fit |" in table
    assert "http" not in table
    for row in table.splitlines():
        if row.startswith("| `"):
            ours = row.split("|")[3].strip().split(",")[0]
            assert os.path.exists(os.path.join(ROOT, ours)), row


def test_one_word_spans_name_nothing():
    names = ["keras.engine.training.Model.fit", "keras.engine.functional._build_map",
             "keras.engine.functional._build_map_helper"]
    assert make_source_links.named_in("`fit` then `Model.fit` and `_build_map`", names) == [
        "keras.engine.training.Model.fit", "keras.engine.functional._build_map"]
