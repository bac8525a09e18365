"""Write data/tf_shard.json: what real TensorFlow 2.21's ``Dataset.shard`` gives for the cases
of shard_cases.py. Run from the repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/data_adapters/make_shard_fixture.py``."""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import shard_cases  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "tf_shard.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, **shard_cases.facts(tf)}, f, indent=1)
        f.write("\n")
