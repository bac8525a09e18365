"""Run the segment reductions of ``segment_scenarios.py`` through real TensorFlow.

Writes ``data/tf_segment_ops.json`` (one described outcome per case: outputs and
gradients, or the error's class and message). Run with the TensorFlow venv from the
repository root: ``/work/tfvenv/bin/python tests/backend/make_segment_fixtures.py``.
"""
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segment_scenarios  # the table sits next to this script

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_segment_ops.json")


def main():
    fixtures = {name: segment_scenarios.describe(call, tf)
                for name, call in segment_scenarios.CASES}
    fixtures["_meta"] = {"tensorflow": tf.__version__}
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=0, sort_keys=True)
    print(f"wrote {len(fixtures) - 1} cases to {OUT}")


if __name__ == "__main__":
    main()
