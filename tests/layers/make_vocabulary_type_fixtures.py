"""What type each entry of ``get_vocabulary()`` has in tf_keras 2.21: the special tokens
(mask, OOV) are the Python values the layer was given, the learned or given tokens come
out of the lookup table as NumPy scalars (``numpy.str_`` for strings, ``numpy.int64`` for
integers), which is what a printed vocabulary list shows.

Run with a Python that has tensorflow-cpu 2.21.0 and tf-keras 2.21.0::

    TF_USE_LEGACY_KERAS=1 python tests/layers/make_vocabulary_type_fixtures.py

Writes ``tests/layers/data/vocabulary_types.json``: for each case, its vocabulary (as
plain JSON values) and the type name of each entry, with and without the special tokens.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "vocabulary_types.json")

TEXTS = ["the cat sat", "the dog sat down", "a cat"]


def cases(layers):
    adapted = layers.StringLookup()
    adapted.adapt([["b", "a", "b"], ["c", "b", "a"]])
    text = layers.TextVectorization(max_tokens=8)
    text.adapt(TEXTS)
    integers = layers.IntegerLookup()
    integers.adapt([[7, 8, 8], [9, 8, 7]])
    return {
        "string_adapted": adapted,
        "string_given": layers.StringLookup(vocabulary=["x", "y"]),
        "string_given_mask": layers.StringLookup(vocabulary=["x", "y"], mask_token="[M]"),
        "string_invert": layers.StringLookup(vocabulary=["x", "y"], invert=True),
        "string_empty": layers.StringLookup(),
        "text_vectorization_adapted": text,
        "integer_adapted": integers,
        "integer_given_mask": layers.IntegerLookup(vocabulary=[5, 3], mask_token=0),
        "integer_invert": layers.IntegerLookup(vocabulary=[5, 3], invert=True),
    }


def plain(value):
    return value.item() if hasattr(value, "item") else value


def describe(layer):
    out = {}
    for special in (True, False):
        vocabulary = layer.get_vocabulary(include_special_tokens=special)
        key = "with_special_tokens" if special else "without_special_tokens"
        out[key] = {"vocabulary": [plain(v) for v in vocabulary],
                    "types": [type(v).__name__ for v in vocabulary]}
    return out


def main():
    import tensorflow as tf
    import tf_keras
    result = {name: describe(layer) for name, layer in cases(tf_keras.layers).items()}
    with open(OUT, "w") as f:
        json.dump({"tensorflow": tf.__version__, "tf_keras": tf_keras.__version__,
                   "cases": result}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
