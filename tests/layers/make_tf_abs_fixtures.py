"""Writes tests/layers/data/tf_abs.json with real tf_keras 2.21: ``tf.abs`` of a model's
symbolic tensor (a ``TFOpLambda`` layer) and ``add_loss`` of such a tensor.

Run with the TensorFlow venv from the repository root:
    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_tf_abs_fixtures.py

:func:`facts` takes the ``tensorflow`` module (real, or tracekeras's under the shim) and
returns the layer's class, name and config, the model's predictions on ``X``, and, for a
model with ``add_loss(tf.abs(tf.reduce_mean(hidden)))``, its number of losses and their
values after a call on ``X``; the test runs it under tracekeras and compares.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_abs.json")
X = np.array([[0.5, -1.0, 2.0], [-3.0, 0.25, 1.0]], np.float32)


def facts(tf):
    tf.keras.backend.clear_session()
    inputs = tf.keras.Input(shape=(3,))
    hidden = tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(
        [[1.0, -1.0], [2.0, 0.5], [-1.0, 1.0]]))(inputs)
    model = tf.keras.Model(inputs, tf.abs(hidden))
    layer = model.layers[-1]
    config = layer.get_config()
    with_loss = tf.keras.Model(inputs, hidden)
    before = len(with_loss.losses)
    with_loss.add_loss(tf.abs(tf.reduce_mean(hidden)))
    with_loss(X)
    nodes = json.loads(json.dumps(model.get_config()["layers"][-1]["inbound_nodes"]))
    return {"class": type(layer).__name__, "name": layer.name, "inbound_nodes": nodes,
            "config": {k: config[k] for k in ("name", "function", "trainable", "dtype")},
            "predictions": np.asarray(model(X)).tolist(),
            "losses_before": before, "losses_after": len(with_loss.losses),
            "loss_values": [float(np.asarray(v)) for v in with_loss.losses]}


if __name__ == "__main__":
    import tensorflow as tf
    with open(OUT, "w") as f:
        json.dump({"source": f"TensorFlow {tf.__version__}", "facts": facts(tf)}, f, indent=1)
