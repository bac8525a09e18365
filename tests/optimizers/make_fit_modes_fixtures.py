"""Write data/tf_keras_fit_modes.json from real tf_keras 2.21 (run by hand, never by tests).

    $TRACEKERAS_KERAS_PYTHON tests/optimizers/make_fit_modes_fixtures.py

Runs ``fit_modes.run`` for every optimizer with ``run_eagerly`` False and True.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.optimizers.fit_modes import OPTIMIZERS, run  # noqa: E402

if __name__ == "__main__":
    result = {"_source": f"tf_keras {tf_keras.__version__}"}
    for name in OPTIMIZERS:
        for eager in (False, True):
            tf_keras.backend.clear_session()
            result[f"{name}/{'eager' if eager else 'graph'}"] = run(tf_keras, name, eager)
    with open(os.path.join(HERE, "data", "tf_keras_fit_modes.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
