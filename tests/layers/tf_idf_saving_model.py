"""The model of the tf_idf saving files, written so that tf_keras and tracekeras build it
alike from the same code (``keras`` is the module given): an adapted ``StringLookup``, a
``TextVectorization`` padded to ``max_tokens`` and an ``IntegerLookup`` with a given
vocabulary and idf weights, all in ``output_mode="tf_idf"``, concatenated into a Dense
layer of known weights."""
import numpy as np

WORD_ROWS = [["a", "b", "a"], ["c", "a", "c"], ["e", "b", "b"]]
TEXTS = ["the cat sat", "the dog", "a cat"]
QUERY = {"w": [["a", "q", "a"], ["e", "c", "b"]], "t": [["the cat ran"], ["a dog sat"]],
         "i": [[4, 9], [5, 5]]}
WIDTH = 5 + 6 + 3     # the three encodings side by side


def build(keras):
    layers = keras.layers
    words = keras.Input(shape=(3,), dtype="string", name="w")
    text = keras.Input(shape=(1,), dtype="string", name="t")
    ints = keras.Input(shape=(2,), dtype="int64", name="i")
    word_lookup = layers.StringLookup(output_mode="tf_idf", name="word_lookup")
    word_lookup.adapt(np.array(WORD_ROWS))
    vectorize = layers.TextVectorization(output_mode="tf_idf", max_tokens=6,
                                         pad_to_max_tokens=True, name="vectorize")
    vectorize.adapt(np.array(TEXTS))
    int_lookup = layers.IntegerLookup(output_mode="tf_idf", vocabulary=[4, 5],
                                      idf_weights=[0.5, 2.0], name="int_lookup")
    features = layers.concatenate([word_lookup(words), vectorize(text), int_lookup(ints)])
    dense = layers.Dense(1, name="out")
    model = keras.Model([words, text, ints], dense(features))
    dense.set_weights([(np.arange(WIDTH, dtype="float32").reshape(WIDTH, 1) - 6) / 10,
                       np.array([0.25], "float32")])
    return model


def query_inputs():
    return [np.array(QUERY["w"], object), np.array(QUERY["t"], object),
            np.array(QUERY["i"], np.int64)]
