"""Write data/tf_stateful_random.npz from real
TensorFlow 2.21: the draws of stateful_random_scenarios.py. Run from the repository root
with the TensorFlow venv: ``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_stateful_random_fixtures.py``."""
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import stateful_random_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    np.savez(os.path.join(HERE, "data", "tf_stateful_random.npz"),
             **stateful_random_scenarios.arrays(tf))
