"""``tf.compat.as_bytes`` / ``as_text`` / ``as_str`` against TensorFlow 2.21's answers
(``data/compat_text.json``, made by ``make_compat_fixtures.py``): results and errors."""
import json
import os

import pytest

from tests.run.make_compat_fixtures import argument, outcome
from tracekeras import compat

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                       "compat_text.json"), encoding="utf-8") as f:
    CASES = json.load(f)["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['function']}-{c['argument']}")
def test_compat_text_helpers_answer_as_tensorflow(case):
    function = getattr(compat, case["function"])
    assert outcome(function, argument(case["argument"]), case["encoding"]) == case["result"]


def test_the_fixture_covers_results_and_errors_of_each_helper():
    kinds = {(c["function"], "error" in c["result"]) for c in CASES}
    assert {("as_bytes", True), ("as_bytes", False), ("as_text", True),
            ("as_text", False)} <= kinds
