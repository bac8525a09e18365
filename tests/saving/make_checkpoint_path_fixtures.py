"""Write data/checkpoint_paths.json from real tf_keras 2.21: the cases of
checkpoint_path_scenarios.py. Run from the repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/saving/make_checkpoint_path_fixtures.py``."""
import json
import os
import sys
import tempfile

import tensorflow as tf
import tf_keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import checkpoint_path_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        outcomes = checkpoint_path_scenarios.outcomes(tf_keras, folder)
    with tempfile.TemporaryDirectory() as folder:
        latest = checkpoint_path_scenarios.latest_after_saves(
            tf_keras, tf.train.latest_checkpoint, folder)
    with open(os.path.join(HERE, "data", "checkpoint_paths.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "tf_keras": tf_keras.__version__,
                   "outcomes": outcomes, "latest_after_saves": latest}, f, indent=1, sort_keys=True)
        f.write("\n")
