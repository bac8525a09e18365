"""Write keras_callbacks_reference.json from real tf_keras 2.21 (run by hand, never by tests).

    /work/scratch/tfvenv/bin/python tests/callbacks/data/make_keras_reference.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import tensorflow as tf  # noqa: E402
from tf_keras.src import callbacks as kc  # noqa: E402
from tf_keras.src.utils import generic_utils  # noqa: E402

from keras_parity_scenarios import run_all  # noqa: E402


def set_clock(fn):
    fake_time = type("FakeTime", (), {"time": staticmethod(fn)})
    generic_utils.time = fake_time
    kc.time = fake_time


result = run_all(kc, lambda v: tf.Variable(v, dtype=tf.float32), set_clock)
result["_source"] = f"tf_keras {__import__('tf_keras').__version__}"
with open(os.path.join(HERE, "keras_callbacks_reference.json"), "w") as f:
    json.dump(result, f, indent=1, sort_keys=True)
