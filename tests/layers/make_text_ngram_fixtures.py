"""Write the reference of TextVectorization's ``ngrams`` and of a single string's output,
from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_text_ngram_fixtures.py

For each case (a TextVectorization config) it adapts the layer on ``TEXTS`` and
records the vocabulary, the output on a batch of ``QUERIES`` and on each query alone
(a rank-0 string), the output of a ``(batch, 1)`` string Input model, and the config.
It also records the errors of bad ``ngrams`` arguments.

Output: ``data/text_ngrams.json``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras
from make_layer_fixtures import jsonable  # this folder: run as a script
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "text_ngrams.json")

TEXTS = ["The cat sat on the mat.", "The dog ate my homework!", "the cat sat",
         "Cats and dogs: the best of friends?", "A cat, a dog, a mat", "", "the cat",
         "dog dog dog ate"]
QUERIES = ["the cat sat on a dog", "unknown the cat", "dog", "", "a cat a cat a"]
CASES = {
    "int_bigrams": {"ngrams": 2},
    "int_bigrams_length": {"ngrams": 2, "output_sequence_length": 7},
    "multi_hot_bigrams": {"ngrams": 2, "max_tokens": 20, "output_mode": "multi_hot"},
    "count_bigrams": {"ngrams": 2, "max_tokens": 20, "output_mode": "count"},
    "tf_idf_bigrams": {"ngrams": 2, "max_tokens": 20, "output_mode": "tf_idf"},
    "only_bigrams_and_trigrams": {"ngrams": (2, 3), "output_mode": "multi_hot"},
    "trigrams_then_unigrams": {"ngrams": (3, 1)},
    "character_bigrams": {"ngrams": 2, "split": "character", "max_tokens": 15},
    "unigrams_int": {},
    "unigrams_length": {"output_sequence_length": 4},
    "unigrams_multi_hot": {"output_mode": "multi_hot"},
    "unigrams_tf_idf": {"output_mode": "tf_idf"},
}
ERRORS = {
    "ngrams_string": {"ngrams": "2"},
    "ngrams_list": {"ngrams": [1, 2]},
    "ngrams_tuple_of_floats": {"ngrams": (1, 2.0)},
}


def case(config):
    keras.backend.clear_session()
    layer = layers.TextVectorization(**config)
    layer.adapt(TEXTS, batch_size=3)
    batch = layer(np.array(QUERIES))
    alone = [layer(query) for query in QUERIES]
    inputs = keras.Input(shape=(1,), dtype="string")
    model = keras.Model(inputs, layer(inputs))
    column = model.predict(np.array(QUERIES).reshape(-1, 1), verbose=0)
    return {"config": config, "vocabulary": layer.get_vocabulary(),
            "output": batch.numpy().tolist(), "dtype": batch.dtype.name,
            "alone": [a.numpy().tolist() for a in alone],
            "alone_shapes": [list(a.shape) for a in alone],
            "symbolic_shape": list(model.output_shape),
            "column": column.tolist(), "keras_config": jsonable(layer.get_config())}


def error_of(config):
    try:
        layers.TextVectorization(**config)
    except Exception as exc:  # noqa: BLE001 - the reference records whatever Keras raises
        return [type(exc).__name__, str(exc)]
    return None


def main():
    out = {"texts": TEXTS, "queries": QUERIES,
           "cases": {name: case(config) for name, config in CASES.items()},
           "errors": {name: [config, error_of(config)] for name, config in ERRORS.items()},
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    with open(OUT, "w") as f:
        json.dump(jsonable(out), f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
