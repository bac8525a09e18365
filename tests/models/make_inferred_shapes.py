"""Write data/inferred_shapes.json from real tf_keras: the shape a Sequential without an
input shape is built for (``scenarios.inferred_shapes``). Run with the tensorflow venv:
``TF_USE_LEGACY_KERAS=1 python tests/models/make_inferred_shapes.py``."""
import json
import os
import sys

import tensorflow as tf
import tf_keras as keras

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests.models import scenarios  # noqa: E402 - after the path is set

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "inferred_shapes.json")

if __name__ == "__main__":
    shapes = scenarios.inferred_shapes(tf, keras)
    with open(OUT, "w") as f:
        json.dump({"source": f"tf_keras {keras.__version__}", "shapes": shapes}, f, indent=1)
        f.write("\n")
