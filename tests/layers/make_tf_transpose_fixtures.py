"""Writes tests/layers/data/tf_transpose.json with real tf_keras 2.21: ``tf.transpose``,
``K.transpose`` and ``K.permute_dimensions`` of a model's symbolic tensor (TFOpLambda layers
named ``tf.compat.v1.transpose``).

Run with the TensorFlow venv from the repository root:
    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_tf_transpose_fixtures.py

:func:`facts` takes the ``tensorflow`` module (real, or tracekeras's under the shim) and
returns the symbolic shapes, the layers' names, configs and inbound nodes, and the outputs on
``X``; the test runs it under tracekeras and compares.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_transpose.json")
X = np.arange(12, dtype="float32").reshape(2, 2, 3)


def facts(tf):
    keras = tf.keras
    keras.backend.clear_session()
    x = keras.Input((2, 3))
    outputs = [keras.backend.transpose(x), tf.transpose(x, perm=[0, 2, 1]),
               keras.backend.permute_dimensions(x, (0, 2, 1)), tf.transpose(x, [1, 0, 2])]
    model = keras.Model(x, outputs)
    layers = json.loads(json.dumps(model.get_config()["layers"][1:]))
    return {"shapes": [list(o.shape) for o in outputs],
            "layers": [{k: layer[k] for k in ("class_name", "name", "config", "inbound_nodes")}
                       for layer in layers],
            "outputs": [np.asarray(o).tolist() for o in model(X)]}


if __name__ == "__main__":
    import tensorflow as tf
    with open(OUT, "w") as f:
        json.dump({"source": f"TensorFlow {tf.__version__}", "facts": facts(tf)}, f, indent=1)
