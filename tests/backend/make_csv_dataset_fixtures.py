"""Write data/tf_csv_dataset.json from real TensorFlow 2.21: the cases of
csv_dataset_scenarios.py. Run from the repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_csv_dataset_fixtures.py``."""
import json
import os
import sys
import tempfile

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import csv_dataset_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        facts = {"_meta": {"tensorflow": tf.__version__},
                 **csv_dataset_scenarios.cases(tf, folder)}
    with open(os.path.join(HERE, "data", "tf_csv_dataset.json"), "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")
