"""Write data/compat_v1_initializers.json from real TensorFlow (tf_keras 2.21):
``tf.compat.v1.keras.initializers.RandomNormal``, ``RandomUniform``, ``TruncatedNormal``
and their aliases. Run with the tensorflow venv:
``TF_USE_LEGACY_KERAS=1 python tests/run/make_compat_v1_initializer_fixtures.py``.

:func:`draws` takes the ``tensorflow`` module (real, or tracekeras's under the shim) and
returns what the initializers give: two calls of each seeded instance (a new draw each
time), a float64 call, an integer uniform, configs, and the refusal of an integer dtype by
the normal ones. The test runs it under tracekeras and compares.
"""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                   "compat_v1_initializers.json")


def draws(tf):
    init = tf.compat.v1.keras.initializers
    out = {}
    for name, kwargs in (("RandomNormal", {"seed": 4}), ("RandomUniform", {"seed": 4}),
                         ("TruncatedNormal", {"seed": 4}),
                         ("random_normal", {"mean": 1.0, "stddev": 2.0, "seed": 9}),
                         ("uniform", {"minval": -3.0, "maxval": 1.0, "seed": 9}),
                         ("truncated_normal", {"stddev": 0.5, "seed": 9})):
        initializer = getattr(init, name)(**kwargs)
        first = initializer(shape=(3, 4))
        second = initializer((3, 4))
        wide = initializer((5,), dtype="float64")
        out[name] = {"first": first.numpy().tolist(), "second": second.numpy().tolist(),
                     "float64": wide.numpy().tolist(), "dtypes": [first.dtype.name,
                                                                  wide.dtype.name],
                     "config": initializer.get_config(),
                     "class": type(initializer).__name__}
    integers = init.RandomUniform(minval=0, maxval=7, seed=5, dtype="int32")((6,))
    out["int_uniform"] = {"values": integers.numpy().tolist(), "dtype": integers.dtype.name}
    try:
        init.TruncatedNormal(dtype="int32")
    except ValueError as e:
        out["int_normal_error"] = str(e)
    return out


if __name__ == "__main__":
    import tensorflow as tf
    with open(OUT, "w") as f:
        json.dump({"source": f"TensorFlow {tf.__version__}", "cases": draws(tf)}, f, indent=1)
