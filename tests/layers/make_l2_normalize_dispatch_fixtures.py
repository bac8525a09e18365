"""Write the reference of ``tf.nn.l2_normalize`` and ``tf.math.l2_normalize`` called on a
model's symbolic tensor (a TFOpLambda layer made by op dispatch, as keras.io's metric
learning example writes its embedding model), from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 python tests/layers/make_l2_normalize_dispatch_fixtures.py

``model()`` is the same functional model in both libraries: a Dense of 3 units, then
``tf.nn.l2_normalize(x, axis=-1)`` on one branch and ``tf.math.l2_normalize(x, axis=0,
epsilon=0.5)`` on another. Recorded: the summary, the TFOpLambda layers' configs and
inbound nodes, the initial weights, the predictions (one row of zeros among them), and
the eager results of both spellings on a small array (axis None, a tuple of axes); and
the summary and op layers of ``backend_model()``, which normalises with
``keras.backend.l2_normalize`` and ``tf.linalg.l2_normalize``.

Output: ``data/l2_normalize_dispatch.json`` and ``data/l2_normalize_dispatch.npz``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


def model():
    inputs = keras.Input(shape=(4,))
    x = layers.Dense(3)(inputs)
    unit = tf.nn.l2_normalize(x, axis=-1)
    columns = tf.math.l2_normalize(x, axis=0, epsilon=0.5)
    return keras.Model(inputs, [unit, columns])


def backend_model():
    """``keras.backend.l2_normalize`` and ``tf.linalg.l2_normalize`` of a symbolic tensor."""
    inputs = keras.Input(shape=(4,))
    x = layers.Dense(3)(inputs)
    return keras.Model(inputs, [keras.backend.l2_normalize(x, axis=1),
                                tf.linalg.l2_normalize(x, axis=-1)])


def data():
    x = np.random.default_rng(6).normal(size=(5, 4)).astype("float32")
    x[2] = 0.0
    return x


def summary_lines(m):
    lines = []
    m.summary(print_fn=lines.append, line_length=100)
    return lines


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(6)
    m = model()
    x = data()
    arrays = {"x": x}
    for i, w in enumerate(m.get_weights()):
        arrays[f"initial{i}"] = w
    arrays["unit"], arrays["columns"] = m.predict(x, verbose=0)
    eager = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0]], dtype="float32")
    arrays["eager"] = eager
    arrays["eager_all"] = tf.nn.l2_normalize(eager).numpy()
    arrays["eager_rows"] = tf.math.l2_normalize(eager, axis=1).numpy()
    arrays["eager_tuple"] = tf.math.l2_normalize(eager, axis=(0, 1), epsilon=100.0).numpy()
    config = m.get_config()
    ops = [layer for layer in config["layers"] if layer["class_name"] == "TFOpLambda"]
    keras.backend.clear_session()
    b = backend_model()
    out = {"summary": summary_lines(m), "op_layers": ops,
           "backend_summary": summary_lines(b),
           "backend_op_layers": [layer for layer in b.get_config()["layers"]
                                 if layer["class_name"] == "TFOpLambda"],
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "l2_normalize_dispatch.npz"), **arrays)
    with open(os.path.join(DATA, "l2_normalize_dispatch.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, default=list)
        f.write("\n")


if __name__ == "__main__":
    main()
