"""Write data/softmax_matmul_dispatch.json from real tf_keras 2.21 (run by hand, never by
tests).

    TF_USE_LEGACY_KERAS=1 python tests/layers/make_softmax_matmul_dispatch_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402
import tf_keras  # noqa: E402

from tests.layers.softmax_matmul_dispatch_cases import facts  # noqa: E402

if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "softmax_matmul_dispatch.json"), "w") as f:
        json.dump({**facts(tf_keras, tf), "_source": f"tf_keras {tf_keras.__version__}"}, f,
                  indent=1)
        f.write("\n")
