"""``tf.ragged.constant`` (rank 2) and a multi-hot ``StringLookup`` adapted on a
``RaggedTensor`` give TensorFlow's rows, dtypes, vocabulary and encodings
(data/ragged_lookup.json, made by make_ragged_lookup_fixtures.py); deeper nesting ends
in the one-line "does not implement" message."""
import json
import os

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from .ragged_lookup_cases import cases

with open(os.path.join(os.path.dirname(__file__), "data", "ragged_lookup.json")) as f:
    TF = json.load(f)


@pytest.fixture(scope="module")
def ours():
    clear_session()
    with shim.activated():
        import tensorflow
        return cases(tensorflow)


@pytest.mark.parametrize("case", sorted(k for k in TF if k != "_source"))
def test_ragged_constant_and_multi_hot_lookup_are_tensorflow_s(ours, case):
    assert ours[case] == TF[case]


def test_rank_three_is_refused_in_one_line():
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    with shim.activated():
        import tensorflow as tf
        with pytest.raises(OperationNotImplementedByTracekeras,
                           match=r"^tracekeras does not implement tf\.ragged\.constant but"):
            tf.ragged.constant([[[1], [2, 3]], [[4]]])
