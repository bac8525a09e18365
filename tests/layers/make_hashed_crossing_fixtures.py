"""Write what real tf_keras 2.21 gives for the ``HashedCrossing`` and ``Identity`` cases of
``hashed_crossing_cases.py`` into ``tests/layers/data/hashed_crossing.json``.

Run with the reference venv from the repository root:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_hashed_crossing_fixtures.py

It records the crossed bins of integers and strings (negative, int32, empty, non-ASCII and
longer than 64 bytes; two and three inputs; scalars, batches and batches of one column)
in int and one_hot modes, the symbolic output shapes and dtypes, the config, the error
type and message of each refused call, and what ``Identity`` hands on.
"""
import json
import os
import sys

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.layers.hashed_crossing_cases import (  # noqa: E402
    CASES,
    error_of,
    identity,
    mistakes,
    run_case,
    symbolic,
)


def main():
    assert tf.keras.__name__.startswith("tf_keras"), "set TF_USE_LEGACY_KERAS=1"
    facts = {"cases": {name: run_case(tf, name) for name in CASES}, "symbolic": symbolic(tf),
             "errors": {name: error_of(fn) for name, fn in mistakes(tf).items()},
             "identity": identity(tf)}
    path = os.path.join(HERE, "data", "hashed_crossing.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
