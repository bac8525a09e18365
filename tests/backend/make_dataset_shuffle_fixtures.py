"""Run the cases of ``dataset_shuffle_scenarios.py`` with real TensorFlow 2.21 / tf_keras 2.21.

Writes ``data/tf_dataset_shuffle.json`` (``{case: {name: list}}``). Run from the
repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_dataset_shuffle_fixtures.py`` (the sparse-input case needs SciPy in
that venv too).
"""
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset_shuffle_scenarios  # the table sits next to this script

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                   "tf_dataset_shuffle.json")


def main():
    assert tf.keras.__name__.startswith("tf_keras"), "run with TF_USE_LEGACY_KERAS=1"
    facts = {"_meta": {"tensorflow": tf.__version__}}
    for name, call in dataset_shuffle_scenarios.CASES:
        facts[name] = call(tf)
    with open(OUT + ".partial", "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(OUT + ".partial", OUT)
    print(f"wrote {len(facts) - 1} cases to {OUT}")


if __name__ == "__main__":
    main()
