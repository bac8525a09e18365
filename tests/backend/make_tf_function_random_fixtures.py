"""Write data/tf_function_random.json from real TensorFlow 2.21 (run by hand, never by
tests): the scenarios of ``tf_function_random_scenarios.py``.

    /work/tfvenv/bin/python tests/backend/make_tf_function_random_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402

from tests.backend.tf_function_random_scenarios import CASES  # noqa: E402

if __name__ == "__main__":
    result = {name: run(tf) for name, run in CASES}
    result["_source"] = f"tensorflow {tf.__version__}"
    with open(os.path.join(HERE, "data", "tf_function_random.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
