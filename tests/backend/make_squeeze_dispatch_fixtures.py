"""Write the reference of ``tf.squeeze`` called on a model's symbolic tensor, from real
tf_keras 2.21 (keras.io's PPO example squeezes its critic's ``(None, 1)`` output so).

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 python tests/backend/make_squeeze_dispatch_fixtures.py

``model()`` is the same functional model in both libraries: two Dense layers of one unit
on a ``(4,)`` input, then ``tf.squeeze(d, axis=1)``, ``tf.squeeze(d2, -1)``,
``tf.squeeze(tf.expand_dims(d, 1), [1, 2])`` and ``keras.backend.squeeze(d, 1)``.
Recorded: the summary, the TFOpLambda layers' configs and inbound nodes (TensorFlow's
``tf.squeeze`` hands its arguments to the v1 op, which is the one that dispatches: the
layers are named ``tf.compat.v1.squeeze``), the outputs' ``str`` and shapes, the initial
weights, the predictions; the eager squeeze of a ``(1, 3, 1)`` array with each axis
spelling, and the error messages of squeezing an axis of size 3 (with and without a
``name``) and an axis out of range (eagerly) and of converting a one-element tensor with
``int()`` and ``float()``.

Output: ``data/squeeze_dispatch.json`` and ``data/squeeze_dispatch.npz``.
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
    d = layers.Dense(1)(inputs)
    d2 = layers.Dense(1)(inputs)
    outputs = [tf.squeeze(d, axis=1), tf.squeeze(d2, -1),
               tf.squeeze(tf.expand_dims(d, 1), [1, 2]), keras.backend.squeeze(d, 1)]
    return keras.Model(inputs, outputs), outputs


def error_of(function):
    try:
        function()
    except Exception as exc:   # the type and message a user sees
        return [type(exc).__name__, str(exc)]
    return None


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(7)
    m, outputs = model()
    x = np.random.default_rng(7).normal(size=(5, 4)).astype("float32")
    arrays = {"x": x}
    for i, w in enumerate(m.get_weights()):
        arrays[f"initial{i}"] = w
    for i, y in enumerate(m.predict(x, verbose=0)):
        arrays[f"prediction{i}"] = y
    lines = []
    m.summary(print_fn=lines.append, line_length=100)
    cube = np.arange(3, dtype="float32").reshape(1, 3, 1)
    eager = {"none": tf.squeeze(cube), "zero": tf.squeeze(cube, 0),
             "list": tf.squeeze(cube, [0, 2]), "negative": tf.squeeze(cube, axis=-1)}
    for name, value in eager.items():
        arrays["eager_" + name] = value.numpy()
    out = {"summary": lines,
           "op_layers": [layer for layer in m.get_config()["layers"]
                         if layer["class_name"] == "TFOpLambda"],
           "outputs": [str(t) for t in outputs],
           "errors": {"size_3": error_of(lambda: tf.squeeze(cube, 1)),
                      "size_3_named": error_of(lambda: tf.squeeze(cube, 1, name="sq")),
                      "out_of_range": error_of(lambda: tf.squeeze(cube, 3)),
                      "int": error_of(lambda: int(tf.constant([3]))),
                      "float": error_of(lambda: float(tf.constant([3.0])))},
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "squeeze_dispatch.npz"), **arrays)
    with open(os.path.join(DATA, "squeeze_dispatch.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, default=list)
        f.write("\n")


if __name__ == "__main__":
    main()
