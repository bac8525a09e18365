"""A ``.keras`` file of a model with adapted lookup layers, written by real tf_keras 2.21, and
its predictions, for ``test_lookup_saving.py`` (tracekeras must read the vocabularies from
the archive's ``assets/<path>/vocabulary.txt``, where Keras's ``save_assets`` puts them).

Run with the TensorFlow venv::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_lookup_saving_files.py

Writes into ``tests/layers/data/``: ``tf_lookup_model.keras`` and ``tf_lookup_model.json``
(the adapt data and queries, the predictions, each lookup layer's vocabulary, and the
archive's member names).
"""
import json
import os
import zipfile

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
COLORS = ["red", "blue", "red", "green", "blue", "red", "teal", "gold"]
SIZES = [3, 1, 4, 1, 5, 9, 2, 6]
TEXTS = ["the cat sat", "a dog ran", "the dog sat down", "cats and dogs", "a cat", "ran and sat",
         "the end", "down we go"]


def model_inputs():
    """The columns the model takes (shape (8, 1) each), and a query batch."""
    train = {"color": np.array(COLORS).reshape(-1, 1), "size": np.array(SIZES).reshape(-1, 1),
             "text": np.array(TEXTS).reshape(-1, 1)}
    query = {"color": np.array([["red"], ["pink"], ["teal"]]),
             "size": np.array([[1], [7], [9]]),
             "text": np.array([["the cat ran"], ["zebra"], ["and we sat"]])}
    return train, query


def build(train):
    keras.utils.set_random_seed(3)
    color = keras.Input(shape=(1,), name="color", dtype="string")
    size = keras.Input(shape=(1,), name="size", dtype="int64")
    text = keras.Input(shape=(1,), name="text", dtype="string")
    color_lookup = layers.StringLookup(output_mode="one_hot", name="color_lookup")
    color_lookup.adapt(train["color"])
    size_lookup = layers.IntegerLookup(output_mode="multi_hot", name="size_lookup")
    size_lookup.adapt(train["size"])
    vectorize = layers.TextVectorization(output_mode="count", name="vectorize")
    vectorize.adapt(train["text"].reshape(-1))
    features = layers.concatenate([color_lookup(color), size_lookup(size), vectorize(text)])
    output = layers.Dense(1, activation="sigmoid", name="out")(features)
    return keras.Model([color, size, text], output), [color_lookup, size_lookup, vectorize]


def main():
    train, query = model_inputs()
    model, lookups = build(train)
    path = os.path.join(HERE, "tf_lookup_model.keras")
    model.save(path)
    with zipfile.ZipFile(path) as zf:
        members = sorted(zf.namelist())
    pred = model.predict([query["color"], query["size"], query["text"]], verbose=0)
    out = {"train": {k: v.tolist() for k, v in train.items()},
           "query": {k: v.tolist() for k, v in query.items()},
           "prediction": pred.tolist(), "members": members,
           "vocabularies": {layer.name: [int(t) if isinstance(t, np.integer) else str(t)
                                         for t in layer.get_vocabulary()]
                            for layer in lookups},
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    with open(os.path.join(HERE, "tf_lookup_model.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(members)


if __name__ == "__main__":
    main()
