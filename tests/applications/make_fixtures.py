"""Write data/applications.json from real tf_keras 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/applications/make_fixtures.py

Nothing here downloads: every case either builds a model with ``weights=None`` or fails
on its arguments before a weights file is asked for.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.applications.scenarios import (  # noqa: E402
    describe,
    errors,
    models,
    preprocessed,
)

if __name__ == "__main__":
    built, warned = models(tf_keras)
    result = {"models": {name: describe(model) for name, model in built.items()},
              "errors": errors(tf_keras), "warnings": warned,
              "preprocess": preprocessed(tf_keras),
              "_source": f"tf_keras {tf_keras.__version__}"}
    with open(os.path.join(HERE, "data", "applications.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
