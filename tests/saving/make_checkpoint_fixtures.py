"""Run the ``tf.train.Checkpoint`` steps of ``checkpoint_scenarios.py`` on real TensorFlow.

Writes ``data/tf_checkpoint.json`` (each step's outcome, encoded by
``tests/backend/tf_cases.py``). Run from the repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/saving/make_checkpoint_fixtures.py``.
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.backend import tf_cases  # noqa: E402 - after the path is set
from tests.saving import checkpoint_scenarios  # noqa: E402

OUT = os.path.join(HERE, "data", "tf_checkpoint.json")


def main():
    tf.get_logger().setLevel("ERROR")
    with tf_cases.inside_new_folder():
        fixtures = {name: tf_cases.outcome(call)
                    for name, call, _ in checkpoint_scenarios.STEPS(tf)}
    fixtures["_meta"] = {"tensorflow": tf.__version__}
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=0, sort_keys=True)
    print(f"wrote {len(fixtures) - 1} steps to {OUT}")


if __name__ == "__main__":
    main()
