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

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "sparse_outputs.json")

VOCAB = ["a", "b", "c", "d"]
ROWS = [["a", "b", "a"], ["q", "d", "q"]]
COLUMN = [["a"], ["q"], ["c"]]
IDF = [0.5, 1.0, 2.0, 3.0]

CASES = {
    "string_one_hot": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"},
                       COLUMN, {}),
    "string_one_hot_rank1": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"},
                             ["a", "q", "c"], {}),
    "string_multi_hot": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot"},
                         ROWS, {}),
    "string_multi_hot_rank1": ("StringLookup", {"vocabulary": VOCAB,
                                                "output_mode": "multi_hot"},
                               ["a", "a", "q"], {}),
    "string_count": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "count"}, ROWS, {}),
    "string_count_rank1": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "count"},
                           ["a", "a", "q"], {}),
    "string_tf_idf": ("StringLookup", {"vocabulary": VOCAB, "idf_weights": IDF,
                                       "output_mode": "tf_idf"}, ROWS, {}),
    "string_tf_idf_rank1": ("StringLookup", {"vocabulary": VOCAB, "idf_weights": IDF,
                                             "output_mode": "tf_idf"}, ["a", "a", "q"], {}),
    "string_mask": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot",
                                     "mask_token": ""}, [["a", "", "q"], ["", "", ""]], {}),
    "string_pad": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "count",
                                    "max_tokens": 8, "pad_to_max_tokens": True}, ROWS, {}),
    "string_adapt_tf_idf": ("StringLookup", {"output_mode": "tf_idf"},
                            [["a", "b", "a"], ["c", "a", "c"], ["e", "b", "b"]], {}),
    "integer_count": ("IntegerLookup", {"vocabulary": [5, 6, 7], "output_mode": "count"},
                      [[5, 5, 9], [7, 0, 6]], {}),
    "integer_multi_hot_two_oov": ("IntegerLookup", {"vocabulary": [5, 6, 7],
                                                    "num_oov_indices": 2,
                                                    "output_mode": "multi_hot"},
                                  [[5, 8, 9], [7, 11, 6]], {}),
    "category_one_hot": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "one_hot"},
                         [[1], [3], [0]], {}),
    "category_multi_hot": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "multi_hot"},
                           [[1, 1, 3], [0, 4, 4]], {}),
    "category_count": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "count"},
                       [[1, 1, 3], [0, 4, 4]], {}),
    "category_count_weights": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "count"},
                               [[1, 1, 3], [0, 4, 2]],
                               {"count_weights": [[0.5, 0.25, 2.0], [1.0, 3.0, 0.0]]}),
    "category_rank1": ("CategoryEncoding", {"num_tokens": 4, "output_mode": "count"},
                       [3, 3, 1], {}),
    "hashing_one_hot": ("Hashing", {"num_bins": 4, "output_mode": "one_hot"},
                        [["a"], ["b"], ["c"]], {}),
    "hashing_multi_hot": ("Hashing", {"num_bins": 4, "output_mode": "multi_hot"},
                          [["a", "b", "a"], ["c", "d", "e"]], {}),
    "hashing_count": ("Hashing", {"num_bins": 4, "output_mode": "count"},
                      [["a", "b", "a"], ["c", "d", "e"]], {}),
    "hashing_count_mask": ("Hashing", {"num_bins": 4, "output_mode": "count",
                                       "mask_value": ""}, [["a", "", "a"], ["", "d", "e"]], {}),
    "discretization_count": ("Discretization", {"bin_boundaries": [0.0, 1.0],
                                                "output_mode": "count"},
                             [[-1.0, 0.5, 0.7], [2.0, 2.0, 2.0]], {}),
    "text_multi_hot": ("TextVectorization", {"vocabulary": ["x", "y"],
                                             "output_mode": "multi_hot"},
                       ["x y y z", "y", ""], {}),
    "text_count": ("TextVectorization", {"vocabulary": ["x", "y"], "output_mode": "count"},
                   ["x y y z", "y", ""], {}),
    "text_tf_idf": ("TextVectorization", {"vocabulary": ["x", "y"], "idf_weights": [1.0, 2.0],
                                          "output_mode": "tf_idf"}, ["x y y z", "y"], {}),
}

INT_MODE = {
    "StringLookup": {}, "IntegerLookup": {}, "TextVectorization": {},
    "Hashing": {"num_bins": 3}, "Discretization": {"bin_boundaries": [0.0]},
}


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
