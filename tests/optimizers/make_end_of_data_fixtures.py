"""Write data/tf_keras_end_of_data.json from real tf_keras 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/optimizers/make_end_of_data_fixtures.py

Runs ``end_of_data.run`` for every case, as a traced train function and (for the
filtered dataset with Adam) eagerly, where no call finds the data gone.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402
import tf_keras  # noqa: E402

from tests.optimizers.end_of_data import CASES, EAGER_CASES, run  # noqa: E402

if __name__ == "__main__":
    result = {"_source": f"tf_keras {tf_keras.__version__}"}
    for eager, cases in ((False, CASES), (True, EAGER_CASES)):
        for case in cases:
            tf_keras.backend.clear_session()
            result[f"{case}/{'eager' if eager else 'graph'}"] = run(tf, case, eager)
    with open(os.path.join(HERE, "data", "tf_keras_end_of_data.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
