"""``keras.datasets.imdb``: 50,000 movie reviews as word-id sequences, read from the Keras cache.

``load_data`` reads ``imdb.npz`` (arrays ``x_train``, ``y_train``, ``x_test``,
``y_test``; each x is an object array of word-id lists, ids ranked by
frequency) from ``~/.keras/datasets`` (see ``tracekeras.utils.data_utils``),
shuffles train and test with one ``RandomState(seed)``, then applies
``start_char``/``index_from``, the ``maxlen`` filter and the vocabulary limit
(``tracekeras.datasets.word_ids``). ``get_word_index`` reads
``imdb_word_index.json`` (word -> rank). Nothing is downloaded: a missing file
is a ``FileNotFoundError`` that names the URL to fetch it from.
Trace: an instant ``keras.datasets.imdb.load_data`` with the file and the sizes.
"""
import json
import logging

import numpy as np

from tracekeras import tracing
from tracekeras.datasets import word_ids
from tracekeras.utils.data_utils import get_file

NPZ_SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
WORD_INDEX_MD5 = "bfafd718b763782e994055a2d397834f"


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3, cache_dir=None, **kwargs):
    """``(x_train, y_train), (x_test, y_test)``: object arrays of id lists, 0/1 labels."""
    num_words = word_ids.check_kwargs(kwargs, num_words, logging.getLogger("tracekeras").warning)
    path = get_file(path, origin=word_ids.ORIGIN_FOLDER + "imdb.npz", file_hash=NPZ_SHA256,
                    cache_dir=cache_dir)
    with np.load(path, allow_pickle=True) as f:
        x_train, labels_train = f["x_train"], f["y_train"]
        x_test, labels_test = f["x_test"], f["y_test"]
    rng = np.random.RandomState(seed)
    x_train, labels_train = word_ids.shuffled(rng, x_train, labels_train)
    x_test, labels_test = word_ids.shuffled(rng, x_test, labels_test)
    x_train = word_ids.mark_and_shift(x_train, start_char, index_from)
    x_test = word_ids.mark_and_shift(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = word_ids.filter_long(maxlen, x_train, labels_train)
        x_test, labels_test = word_ids.filter_long(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, "
                             "no sequence was kept. Increase maxlen.")
    xs = word_ids.limit_vocabulary(list(x_train) + list(x_test), num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    cut = len(x_train)
    out = ((np.array(xs[:cut], dtype="object"), labels[:cut]),
           (np.array(xs[cut:], dtype="object"), labels[cut:]))
    tracing.instant("keras.datasets.imdb.load_data", "data", source=path,
                    train=len(out[0][1]), test=len(out[1][1]))
    return out


def get_word_index(path="imdb_word_index.json"):
    """The word -> rank dictionary (rank 1 is the most frequent word; add ``index_from``)."""
    path = get_file(path, origin=word_ids.ORIGIN_FOLDER + "imdb_word_index.json",
                    file_hash=WORD_INDEX_MD5)
    with open(path) as f:
        return json.load(f)
