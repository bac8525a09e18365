"""What the application tests share: the facts tf_keras 2.21 gave (``data/<family>.json``,
written by ``make_model_fixtures.py``) and the comparison of ``summary()``'s rows."""
import json
import os
import re

DATA = os.path.join(os.path.dirname(__file__), "data")
ADDRESS = re.compile(r" at 0x[0-9a-f]+")   # an object's address in a message


def keras_facts(name):
    """``data/<name>.json``: tf_keras's summaries, numbers and errors."""
    with open(os.path.join(DATA, name + ".json")) as f:
        return json.load(f)


def assert_summary_matches(mine, theirs):
    """Our summary (made JSON-like, tuples as lists) equals tf_keras's: the layer names in
    order first, then row by row (a failure names the first row that differs), then whole."""
    mine = json.loads(json.dumps(mine))
    assert [row[0] for row in mine["layers"]] == [row[0] for row in theirs["layers"]]
    for my_row, row in zip(mine["layers"], theirs["layers"]):
        assert my_row == row
    assert mine == theirs
