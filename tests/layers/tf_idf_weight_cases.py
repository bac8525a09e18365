"""The corpora whose tf_idf weights both engines learn (``make_tf_idf_weight_fixtures.py``
and ``test_tf_idf_weights.py``): texts for TextVectorization with n-grams, and integer
documents made by a small deterministic recipe (no random generator, so both sides
build the same documents), some with more distinct tokens than one 8192-value leaf
of TensorFlow's float32 sum."""
import numpy as np

TEXTS = ["The cat sat on the mat.", "The dog ate my homework!", "the cat sat",
         "Cats and dogs: the best of friends?", "A cat, a dog, a mat", "", "the cat",
         "dog dog dog ate", "a mat on a cat on a dog", "homework ate the dog"]

TEXT_CASES = {
    "bigrams": {"ngrams": 2},
    "bigrams_max_tokens": {"ngrams": 2, "max_tokens": 20},
    "trigrams": {"ngrams": 3},
    "bigrams_and_trigrams": {"ngrams": (2, 3)},
    "bigrams_padded": {"ngrams": 2, "max_tokens": 50, "pad_to_max_tokens": True},
    "unigrams_characters": {"split": "character"},
}

# (documents, tokens per document, token range, multiplier)
INTEGER_CASES = {
    "few": (6, 3, 5, 3),
    "tens": (40, 6, 37, 7),
    "hundreds": (300, 8, 611, 13),
    "thousands": (1500, 9, 9001, 7919),
    "many_leaves": (2500, 10, 23003, 104729),
}


def documents(count, length, token_range, multiplier):
    """A ``(count, length)`` int64 array of tokens from 1 to ``token_range``: consecutive
    tokens from a quadratic start, so that tokens repeat across documents unevenly and
    never within one (Keras's tf_idf adapt of a dense batch needs rows of as many
    distinct tokens)."""
    rows = np.arange(count, dtype=np.int64)[:, None]
    cols = np.arange(length, dtype=np.int64)[None, :]
    return (rows * multiplier + rows * rows // 3 + cols) % token_range + 1
