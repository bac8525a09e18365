"""Write data/tf_sub_pixel.npz and data/tf_sub_pixel.json from real TensorFlow 2.21 and
tf_keras 2.21: the cases of sub_pixel_scenarios.py. Run from the repository root with the
TensorFlow venv: ``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_sub_pixel_fixtures.py``."""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sub_pixel_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    np.savez(os.path.join(HERE, "data", "tf_sub_pixel.npz"), **sub_pixel_scenarios.arrays(tf))
    with open(os.path.join(HERE, "data", "tf_sub_pixel.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "errors": sub_pixel_scenarios.errors(tf),
                   "model": sub_pixel_scenarios.model_facts(tf)}, f, indent=1, sort_keys=True)
        f.write("\n")
