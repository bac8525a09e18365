"""Write data/keras_callbacks_reference.json from real tf_keras 2.21 (run by hand, never by tests).

    $TRACEKERAS_KERAS_PYTHON tests/callbacks/make_fixtures.py

It runs ``scenarios.run_all`` on tf_keras's callbacks with a fake clock.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tensorflow as tf  # noqa: E402
import tf_keras  # noqa: E402
from tf_keras.src import callbacks as kc  # noqa: E402
from tf_keras.src.utils import generic_utils  # noqa: E402

from tests.callbacks.scenarios import run_all  # noqa: E402


def set_clock(fn):
    fake_time = type("FakeTime", (), {"time": staticmethod(fn)})
    generic_utils.time = fake_time
    kc.time = fake_time


if __name__ == "__main__":
    result = run_all(kc, lambda v: tf.Variable(v, dtype=tf.float32), set_clock)
    result["_source"] = f"tf_keras {tf_keras.__version__}"
    with open(os.path.join(HERE, "data", "keras_callbacks_reference.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
