"""Write data/keras_behaviour.json from real tf_keras 2.21 (run by hand, never by tests).

    $TRACEKERAS_KERAS_PYTHON tests/training/make_fixtures.py

It runs every case of ``scenarios.py`` on tf_keras: the eager ones first, then
``disable_eager_execution()`` and the Keras 2.2 loop cases.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402
import tf_keras  # noqa: E402

from tests.training.scenarios import graph_scenarios, outcome, scenarios  # noqa: E402

if __name__ == "__main__":
    result = {}
    for name, fn in scenarios(tf_keras):
        tf_keras.backend.clear_session()
        result[name] = outcome(fn)
    tf.compat.v1.disable_eager_execution()
    for name, fn in graph_scenarios(tf_keras):
        tf_keras.backend.clear_session()
        result[name] = outcome(fn)
    result["_source"] = f"tf_keras {tf_keras.__version__}"
    with open(os.path.join(HERE, "data", "keras_behaviour.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
