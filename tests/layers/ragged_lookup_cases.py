"""``tf.ragged.constant`` of rows of strings and a multi-hot ``StringLookup`` adapted on it,
as keras.io's multi-label text classification uses them (data/ragged_lookup.json, made by
make_ragged_lookup_fixtures.py; checked by test_ragged_lookup.py). ``cases(tf)`` runs on
TensorFlow and on tracekeras (through ``tracekeras.shim``)."""
import numpy as np

TERMS = [["cs.LG", "stat.ML"], ["cs.CV"], ["cs.LG"], ["cs.CL", "cs.LG", "cs.AI"],
         ["cs.LG", "cs.CV"]] * 10


def cases(tf):
    terms = tf.ragged.constant(TERMS)
    numbers = tf.ragged.constant([[1, 2], [3], []])
    lookup = tf.keras.layers.StringLookup(output_mode="multi_hot")
    lookup.adapt(terms)
    return {
        "terms": {"rows": [[v.decode() for v in row] for row in terms.to_list()[:5]],
                  "dtype": str(np.dtype(terms.dtype.as_numpy_dtype)
                               if hasattr(terms.dtype, "as_numpy_dtype") else terms.dtype),
                  "shape": [None if d is None else int(d) for d in terms.shape]},
        "numbers": {"rows": numbers.to_list(),
                    "dtype": str(np.dtype(getattr(numbers.dtype, "as_numpy_dtype",
                                                  numbers.dtype)))},
        "vocabulary": lookup.get_vocabulary(),
        "multi_hot_of_ragged": np.asarray(lookup(terms[:5])).tolist(),
        "multi_hot_of_one_row": np.asarray(lookup([TERMS[3]])).tolist(),
    }
