"""Write ``data/sample_weight_warning.json`` from tf_keras 2.21: the ``evaluate()``
sample-weight warnings of ``sample_weight_warning_cases``. Run with the TensorFlow venv
from the repository root::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python \
        tests/training/make_sample_weight_warning_fixtures.py
"""
import json
import os
import sys

import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sample_weight_warning_cases as cases  # noqa: E402

if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "sample_weight_warning.json"), "w") as f:
        json.dump(cases.warnings_of(tf, keras), f, indent=1, sort_keys=True)
        f.write("\n")
