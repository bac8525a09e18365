"""The type of each ``get_vocabulary()`` entry, against tf_keras 2.21
(tests/layers/make_vocabulary_type_fixtures.py): special tokens as given (strings) or
``numpy.int64`` (IntegerLookup), the other tokens NumPy scalars, as a printed list shows."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers

from .make_vocabulary_type_fixtures import cases, describe

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "vocabulary_types.json"), encoding="utf-8") as f:
    KERAS = json.load(f)["cases"]


@pytest.mark.parametrize("name", sorted(KERAS))
def test_vocabulary_entries_have_tf_keras_types(name):
    assert describe(cases(layers)[name]) == KERAS[name]


def test_a_printed_vocabulary_shows_numpy_strings():
    layer = layers.StringLookup(vocabulary=["x"])
    assert repr(layer.get_vocabulary()) == repr(["[UNK]", np.str_("x")])
