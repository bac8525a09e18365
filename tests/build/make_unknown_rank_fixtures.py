"""Write what real tf_keras 2.21 does with a Sequential model without an input shape first
called on a scalar, and with inputs of unknown rank (the cases of
``unknown_rank_cases.py``), into ``tests/build/data/unknown_rank.json``.

Run with the reference venv from the repository root:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/build/make_unknown_rank_fixtures.py

It records each case's outputs, whether the model made a graph or gave up on it, the
reprs of its inputs and outputs and its summary lines, and the error type and message of
the mistakes.
"""
import json
import os
import sys

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.build.unknown_rank_cases import CASES, error_of, mistakes  # noqa: E402


def main():
    assert tf.keras.__name__.startswith("tf_keras"), "set TF_USE_LEGACY_KERAS=1"
    facts = {"cases": {}, "errors": {}}
    for name, case in CASES.items():
        tf.keras.backend.clear_session()
        facts["cases"][name] = case(tf)
    for name, fn in mistakes(tf).items():
        tf.keras.backend.clear_session()
        facts["errors"][name] = error_of(fn)
    path = os.path.join(HERE, "data", "unknown_rank.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
