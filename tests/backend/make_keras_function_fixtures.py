"""Write ``data/keras_functions.json``: real tf_keras 2.21's ``keras.backend`` functions on
the cases of ``keras_function_cases.py`` (each value's dtype and numbers, or the error, and
the gradients of ``GRADIENTS`` taken with ``tf.GradientTape``), and the names of
``keras.backend``'s public callables.

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_keras_function_fixtures.py

Run by hand, never by the tests.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from keras_function_cases import CASES, ERRORS, GRADIENTS, M  # noqa: E402


def described(value):
    """A value as JSON: a structure of values, a string or number, or an array's dtype and
    numbers."""
    if isinstance(value, (list, tuple)):
        return [described(v) for v in value]
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    array = np.asarray(value)
    return {"dtype": array.dtype.name, "shape": list(array.shape),
            "values": array.astype("float64").tolist() if array.dtype != bool
            else array.tolist()}


def main():
    K = keras.backend
    out = {"cases": {}, "errors": {}, "callables": sorted(
        name for name in dir(K) if not name.startswith("_") and callable(getattr(K, name)))}
    for name, case in CASES.items():
        out["cases"][name] = described(case(K))
    for name, case in ERRORS.items():
        try:
            case(K)
        except Exception as exc:   # the error is the fact recorded
            out["errors"][name] = [type(exc).__name__, str(exc)]
        else:
            out["errors"][name] = None
    out["gradients"] = {}
    for name, case in GRADIENTS.items():
        v = tf.Variable(M)
        with tf.GradientTape() as tape:
            total = tf.reduce_sum(case(K, v))
        out["gradients"][name] = described(tf.convert_to_tensor(tape.gradient(total, v)))
    with open(os.path.join(HERE, "data", "keras_functions.json"), "w",
              encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
