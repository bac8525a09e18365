"""Write data/models.json from real tf_keras (run with TF_USE_LEGACY_KERAS=1 and the
tensorflow venv: ``python tests/models/make_fixtures.py``)."""
import json
import os
import sys

import tensorflow as tf
import tf_keras as keras

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests.models import scenarios  # noqa: E402 - after the path is set

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "models.json")

if __name__ == "__main__":
    results = {}
    for name, case in scenarios.CASES.items():
        keras.backend.clear_session()
        results[name] = case(tf, keras)
    with open(OUT, "w") as f:
        json.dump({"source": f"tf_keras {keras.__version__}", "cases": results}, f, indent=1,
                  sort_keys=True)
