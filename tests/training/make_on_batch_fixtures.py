"""Write data/on_batch_metrics.json from real tf_keras 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/training/make_on_batch_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.training.on_batch_scenarios import cases  # noqa: E402

if __name__ == "__main__":
    result = {"cases": cases(tf_keras), "_source": f"tf_keras {tf_keras.__version__}"}
    with open(os.path.join(HERE, "data", "on_batch_metrics.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
