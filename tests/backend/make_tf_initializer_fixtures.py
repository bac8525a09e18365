"""Write data/tf_initializers.json from real TensorFlow 2.21 / tf_keras 2.21:
``tf.zeros_initializer``, ``tf.ones_initializer`` and ``tf.constant_initializer``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_tf_initializer_fixtures.py

:func:`results` takes the ``tensorflow`` module (real, or tracekeras's under the shim) and
returns values, dtypes, configs, a Dense layer's weights made with them, and the errors of
bad arguments; the test runs it under tracekeras and compares.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_initializers.json")


def outcome(fn):
    try:
        value = fn()
    except Exception as e:  # noqa: BLE001 - the error is the recorded result
        return {"error": type(e).__name__, "message": str(e).split("\n")[0]}
    return {"value": np.asarray(value).tolist(), "dtype": value.dtype.name}


def results(tf):
    c, z, o = tf.constant_initializer, tf.zeros_initializer, tf.ones_initializer
    dense = tf.keras.layers.Dense(2, kernel_initializer=c([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
                                  bias_initializer=tf.ones_initializer())
    dense.build((None, 3))
    return {
        "constant_float": outcome(lambda: c(1.5)((2, 3))),
        "constant_int": outcome(lambda: c(7)((2,))),
        "constant_list": outcome(lambda: c([1, 2, 3, 4])((2, 2), dtype="float32")),
        "constant_array64": outcome(lambda: c(np.arange(6.0))((3, 2), dtype="float64")),
        "zeros": outcome(lambda: z()((2, 2))),
        "zeros_int": outcome(lambda: z()((3,), dtype="int32")),
        "ones": outcome(lambda: o()((1, 3))),
        "ones_partition": outcome(lambda: o()((4,), partition_shape=(2,),
                                              partition_offset=(0,))),
        "config": c([1, 2]).get_config(),
        "dense_weights": [w.tolist() for w in dense.get_weights()],
        "bad_value_type": outcome(lambda: c({"a": 1})),
        "unknown_keyword": outcome(lambda: z()((2,), seed=3)),
        "constant_partition": outcome(lambda: c(1.0)((2,), partition_shape=(1,))),
    }


if __name__ == "__main__":
    import tensorflow as tf
    with open(OUT, "w") as f:
        json.dump({"source": f"TensorFlow {tf.__version__}", "cases": results(tf)}, f, indent=1)
