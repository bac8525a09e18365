"""Write what real tf_keras 2.21 hands on from the categorical layers with ``sparse=True``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_sparse_output_fixtures.py

For each case of ``CASES`` (a layer class, its config, a query, call keyword arguments)
it records the ``tf.SparseTensor`` the layer returns (indices, values, dense shape,
dtype); the error each layer raises for ``sparse=True`` with ``output_mode="int"``; a
Dense layer (known kernel and bias) called on a sparse output; and a functional model
``Input(string) -> StringLookup(count, sparse) -> Dense`` : the text of its symbolic
sparse tensor and the losses and weights of a short unshuffled fit from known weights.

Output: ``data/sparse_outputs.json``.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "sparse_outputs.json")
sys.path.insert(0, HERE)
from sparse_output_cases import CASES, INT_MODE, ROWS, VOCAB  # noqa: E402


def sparse_record(out):
    assert isinstance(out, tf.SparseTensor), type(out)
    return {"indices": out.indices.numpy().tolist(), "values": out.values.numpy().tolist(),
            "dense_shape": out.dense_shape.numpy().tolist(), "dtype": out.dtype.name}


def run_case(class_name, config, query, call_kwargs):
    layer = getattr(layers, class_name)(sparse=True, **config)
    if class_name == "StringLookup" and "vocabulary" not in config:
        layer.adapt(tf.constant(query))
    kwargs = {k: tf.constant(v) for k, v in call_kwargs.items()}
    record = sparse_record(layer(tf.constant(query), **kwargs))
    record["config_sparse"] = layer.get_config()["sparse"]
    return record


def int_mode_errors():
    out = {}
    for class_name, config in INT_MODE.items():
        try:
            getattr(layers, class_name)(sparse=True, output_mode="int", **config)
        except Exception as exc:   # the error is the fact recorded
            out[class_name] = [type(exc).__name__, str(exc)]
    return out


def dense_on_sparse():
    lookup = layers.StringLookup(vocabulary=VOCAB, output_mode="count", sparse=True)
    dense = layers.Dense(3)
    kernel = np.arange(15, dtype="float32").reshape(5, 3) / 7.0 - 1.0
    bias = np.array([0.5, -0.25, 1.0], "float32")
    dense.build((None, 5))
    dense.set_weights([kernel, bias])
    out = dense(lookup(tf.constant(ROWS)))
    return {"kernel": kernel.tolist(), "bias": bias.tolist(), "output": out.numpy().tolist()}


def model_fit():
    keras.backend.clear_session()   # the lookup is named "string_lookup"
    inputs = keras.Input(shape=(3,), dtype="string")
    encoded = layers.StringLookup(vocabulary=VOCAB, output_mode="count", sparse=True)(inputs)
    outputs = layers.Dense(1)(encoded)
    model = keras.Model(inputs, outputs)
    kernel = np.array([[0.1], [-0.2], [0.3], [0.05], [-0.4]], "float32")
    model.layers[-1].set_weights([kernel, np.zeros(1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    x = tf.constant([["a", "b", "a"], ["q", "d", "q"], ["c", "c", "b"], ["d", "a", "z"]])
    y = np.array([[1.0], [0.0], [2.0], [0.5]], "float32")
    history = model.fit(x, y, epochs=3, batch_size=2, shuffle=False, verbose=0)
    return {"symbolic": str(encoded), "symbolic_repr": repr(encoded),
            "kernel": kernel.tolist(), "x": x.numpy().astype(str).tolist(), "y": y.tolist(),
            "loss": history.history["loss"],
            "weights": [w.tolist() for w in model.get_weights()],
            "predict": model.predict(x, verbose=0).tolist()}


def main():
    facts = {"keras_version": keras.__version__,
             "cases": {name: run_case(*case) for name, case in CASES.items()},
             "int_mode_errors": int_mode_errors(),
             "dense": dense_on_sparse(),
             "model": model_fit()}
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
