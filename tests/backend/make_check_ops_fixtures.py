"""Run ``check_ops_cases.CASES`` through real TensorFlow and write data/tf_check_ops.json:
each case's return value or error type and message. Run from the repository root with
the TensorFlow venv: ``TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python
tests/backend/make_check_ops_fixtures.py``."""
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_ops_cases  # noqa: E402 - the cases sit next to this script

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

if __name__ == "__main__":
    fixtures = {name: check_ops_cases.outcome(case, tf)
                for name, case in check_ops_cases.CASES.items()}
    with open(os.path.join(DATA, "tf_check_ops.json"), "w") as handle:
        json.dump(fixtures, handle, indent=1, sort_keys=True)
        handle.write("\n")
