"""Write the reference of ``TextVectorization(split=None)`` from real tf_keras 2.21: each
whole string is one token, and the strings keep their shape on the way to the lookup.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_text_unsplit_fixtures.py

For each case (a config) it adapts the layer on ``TEXTS`` (``batch_size=BATCH``) and
records the vocabulary, the idf weights (``tf_idf``), and the output (values, shape,
dtype) or the error (type, message) of each input in ``INPUTS``: a rank-0 string, a
rank-1 batch, a ``(batch, 1)`` column, a ``(2, 2)`` block and a ``(batch, 1, 1)`` array.
It also records a ``shape=(1,)`` string Input model: its output shape and its
``predict`` on the column given as a NumPy ``<U`` array.

Output: ``data/text_unsplit.json``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras
from make_layer_fixtures import jsonable  # this folder: run as a script
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "text_unsplit.json")

TEXTS = ["The cat", "a dog", "the cat", "Dog!", "a dog", "the CAT", "fish", "a dog"]
BATCH = 3
COLUMN = ["the cat", "dog", "zebra", "A dog", ""]
INPUTS = {
    "rank0": "The Cat",
    "rank1": COLUMN,
    "column": [[t] for t in COLUMN],
    "block": [["the cat", "dog"], ["dog", "zebra"]],
    "rank3": [[[t]] for t in COLUMN],
}
CASES = {
    "int": {"split": None},
    "int_length_2": {"split": None, "output_sequence_length": 2},
    "int_length_4": {"split": None, "output_sequence_length": 4},
    "multi_hot": {"split": None, "output_mode": "multi_hot"},
    "count": {"split": None, "output_mode": "count"},
    "tf_idf": {"split": None, "output_mode": "tf_idf"},
    "tf_idf_lower": {"split": None, "output_mode": "tf_idf", "standardize": "lower"},
    "multi_hot_no_standardize": {"split": None, "output_mode": "multi_hot",
                                 "standardize": None, "max_tokens": 4},
}


def outcome(layer, value):
    try:
        out = layer(np.array(value))
    except Exception as exc:  # noqa: BLE001 - the reference records whatever Keras raises
        return {"error": [type(exc).__name__, str(exc)]}
    return {"output": out.numpy().tolist(), "shape": list(out.shape), "dtype": out.dtype.name}


def case(config):
    keras.backend.clear_session()
    layer = layers.TextVectorization(**config)
    layer.adapt(TEXTS, batch_size=BATCH)
    outcomes = {name: outcome(layer, value) for name, value in INPUTS.items()}
    inputs = keras.Input(shape=(1,), dtype="string")
    model = keras.Model(inputs, layer(inputs))
    column = np.array(INPUTS["column"])
    assert column.dtype.kind == "U"
    predicted = model.predict(column, verbose=0)
    weights = (layer._lookup_layer.idf_weights.numpy().tolist()
               if config.get("output_mode") == "tf_idf" else None)
    return {"config": config, "vocabulary": layer.get_vocabulary(), "idf_weights": weights,
            "outcomes": outcomes, "symbolic_shape": list(model.output_shape),
            "predicted": predicted.tolist()}


def main():
    out = {"texts": TEXTS, "batch_size": BATCH, "inputs": INPUTS,
           "cases": {name: case(config) for name, config in CASES.items()},
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(jsonable(out), f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
