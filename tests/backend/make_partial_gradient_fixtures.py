"""Write data/tf_partial_gradients.json from real TensorFlow 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_partial_gradient_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402

from tests.backend.partial_gradient_scenarios import cases  # noqa: E402

if __name__ == "__main__":
    result = {"_source": f"tensorflow {tf.__version__}", **cases(tf)}
    with open(os.path.join(HERE, "data", "tf_partial_gradients.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
