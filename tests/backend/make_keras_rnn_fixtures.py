"""tf_keras 2.21's ``keras.backend.rnn`` for ``keras_rnn_cases.py``: each case's three
results (dtype, shape, values), each gradient of the input kernel, each error's type and
message.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/backend/make_keras_rnn_fixtures.py

Output: ``data/keras_rnn.json``.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf
import tf_keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from keras_rnn_cases import CASES, ERRORS, GRADIENTS, W_IN  # noqa: E402


def described(value):
    if isinstance(value, (list, tuple)):
        return [described(v) for v in value]
    array = np.asarray(value)
    return {"dtype": array.dtype.name, "shape": list(array.shape), "values": array.tolist()}


def main():
    K = tf_keras.backend
    cases = {name: described(case(K)) for name, case in CASES.items()}
    gradients = {}
    for name, case in GRADIENTS.items():
        v = tf.Variable(W_IN)
        with tf.GradientTape() as tape:
            total = tf.reduce_sum(case(K, v))
        gradients[name] = described(tape.gradient(total, v))
    errors = {}
    for name, case in ERRORS.items():
        try:
            case(K)
            errors[name] = None
        except Exception as e:  # noqa: BLE001 - the error is the fact
            errors[name] = {"type": type(e).__name__, "message": str(e)}
    out = os.path.join(HERE, "data", "keras_rnn.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"tf_keras": tf_keras.__version__, "cases": cases, "gradients": gradients,
                   "errors": errors}, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
