"""``keras.datasets.reuters``: 11,228 newswires over 46 topics, read from the Keras cache.

``load_data`` reads ``reuters.npz`` (arrays ``x``: object array of word-id
lists, ``y``: topic ids) from ``~/.keras/datasets`` (see
``tracekeras.utils.data_utils``), shuffles it with ``RandomState(seed)``,
applies ``start_char``/``index_from``, the ``maxlen`` filter and the vocabulary
limit (``tracekeras.datasets.word_ids``), then keeps the last ``test_split`` of
it for testing. ``get_word_index`` reads ``reuters_word_index.json``;
``get_label_names`` gives the 46 topic names. Nothing is downloaded: a missing
file is a ``FileNotFoundError`` that names the URL to fetch it from.
Trace: an instant ``keras.datasets.reuters.load_data`` with the file and the sizes.
"""
import json
import logging

import numpy as np

from tracekeras import tracing
from tracekeras.datasets import word_ids
from tracekeras.utils.data_utils import get_file

NPZ_SHA256 = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
WORD_INDEX_MD5 = "4d44cc38712099c9e383dc6e5f11a921"
LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply",
    "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas",
    "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin",
    "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs",
    "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead")


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2,
              seed=113, start_char=1, oov_char=2, index_from=3, cache_dir=None, **kwargs):
    """``(x_train, y_train), (x_test, y_test)``: object arrays of id lists, topic ids."""
    num_words = word_ids.check_kwargs(kwargs, num_words, logging.getLogger("tracekeras").warning)
    path = get_file(path, origin=word_ids.ORIGIN_FOLDER + "reuters.npz", file_hash=NPZ_SHA256,
                    cache_dir=cache_dir)
    with np.load(path, allow_pickle=True) as f:
        xs, labels = f["x"], f["y"]
    xs, labels = word_ids.shuffled(np.random.RandomState(seed), xs, labels)
    xs = word_ids.mark_and_shift(xs, start_char, index_from)
    xs, labels = word_ids.filter_long(maxlen, xs, labels)
    xs = word_ids.limit_vocabulary(xs, num_words, skip_top, oov_char)
    cut = int(len(xs) * (1 - test_split))
    out = ((np.array(xs[:cut], dtype="object"), np.array(labels[:cut])),
           (np.array(xs[cut:], dtype="object"), np.array(labels[cut:])))
    tracing.instant("keras.datasets.reuters.load_data", "data", source=path,
                    train=len(out[0][1]), test=len(out[1][1]))
    return out


def get_word_index(path="reuters_word_index.json"):
    """The word -> rank dictionary (rank 1 is the most frequent word; add ``index_from``)."""
    path = get_file(path, origin=word_ids.ORIGIN_FOLDER + "reuters_word_index.json",
                    file_hash=WORD_INDEX_MD5)
    with open(path) as f:
        return json.load(f)


def get_label_names():
    """The 46 topic names, in label order."""
    return LABEL_NAMES
