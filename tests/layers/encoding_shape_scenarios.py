"""Hashing and Discretization with a count, one_hot or multi_hot output on inputs with an
unknown dimension: the output shape CategoryEncoding's rule gives (the last axis becomes
the number of bins), so a Dense after them can be built; and ``adapt`` on numbers and on
lists of strings. Written against the public Keras API (``keras`` is passed in): run on
tf_keras 2.21 by ``tests/make_scenario_facts.py``, on tracekeras by
``test_encoding_shapes.py``.
"""
import numpy as np


def shape_list(shape):
    return [None if d is None else int(d) for d in shape]


def shape_cases(keras):
    layers = keras.layers

    def hashing(mode, shape):
        return lambda: layers.Hashing(4, output_mode=mode)(keras.Input(shape, dtype="string"))

    def discretization(mode, shape, **kwargs):
        kwargs = kwargs or {"bin_boundaries": [0.0, 1.0]}
        return lambda: layers.Discretization(output_mode=mode, **kwargs)(keras.Input(shape))

    cases = {}
    for mode in ("int", "one_hot", "multi_hot", "count"):
        for shape in ((None,), (3,), (None, 1)):
            cases[f"Hashing {mode} on {list(shape)}"] = hashing(mode, shape)
            cases[f"Discretization {mode} on {list(shape)}"] = discretization(mode, shape)
    cases["Discretization(num_bins=5) multi_hot on [None]"] = discretization(
        "multi_hot", (None,), num_bins=5)
    cases["Dense after Hashing multi_hot on [None]"] = lambda: layers.Dense(1)(
        hashing("multi_hot", (None,))())
    cases["Dense after Discretization count on [None]"] = lambda: layers.Dense(2)(
        discretization("count", (None,))())
    return cases


def shapes(keras):
    found = {}
    for name, case in shape_cases(keras).items():
        try:
            found[name] = shape_list(case().shape)
        except Exception as e:   # the error is the fact recorded
            found[name] = {"error": type(e).__name__, "message": str(e)}
    return found


def adapt_results(keras):
    """``adapt`` on an image batch (numbers) and on lists of strings."""
    x = np.random.RandomState(0).rand(6, 4, 4, 3).astype("float32")
    norm = keras.layers.Normalization()
    norm.adapt(x)
    lookup = keras.layers.StringLookup()
    lookup.adapt(["a", "b", "b", "c", "c", "c"])
    nested = keras.layers.StringLookup()
    nested.adapt([["x", "y"], ["y", "y"]])
    return {"normalization mean": np.asarray(norm.mean).ravel().tolist(),
            "normalization variance": np.asarray(norm.variance).ravel().tolist(),
            "string list vocabulary": [str(v) for v in lookup.get_vocabulary()],
            "nested string list vocabulary": [str(v) for v in nested.get_vocabulary()]}
