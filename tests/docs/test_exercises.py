"""Every chapter ends with two or three "predict, then run" exercises whose answers are checked.

A chapter is a page of the index's table. Its last section is
``## Exercises: predict, then run``; each exercise is a bold question followed
by a folded ``<details>`` answer, and each answer holds a doctest (a ``python``
block starting with ``>>>``), which Sybil runs with the chapter (docs/conftest.py).
"""
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(ROOT, "docs")
HEADING = "## Exercises: predict, then run"


def chapters():
    with open(os.path.join(DOCS, "index.md"), encoding="utf-8") as f:
        index = f.read()
    return re.findall(r"^\| \[[^\]]+\]\(([\w-]+)\.md\)", index, flags=re.M)


def test_the_index_lists_every_chapter():
    names = chapters()
    assert len(names) == 15, names
    for new in ("custom-train-step", "cnn-and-rnn", "saving", "skip-connections", "real-keras"):
        assert new in names


@pytest.mark.parametrize("chapter", chapters())
def test_chapter_ends_with_checked_exercises(chapter):
    with open(os.path.join(DOCS, chapter + ".md"), encoding="utf-8") as f:
        text = f.read()
    assert HEADING in text, f"{chapter}.md has no exercises"
    tail = text[text.index(HEADING):]
    assert "\n## " not in tail[len(HEADING):], f"{chapter}.md: exercises not the last section"
    answers = re.findall(r"<details>\n<summary>Answer</summary>\n(.*?)\n</details>", tail,
                         flags=re.S)
    questions = re.findall(r"^\*\*\d\. [^*]+\*\*", tail, flags=re.M)
    assert 2 <= len(answers) <= 3, f"{chapter}.md: {len(answers)} answers"
    assert len(questions) == len(answers), f"{chapter}.md: {len(questions)} questions"
    for number, answer in enumerate(answers, 1):
        assert "```python\n>>> " in answer, f"{chapter}.md, exercise {number}: no doctest"
