"""What the IMDB and Reuters loaders do to their word-id sequences after shuffling.

What it owns: the steps Keras's ``imdb.load_data`` and ``reuters.load_data``
share, in Keras's order: mark the start of each sequence and shift the word ids
(``start_char``, ``index_from``), drop sequences that are too long
(``maxlen``), then limit the vocabulary (``num_words``, ``skip_top``, with
``oov_char`` for the words cut). Receives lists of word ids; hands on lists of
lists (the loaders turn them into object arrays). No trace events.
"""
import numpy as np

from tracekeras.preprocessing.sequence import remove_long_seq

ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def mark_and_shift(xs, start_char, index_from):
    """``[start_char] + [w + index_from ...]`` for each sequence (no start mark when None)."""
    if start_char is not None:
        return [[start_char] + [w + index_from for w in x] for x in xs]
    if index_from:
        return [[w + index_from for w in x] for x in xs]
    return xs


def limit_vocabulary(xs, num_words, skip_top, oov_char):
    """Word ids outside ``[skip_top, num_words)`` become ``oov_char`` (or are dropped).

    Without ``num_words`` the limit is the largest id present, so that id itself is
    outside the range too: Keras behaves the same way.
    """
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def shuffled(rng, *arrays):
    """The arrays reordered by one permutation drawn from ``rng`` (a ``RandomState``)."""
    indices = np.arange(len(arrays[0]))
    rng.shuffle(indices)
    return [a[indices] for a in arrays]


def filter_long(maxlen, xs, labels):
    return remove_long_seq(maxlen, xs, labels) if maxlen else (xs, labels)


def check_kwargs(kwargs, num_words, warn):
    """The renamed ``nb_words`` keyword still works (with a warning); others are errors."""
    if "nb_words" in kwargs:
        warn("The `nb_words` argument in `load_data` has been renamed `num_words`.")
        num_words = kwargs.pop("nb_words")
    if kwargs:
        raise TypeError(f"Unrecognized keyword arguments: {kwargs}.")
    return num_words
