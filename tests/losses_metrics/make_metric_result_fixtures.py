"""Write data/metric_results.json from real tf_keras 2.21: the values of
``metric_result_scenarios.py``. Run by hand with the tf_keras venv, never by the tests:

    TF_USE_LEGACY_KERAS=1 $TRACEKERAS_KERAS_PYTHON \
        tests/losses_metrics/make_metric_result_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.losses_metrics.metric_result_scenarios import CASES  # noqa: E402

if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "metric_results.json"), "w") as f:
        json.dump({"source": f"tf_keras {tf_keras.__version__}",
                   "results": {name: case(tf_keras) for name, case in CASES.items()}},
                  f, indent=1)
        f.write("\n")
