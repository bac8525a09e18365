"""Write data/split_dataset.json from real tf_keras 2.21: ``keras.utils.split_dataset``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/utils/make_split_dataset_fixtures.py

:func:`facts` takes the ``tensorflow`` module (real, or tracekeras's under the shim) and
splits an array, a tuple of arrays, a batched Dataset and a Dataset of dicts, with and
without a seeded shuffle, and records each part's repr, cardinality and elements, and the
errors of bad sizes and inputs; the test runs it under tracekeras and compares.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "split_dataset.json")


def listed(dataset):
    """A Dataset's elements as JSON (dicts by key, tuples as lists)."""
    def plain(x):
        if isinstance(x, dict):
            return {k: plain(v) for k, v in sorted(x.items())}
        if isinstance(x, tuple):
            return [plain(v) for v in x]
        return np.asarray(x).tolist()
    return [plain(x) for x in dataset]


def described(parts):
    return [{"repr": repr(part), "cardinality": int(part.cardinality()),
             "elements": listed(part)} for part in parts]


def error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the recorded result
        return [type(e).__name__, str(e)]
    return None


def facts(tf):
    split = tf.keras.utils.split_dataset
    data = np.arange(30, dtype="float32").reshape(10, 3)
    labels = np.arange(10)
    out = {
        "array_fraction": described(split(data, left_size=0.7)),
        "array_right_count": described(split(data, right_size=4)),
        "tuple_shuffled": described(split((data, labels), left_size=6, shuffle=True, seed=3)),
        "batched_dataset": described(split(
            tf.data.Dataset.from_tensor_slices((data, labels)).batch(4), left_size=0.5)),
        "dict_dataset_shuffled": described(split(
            tf.data.Dataset.from_tensor_slices({"x": data, "y": labels}), right_size=0.3,
            shuffle=True, seed=11)),
    }
    bad = {"zero": {"left_size": 0}, "fraction_above_one": {"left_size": 1.5},
           "fractions_over_one": {"left_size": 0.6, "right_size": 0.6},
           "count_too_large": {"left_size": 12}, "string_size": {"left_size": "a"},
           "both_strings": {"left_size": "a", "right_size": "b"},
           "counts_over_total": {"left_size": 8, "right_size": 5}, "no_size": {}}
    out["errors"] = {name: error(lambda kw=kw: split(data, **kw)) for name, kw in bad.items()}
    out["errors"]["dict_input"] = error(lambda: split({"a": data}, left_size=2))
    out["errors"]["empty_list"] = error(lambda: split([], left_size=2))
    out["errors"]["uneven_tuple"] = error(lambda: split((data, labels[:5]), left_size=2))
    return out


if __name__ == "__main__":
    import tensorflow as tf
    with open(OUT, "w") as f:
        json.dump({"source": f"TensorFlow {tf.__version__}", "facts": facts(tf)}, f, indent=1)
