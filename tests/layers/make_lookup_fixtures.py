"""Write the reference results of the categorical preprocessing layers from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_lookup_fixtures.py

For each case in ``CASES`` (a layer class, its config, what ``adapt`` sees if anything,
and queries) it records the vocabulary (with and without the special tokens), the
vocabulary size, each query's output and dtype, and ``get_config()``; for
``Discretization`` the learned bin boundaries. It records the type and message of the
common mistakes of ``lookup_errors.py``, and the buckets of
``tf.strings.to_hash_bucket_fast`` and ``to_hash_bucket_strong`` for strings of every
length class FarmHash and SipHash treat apart.

Output: ``data/lookup_layers.json``. Strings (bytes in TensorFlow) are written as text.
"""
import json
import os
import sys
import tempfile

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lookup_errors  # noqa: E402 - the mistakes, shared with the tests

OUT = os.path.join(HERE, "data", "lookup_layers.json")

WORDS = ["b", "a", "c", "a", "d", "b", "a", "e", "c", "b", "ba", "\u00e9t\u00e9", "Z", "zz"]
WORD_ROWS = [["a", "b", "a"], ["c", "a", "d"], ["e", "b", "b"], ["a", "zz", "Z"]]
IDF_ROWS = [["a", "b", "a"], ["c", "a", "c"], ["e", "b", "b"], ["zz", "zz", "Z"]]   # Keras
# stacks each row's unique tokens: every row needs as many
QUERIES = [["a", "b", "q"], ["", "[UNK]", "zz"]]
QUERY_COLUMN = [["a"], ["q"], ["c"], [""]]
INTS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 0, -2]
INT_QUERIES = [[1, 3, 42], [0, -1, 9]]
INT_COLUMN = [[5], [42], [0], [3]]
VOCAB = ["a", "b", "c", "d"]

CASES = {
    # StringLookup: adapt, ties and order, max_tokens, masks, OOV buckets, modes
    "string_adapt": ("StringLookup", {}, WORDS, QUERIES),
    "string_adapt_rows": ("StringLookup", {}, WORD_ROWS, QUERIES),
    "string_adapt_dataset": ("StringLookup", {}, "dataset:WORDS", QUERIES),
    "string_max_tokens": ("StringLookup", {"max_tokens": 4}, WORDS, QUERIES),
    "string_mask": ("StringLookup", {"mask_token": ""}, WORDS, QUERIES),
    "string_mask_max_tokens": ("StringLookup", {"mask_token": "", "max_tokens": 4}, WORDS,
                               QUERIES),
    "string_two_oov": ("StringLookup", {"num_oov_indices": 2}, WORDS,
                       [["a", "q", "r"], ["s", "t", "u"], ["vv", "www", "x"]]),
    "string_five_oov_mask": ("StringLookup", {"num_oov_indices": 5, "mask_token": "[M]"},
                             WORDS, [["a", "q", "r"], ["[M]", "t", "u"]]),
    "string_no_oov": ("StringLookup", {"num_oov_indices": 0}, WORDS, [["a", "b", "zz"]]),
    "string_oov_token": ("StringLookup", {"oov_token": "?"}, WORDS, QUERIES),
    "string_vocab": ("StringLookup", {"vocabulary": VOCAB}, None, QUERIES),
    "string_vocab_with_specials": ("StringLookup", {"vocabulary": ["", "[UNK]", "a", "b"],
                                                    "mask_token": ""}, None, QUERIES),
    "string_vocab_mask": ("StringLookup", {"vocabulary": VOCAB, "mask_token": ""}, None,
                          QUERIES),
    "string_vocab_file": ("StringLookup", {"vocabulary": "file:VOCAB"}, None, QUERIES),
    "string_invert": ("StringLookup", {"vocabulary": VOCAB, "invert": True}, None,
                      [[0, 1, 2], [4, 5, 9]]),
    "string_invert_mask": ("StringLookup", {"vocabulary": VOCAB, "invert": True,
                                            "mask_token": ""}, None, [[0, 1, 2], [4, 5, 9]]),
    "string_invert_adapt": ("StringLookup", {"invert": True}, WORDS, [[0, 1, 2, 3, 4, 50]]),
    "string_one_hot": ("StringLookup", {"output_mode": "one_hot"}, WORDS, QUERY_COLUMN),
    "string_one_hot_rank1": ("StringLookup", {"output_mode": "one_hot"}, WORDS,
                             ["a", "q", "c"]),
    "string_multi_hot": ("StringLookup", {"output_mode": "multi_hot"}, WORDS, QUERIES),
    "string_multi_hot_rank1": ("StringLookup", {"output_mode": "multi_hot"}, WORDS,
                               ["a", "a", "q"]),
    "string_multi_hot_mask": ("StringLookup", {"output_mode": "multi_hot", "mask_token": ""},
                              WORDS, QUERIES),
    "string_count": ("StringLookup", {"output_mode": "count"}, WORDS,
                     [["a", "a", "q"], ["q", "q", "b"]]),
    "string_count_pad": ("StringLookup", {"output_mode": "count", "max_tokens": 10,
                                          "pad_to_max_tokens": True}, WORDS, QUERIES),
    "string_binary_alias": ("StringLookup", {"output_mode": "binary"}, WORDS, QUERIES),
    "string_tf_idf": ("StringLookup", {"output_mode": "tf_idf"}, IDF_ROWS,
                      [["a", "a", "q"], ["zz", "b", "e"]]),
    "string_tf_idf_vocab": ("StringLookup", {"output_mode": "tf_idf", "vocabulary": VOCAB,
                                             "idf_weights": [0.5, 1.0, 1.5, 2.0]}, None,
                            [["a", "a", "q"], ["d", "b", "c"]]),
    # IntegerLookup
    "int_adapt": ("IntegerLookup", {}, INTS, INT_QUERIES),
    "int_adapt_dataset": ("IntegerLookup", {}, "dataset:INTS", INT_QUERIES),
    "int_max_tokens_mask": ("IntegerLookup", {"max_tokens": 5, "mask_token": 0}, INTS,
                            INT_QUERIES),
    "int_three_oov": ("IntegerLookup", {"num_oov_indices": 3}, INTS,
                      [[11, 12, 13], [-7, 100, 3]]),
    "int_vocab": ("IntegerLookup", {"vocabulary": [12, 36, 1138, 42]}, None,
                  [[12, 1138, 42], [42, 1000, 36]]),
    "int_invert": ("IntegerLookup", {"vocabulary": [12, 36, 1138, 42], "invert": True}, None,
                   [[1, 3, 4], [4, 0, 2]]),
    "int_invert_mask": ("IntegerLookup", {"vocabulary": [12, 36, 1138, 42], "invert": True,
                                          "mask_token": 0}, None, [[1, 3, 4], [4, 0, 9]]),
    "int_one_hot": ("IntegerLookup", {"output_mode": "one_hot"}, INTS, INT_COLUMN),
    "int_multi_hot": ("IntegerLookup", {"output_mode": "multi_hot", "mask_token": 0}, INTS,
                      INT_QUERIES),
    "int_count": ("IntegerLookup", {"output_mode": "count"}, INTS, INT_QUERIES),
    "int_oov_token": ("IntegerLookup", {"oov_token": -7, "invert": True,
                                        "vocabulary": [5, 6]}, None, [[1, 2, 3]]),
    # CategoryEncoding
    "category_multi_hot": ("CategoryEncoding", {"num_tokens": 5}, None, [[0, 1, 1], [3, 4, 0]]),
    "category_one_hot": ("CategoryEncoding", {"num_tokens": 4, "output_mode": "one_hot"}, None,
                         [3, 2, 0, 1]),
    "category_one_hot_column": ("CategoryEncoding", {"num_tokens": 4, "output_mode": "one_hot"},
                                None, [[3], [2]]),
    "category_count": ("CategoryEncoding", {"num_tokens": 4, "output_mode": "count"}, None,
                       [[0, 1, 1], [3, 3, 3]]),
    "category_count_weights": ("CategoryEncoding", {"num_tokens": 4, "output_mode": "count"},
                               None, [[0, 1, 1], [3, 3, 0]],
                               {"count_weights": [[0.5, 1.0, 2.0], [0.25, 0.25, 3.0]]}),
    "category_rank1_multi_hot": ("CategoryEncoding", {"num_tokens": 6}, None, [5, 0, 5]),
    "category_binary_alias": ("CategoryEncoding", {"num_tokens": 3, "output_mode": "binary"},
                              None, [[0, 2]]),
    # Hashing
    "hashing_strings": ("Hashing", {"num_bins": 3}, None, [["A"], ["B"], ["C"], ["D"], ["E"]]),
    "hashing_many_bins": ("Hashing", {"num_bins": 1000}, None,
                          [["apple", "banana"], ["a rather long string of text over 64 bytes "
                                                 "in length, to reach the loop", ""]]),
    "hashing_ints": ("Hashing", {"num_bins": 7}, None, [[0, 1, 2], [-3, 12345678901, 42]]),
    "hashing_mask": ("Hashing", {"num_bins": 4, "mask_value": ""}, None,
                     [["A"], [""], ["C"], ["D"], ["E"]]),
    "hashing_mask_int": ("Hashing", {"num_bins": 5, "mask_value": 0}, None, [[0, 1, 2, 3]]),
    "hashing_salt": ("Hashing", {"num_bins": 3, "salt": 133}, None,
                     [["A"], ["B"], ["C"], ["D"], ["E"]]),
    "hashing_salt_pair": ("Hashing", {"num_bins": 11, "salt": [1, 2 ** 40 + 7]}, None,
                          [["A", "B"], ["caf\u00e9", "x" * 70]]),
    "hashing_one_hot": ("Hashing", {"num_bins": 4, "output_mode": "one_hot"}, None,
                        ["A", "B", "C"]),
    "hashing_multi_hot": ("Hashing", {"num_bins": 5, "output_mode": "multi_hot"}, None,
                          [["A", "B"], ["C", "C"]]),
    "hashing_count": ("Hashing", {"num_bins": 5, "output_mode": "count"}, None,
                      [["A", "B", "A"], ["C", "C", "D"]]),
    # Discretization
    "discretization_boundaries": ("Discretization", {"bin_boundaries": [0.0, 1.0, 2.0]}, None,
                                  [[-1.5, 0.0, 0.5], [1.0, 2.0, 9.0]]),
    "discretization_one_hot": ("Discretization", {"bin_boundaries": [0.0, 1.0],
                                                  "output_mode": "one_hot"}, None,
                               [-1.0, 0.5, 3.0]),
    "discretization_multi_hot": ("Discretization", {"bin_boundaries": [0.0, 1.0],
                                                    "output_mode": "multi_hot"}, None,
                                 [[-1.0, 0.5], [3.0, 3.0]]),
    "discretization_count": ("Discretization", {"bin_boundaries": [0.0, 1.0],
                                                "output_mode": "count"}, None,
                             [[-1.0, 0.5], [3.0, 3.0]]),
    "discretization_adapt": ("Discretization", {"num_bins": 4}, "floats:500", [[-1.0, -0.3],
                                                                               [0.0, 0.7]]),
    "discretization_adapt_ties": ("Discretization", {"num_bins": 5, "epsilon": 0.05},
                                  "floats_ties:300", [[-1.0, -0.3], [0.0, 0.7]]),
    "discretization_adapt_small": ("Discretization", {"num_bins": 3}, [[1.0], [2.0], [3.0],
                                                                       [4.0], [5.0], [6.0]],
                                   [[0.5], [2.5], [6.5]]),
    "discretization_adapt_dataset": ("Discretization", {"num_bins": 3, "epsilon": 0.02},
                                     "dataset:FLOATS", [[0.1, 0.4, 0.9]]),
    "discretization_int_input": ("Discretization", {"bin_boundaries": [0.5, 2.5]}, None,
                                 [[0, 1, 2, 3]]),
}

def plain(value):
    """JSON-safe: bytes as text, NumPy numbers as Python numbers."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


def floats(spec):
    """Seeded data named by the cases: ``floats:N`` normal draws, ``floats_ties:N`` the same
    rounded to one decimal (many ties), ``FLOATS`` 200 uniform draws."""
    kind, _, size = spec.partition(":")
    rng = np.random.RandomState(7)
    if kind == "FLOATS":
        return rng.uniform(size=(200, 1)).astype("float32").tolist()
    values = rng.normal(size=(int(size), 2)).astype("float32")
    if kind == "floats_ties":
        values = np.round(values, 1)
    return values.tolist()


def adapt_data(data):
    if isinstance(data, str) and data.startswith("dataset:"):
        name = data.split(":")[1]
        values = {"WORDS": WORDS, "INTS": INTS}.get(name) or floats(name)
        return tf.data.Dataset.from_tensor_slices(values).batch(4)
    if isinstance(data, str) and data.startswith("floats"):
        return np.array(floats(data), "float32")
    return data


def run_case(class_name, config, data, queries, root, call_kwargs=None):
    keras.backend.clear_session()
    made = dict(config)
    if made.get("vocabulary") == "file:VOCAB":
        path = os.path.join(root, "vocab.txt")
        with open(path, "w") as f:
            f.write("\n".join(VOCAB) + "\n")
        made["vocabulary"] = path
    layer = getattr(layers, class_name)(**made)
    if data is not None:
        layer.adapt(adapt_data(data), batch_size=None if isinstance(data, str)
                    and data.startswith("dataset:") else 5)
    out = layer(tf.constant(queries), **{k: tf.constant(v)
                                         for k, v in (call_kwargs or {}).items()})
    result = {"class_name": class_name, "config": config, "adapt": data, "queries": queries,
              "output": plain(out.numpy()), "dtype": out.dtype.name,
              "shape": list(out.shape)}
    if hasattr(layer, "get_vocabulary"):
        result.update({
            "vocabulary": plain(layer.get_vocabulary()),
            "vocabulary_plain": plain(layer.get_vocabulary(include_special_tokens=False)),
            "vocabulary_size": int(layer.vocabulary_size())})
    if hasattr(layer, "bin_boundaries") and class_name == "Discretization":
        result["bin_boundaries"] = plain(layer.bin_boundaries)
    keras_config = plain(layer.get_config())
    if isinstance(made.get("vocabulary"), str):
        keras_config["vocabulary"] = "file:VOCAB"
    result["keras_config"] = keras_config
    return result


def error_of(fn):
    keras.backend.clear_session()
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the reference records whatever Keras raises
        message = getattr(exc, "message", None) or str(exc)
        return [type(exc).__name__, message]
    return None


HASH_WORDS = ["", "a", "ab", "abc", "abcd", "hello", "12345678", "x" * 9, "y" * 16, "z" * 17,
              "q" * 31, "w" * 32, "e" * 33, "r" * 64, "t" * 65, "u" * 100, "v" * 128, "s" * 129,
              "caf\u00e9", "".join(chr(32 + i % 90) for i in range(300))]


def hashes():
    return {"words": HASH_WORDS,
            "fast_2_62": tf.strings.to_hash_bucket_fast(HASH_WORDS, 2 ** 62).numpy().tolist(),
            "fast_7": tf.strings.to_hash_bucket_fast(HASH_WORDS, 7).numpy().tolist(),
            "strong_2_62": tf.strings.to_hash_bucket_strong(
                HASH_WORDS, 2 ** 62, key=[7, 11]).numpy().tolist(),
            "strong_13_big_key": tf.strings.to_hash_bucket_strong(
                HASH_WORDS, 13, key=[2 ** 40 + 3, 123456789]).numpy().tolist()}


def main():
    out = {"cases": {}, "words": WORDS, "ints": INTS,
           "floats": {spec: floats(spec) for spec in ("floats:500", "floats_ties:300",
                                                      "FLOATS")}}
    with tempfile.TemporaryDirectory() as root:
        for name, (class_name, config, data, queries, *call_kwargs) in CASES.items():
            out["cases"][name] = run_case(class_name, config, data, queries, root,
                                          *call_kwargs)
            out["cases"][name]["call_kwargs"] = (call_kwargs or [None])[0]
    calls = lookup_errors.error_calls(layers, tf.constant)
    out["errors"] = {name: error_of(fn) for name, fn in calls.items()}
    out["hashes"] = hashes()
    out["versions"] = {"tf_keras": keras.__version__, "tensorflow": tf.__version__}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
