"""tf_idf weights equal tf_keras 2.21's to the bit (``make_tf_idf_weight_fixtures.py``):
``log(1 + documents / (1 + documents containing the token))`` in float64 cast to
float32, and the OOV slot's float32 mean of the token weights summed in TensorFlow's
order (NumPy's pairwise sum was a few ulp away), for TextVectorization with n-grams and
for IntegerLookup vocabularies from 5 to over 15000 tokens (more than one leaf of TF's
tree sum)."""
import os

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend.full_reduction import full_mean, full_sum

from .tf_idf_weight_cases import INTEGER_CASES, TEXT_CASES, TEXTS, documents

HERE = os.path.dirname(os.path.abspath(__file__))
KERAS = dict(np.load(os.path.join(HERE, "data", "tf_idf_weights.npz")))


@pytest.mark.parametrize("name", sorted(TEXT_CASES))
def test_text_vectorization_idf_weights_are_tf_keras_bits(name):
    layer = layers.TextVectorization(output_mode="tf_idf", **TEXT_CASES[name])
    layer.adapt(TEXTS, batch_size=4)
    assert layer.get_vocabulary() == KERAS[f"{name}.vocabulary"].tolist()
    weights = np.asarray(layer._lookup_layer.idf_weights)
    assert weights.dtype == np.float32
    np.testing.assert_array_equal(weights.view(np.uint32),
                                  KERAS[f"{name}.idf_weights"].view(np.uint32))


@pytest.mark.parametrize("name", sorted(INTEGER_CASES))
def test_integer_lookup_idf_weights_are_tf_keras_bits(name):
    layer = layers.IntegerLookup(output_mode="tf_idf")
    layer.adapt(documents(*INTEGER_CASES[name]), batch_size=64)
    assert layer.get_vocabulary() == KERAS[f"{name}.vocabulary"].tolist()
    weights = np.asarray(layer.idf_weights)
    np.testing.assert_array_equal(weights.view(np.uint32),
                                  KERAS[f"{name}.idf_weights"].view(np.uint32))


def test_numpy_mean_misses_some_oov_weights_the_tf_order_finds():
    """The fixture tells the two orders apart: NumPy's mean of the token weights is not
    Keras's OOV weight in at least one case, the TF-order mean is in all."""
    numpy_hits, cases = 0, sorted({key.split(".")[0] for key in KERAS})
    for name in cases:
        weights = KERAS[f"{name}.idf_weights"]
        tokens = weights[1:KERAS[f"{name}.vocabulary"].size]
        assert full_mean(tokens) == weights[0], name
        numpy_hits += np.float32(tokens.mean()) == weights[0]
    assert numpy_hits < len(cases)


def test_mean_of_no_weights_is_nan_as_tf_reduce_mean():
    assert np.isnan(full_mean(np.float32([])))
    assert full_sum(np.float32([])) == 0
