"""Write what real tf_keras 2.21 does with ``Model(inputs, outputs)`` given intermediate
inputs (the cases of ``intermediate_input_cases.py``) into
``tests/build/data/intermediate_inputs.json``.

Run with the reference venv from the repository root:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/build/make_intermediate_input_fixtures.py

It records the layers, input and output shapes and predictions of a sub-model cut from a
chain and of a model with one intermediate input beside an ``Input``, how many nodes each
layer then has, and the error type and message of an unreachable and an unvisited input.
"""
import json
import os
import sys

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.build.intermediate_input_cases import CASES, error_of, mistakes  # noqa: E402


def main():
    assert tf.keras.__name__.startswith("tf_keras"), "set TF_USE_LEGACY_KERAS=1"
    facts = {"cases": {}, "errors": {}}
    for name, case in CASES.items():
        tf.keras.backend.clear_session()
        facts["cases"][name] = case(tf)
    for name, fn in mistakes(tf).items():
        tf.keras.backend.clear_session()
        facts["errors"][name] = error_of(fn)
    path = os.path.join(HERE, "data", "intermediate_inputs.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
