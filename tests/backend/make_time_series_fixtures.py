"""Run the table of ``time_series_scenarios.py`` through real TensorFlow 2.21.

Writes ``data/tf_time_series_ops.json`` (one outcome per case: a described result, or
the error's type and message). Run with the TensorFlow venv from the repository root:
``TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_time_series_fixtures.py``.
"""
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests.backend import time_series_scenarios as scenarios  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_time_series_ops.json")


def main():
    fixtures = {name: scenarios.outcome(call, tf) for name, call in scenarios.CASES}
    fixtures["_meta"] = {"tensorflow": tf.__version__}
    lines = [f"{json.dumps(name)}: {json.dumps(value)}" for name, value in sorted(fixtures.items())]
    with open(OUT, "w", encoding="utf-8") as f:   # one case a line
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"wrote {len(fixtures) - 1} cases to {OUT}")


if __name__ == "__main__":
    main()
