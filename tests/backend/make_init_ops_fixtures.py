"""Record what TensorFlow 2.21 does for ``init_ops_cases.CASES`` into
``data/tf_init_ops.json``. Run from the repository root with the TensorFlow venv::

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_init_ops_fixtures.py
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import init_ops_cases as cases  # noqa: E402 - the table sits next to this script

OUT = os.path.join(HERE, "data", "tf_init_ops.json")


def main():
    results = {case.__name__: cases.recorded(tf, case) for case in cases.CASES}
    with open(OUT, "w") as f:
        json.dump({"results": results, "tensorflow": tf.__version__}, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
