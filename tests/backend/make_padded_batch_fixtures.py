"""Write data/tf_padded_batch.json from real TensorFlow 2.21: the cases of
padded_batch_scenarios.py. Run from the repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_padded_batch_fixtures.py``."""
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import padded_batch_scenarios  # noqa: E402 - the cases sit next to this script

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_padded_batch.json")

if __name__ == "__main__":
    facts = {"_meta": {"tensorflow": tf.__version__}, **padded_batch_scenarios.cases(tf)}
    with open(OUT, "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")
