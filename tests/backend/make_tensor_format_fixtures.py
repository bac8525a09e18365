"""Write data/tf_tensor_format.json from real TensorFlow 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_tensor_format_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402

from tests.backend.tensor_format_cases import cases  # noqa: E402

if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "tf_tensor_format.json"), "w") as f:
        json.dump({"_source": f"tensorflow {tf.__version__}", "formats": cases(tf)}, f,
                  indent=1)
