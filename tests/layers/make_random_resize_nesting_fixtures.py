"""RandomWidth and RandomHeight inside other models: facts from real tf_keras 2.21, for
``test_random_resize_nesting.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 python tests/layers/make_random_resize_nesting_fixtures.py

Runs ``random_resize_nesting_cases`` on TensorFlow and writes
``data/random_resize_nesting.json`` (symbolic shapes, the encoder's summary, what the
nested calls and fits did).
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import random_resize_nesting_cases as cases  # noqa: E402


def main():
    facts = {"symbolic_shapes": cases.symbolic_shapes(tf), "summary": cases.summary(tf),
             "nested_calls": cases.nested_calls(tf)}
    with open(os.path.join(HERE, "data", "random_resize_nesting.json"), "w") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
