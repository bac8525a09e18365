"""Write data/avg_pool.json from TensorFlow 2.21 (run by hand, never by tests).

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_avg_pool_fixtures.py

``tf.nn.avg_pool2d`` and ``tf.nn.avg_pool`` (keras.io's Zero-DCE losses pool with them):
values and input gradients for VALID and SAME windows (SAME averages the places inside the
input only), ksize and strides as one int, one per spatial axis or four, a 1-D pooling
through ``avg_pool``, and the errors for a padding TensorFlow does not know and for
a window along the batch axis.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

CASES = {
    "avg_pool2d_valid": ("avg_pool2d", (2, 6, 7, 3), dict(ksize=2, strides=2, padding="VALID")),
    "avg_pool2d_same": ("avg_pool2d", (2, 5, 7, 3), dict(ksize=3, strides=2, padding="SAME")),
    "avg_pool2d_lists": ("avg_pool2d", (1, 6, 6, 2),
                         dict(ksize=[1, 3, 2, 1], strides=[1, 1, 2, 1], padding="VALID")),
    "avg_pool2d_pair": ("avg_pool2d", (1, 8, 8, 1), dict(ksize=(4, 2), strides=(4, 2),
                                                        padding="VALID")),
    "avg_pool_1d": ("avg_pool", (2, 9, 3), dict(ksize=3, strides=2, padding="SAME")),
}


def error_of(call):
    try:
        call()
    except Exception as exc:
        return [type(exc).__name__, str(exc).split("\n")[0]]
    return None


def facts():
    out = {}
    for name, (function, shape, kwargs) in CASES.items():
        x = tf.Variable(np.cos(np.arange(np.prod(shape), dtype="float32")).reshape(shape))
        with tf.GradientTape() as tape:
            y = getattr(tf.nn, function)(x, **kwargs)
            loss = tf.reduce_sum(y * tf.cos(tf.range(tf.size(y), dtype=tf.float32)
                                            ).__array__().reshape(y.shape))
        out[name] = {"shape": list(shape), "out": y.numpy().tolist(),
                     "grad": tape.gradient(loss, x).numpy().tolist()}
    x = np.zeros((1, 4, 4, 1), "float32")
    out["bad_padding"] = error_of(lambda: tf.nn.avg_pool2d(x, 2, 2, padding="FULL"))
    out["batch_window"] = error_of(lambda: tf.nn.avg_pool2d(x, [2, 2, 2, 1], 1, "VALID"))
    out["_source"] = f"tensorflow {tf.__version__}"
    return out


if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "avg_pool.json"), "w") as f:
        json.dump(facts(), f, indent=1)
        f.write("\n")
