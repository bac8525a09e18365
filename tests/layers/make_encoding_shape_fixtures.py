"""Write data/encoding_shapes.json from real tf_keras 2.21: the shapes and ``adapt`` results
of ``encoding_shape_scenarios.py``. Run by hand with the tf_keras venv, never by the tests:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_encoding_shape_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.layers.encoding_shape_scenarios import adapt_results, shapes  # noqa: E402

if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "encoding_shapes.json"), "w") as f:
        json.dump({"source": f"tf_keras {tf_keras.__version__}", "shapes": shapes(tf_keras),
                   "adapt": adapt_results(tf_keras)}, f, indent=1)
        f.write("\n")
