"""Lookup layers in a legacy ``.h5`` file. tf_keras keeps the vocabulary of a lookup layer
made without one (an adaptable StringLookup, IntegerLookup or TextVectorization) in a
weight that is no variable, which the ``.h5`` layout cannot hold: ``model.save``,
``save_weights`` and ``load_weights`` with an ``.h5`` path refuse it with a
``NotImplementedError`` naming the layer class. A lookup layer given its vocabulary has no
such weight and saves. Written against the public Keras API (``keras`` is passed in): run
on tf_keras 2.21 by ``make_h5_lookup_fixtures.py``, on tracekeras by
``test_h5_lookup_layers.py``.
"""
import os

import numpy as np


def models(keras):
    layers = keras.layers

    def string_lookup():
        inp = keras.Input((None,), dtype="string")
        layer = layers.StringLookup()
        layer.adapt(np.array([["a", "b", "b", "c"]]))
        return keras.Model(inp, layer(inp))

    def integer_lookup():
        inp = keras.Input((None,), dtype="int64")
        layer = layers.IntegerLookup()
        layer.adapt(np.array([[1, 2, 2, 3]]))
        return keras.Model(inp, layer(inp))

    def text_vectorization():
        inp = keras.Input((1,), dtype="string")
        layer = layers.TextVectorization(max_tokens=10, output_mode="multi_hot")
        layer.adapt(["the cat sat", "the dog"])
        return keras.Model(inp, layers.Dense(2)(layer(inp)))

    def unadapted_lookup_vocabulary_set():
        inp = keras.Input((None,), dtype="string")
        layer = layers.StringLookup()
        layer.set_vocabulary(["a", "b"])
        return keras.Model(inp, layer(inp))

    return {"adapted StringLookup": string_lookup, "adapted IntegerLookup": integer_lookup,
            "adapted TextVectorization": text_vectorization,
            "StringLookup given its vocabulary by set_vocabulary":
                unadapted_lookup_vocabulary_set}


def refusals(keras, folder):
    """Each model's fate in ``model.save``, ``save_weights`` and ``load_weights`` (.h5)."""
    found = {}
    other = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    other.save_weights(os.path.join(folder, "other.h5"))   # a file to load from
    for name, build in models(keras).items():
        model = build()
        outcome = {}
        for action in ("save", "save_weights", "load_weights"):
            path = os.path.join(folder, f"{len(found)}_{action}.h5")
            try:
                if action == "save":
                    model.save(path)
                elif action == "save_weights":
                    model.save_weights(path)
                else:
                    model.load_weights(os.path.join(folder, "other.h5"))
                outcome[action] = "done"
            except Exception as e:   # the error is the fact recorded
                outcome[action] = {"error": type(e).__name__,
                                   "message": str(e).split(" with weights [")[0]}
        found[name] = outcome
    return found


def vocabulary_model(keras):
    """A StringLookup given its vocabulary: the ``.h5`` file keeps it."""
    inp = keras.Input((None,), dtype="string")
    return keras.Model(inp, keras.layers.StringLookup(vocabulary=["a", "b", "c"])(inp))


QUERY = np.array([["a", "c", "q"], ["b", "b", "a"]])
