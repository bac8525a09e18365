"""Write data/tf_signal.npz and data/tf_signal.json from real TensorFlow 2.21: the cases of
signal_scenarios.py (``tf.signal`` and ``tf.audio``). Run from the repository root with the
TensorFlow venv: ``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_signal_fixtures.py``."""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import signal_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    arrays = {**signal_scenarios.signal_arrays(tf), **signal_scenarios.audio_arrays(tf)}
    np.savez_compressed(os.path.join(HERE, "data", "tf_signal.npz"), **arrays)
    with open(os.path.join(HERE, "data", "tf_signal.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "errors": signal_scenarios.errors(tf)}, f,
                  indent=1, sort_keys=True)
        f.write("\n")
