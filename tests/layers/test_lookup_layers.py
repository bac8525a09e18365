"""StringLookup and IntegerLookup against tf_keras 2.21 (tests/layers/make_lookup_fixtures.py):
the vocabulary adapt learns (order, ties, max_tokens) from arrays and Datasets, masks,
OOV indices and their hash buckets, a given vocabulary (list or file), invert, every
output mode, configs and the errors of common mistakes."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend.string_ops import RaggedTensor

from .lookup_helpers import CASES, LOOKUPS, assert_error_matches, make, run_case

LOOKUP_CASES = sorted(name for name, case in CASES.items()
                      if case["class_name"] in ("StringLookup", "IntegerLookup"))


@pytest.mark.parametrize("name", LOOKUP_CASES)
def test_lookup_matches_tf_keras(name, tmp_path):
    ours, theirs = run_case(name, tmp_path), CASES[name]
    for key in ("vocabulary", "vocabulary_plain", "vocabulary_size", "dtype", "shape"):
        assert ours[key] == theirs[key], key
    if ours["dtype"] == "string":
        assert ours["output"] == theirs["output"]
    else:
        np.testing.assert_allclose(ours["output"], theirs["output"], rtol=1e-6)
    assert ours["keras_config"] == theirs["keras_config"]


@pytest.mark.parametrize("name", sorted(n for n in LOOKUPS["errors"]
                                         if n.startswith(("string", "int"))))
def test_errors_match_tf_keras(name):
    assert_error_matches(name)


def test_an_error_leaves_no_state_behind():
    layer = layers.StringLookup(vocabulary=["a", "b"])
    with pytest.raises(ValueError):
        layer.set_vocabulary(["x", "x"])
    assert layer.get_vocabulary() == ["[UNK]", "a", "b"]


def test_invert_round_trips_an_adapted_vocabulary(tmp_path):
    forward, _ = make("string_adapt", tmp_path)
    inverse = layers.StringLookup(vocabulary=forward.get_vocabulary(), invert=True)
    ids = forward(np.array([["a", "zz", "nope"]]))
    assert inverse(ids).value.tolist() == [[b"a", b"zz", b"[UNK]"]]


def test_a_ragged_batch_is_looked_up_row_by_row():
    ids_from_chars = layers.StringLookup(vocabulary=list("abcd"), mask_token=None)
    chars_from_ids = layers.StringLookup(vocabulary=ids_from_chars.get_vocabulary(),
                                         invert=True, mask_token=None)
    ragged = RaggedTensor([[b"a", b"b", b"c"], [b"d", b"x"]])
    ids = ids_from_chars(ragged)
    assert isinstance(ids, RaggedTensor)
    assert [row.tolist() for row in ids.rows] == [[1, 2, 3], [4, 0]]
    assert ids.rows[0].dtype == np.int64
    back = chars_from_ids(ids)
    assert back.to_list() == [[b"a", b"b", b"c"], [b"d", b"[UNK]"]]


def test_adapt_again_starts_over_and_is_adapted():
    layer = layers.IntegerLookup()
    layer.adapt(np.array([1, 1, 2]))
    layer.adapt(np.array([7, 8, 8]))
    assert layer.is_adapted
    assert layer.get_vocabulary() == [-1, 8, 7]


def test_a_symbolic_call_in_a_functional_model():
    from tracekeras import Input, Model
    inputs = Input(shape=(1,), dtype="string")
    lookup = layers.StringLookup(vocabulary=["x", "y"], output_mode="one_hot")
    outputs = layers.Dense(1)(lookup(inputs))
    assert tuple(lookup.compute_output_shape((None, 1))) == (None, 3)
    model = Model(inputs, outputs)
    assert model.predict(np.array([["x"], ["q"]], dtype=object), verbose=0).shape == (2, 1)


def test_a_refused_vocabulary_leaves_the_layer_as_it_was():
    tf_idf = layers.StringLookup(output_mode="tf_idf", pad_to_max_tokens=True, max_tokens=10)
    tf_idf.set_vocabulary(["a", "b"], idf_weights=[1.0, 2.0])
    before = tf_idf.idf_weights.copy()
    with pytest.raises(ValueError, match="`idf_weights` must be the same length"):
        tf_idf.set_vocabulary(["x", "y", "z"], idf_weights=[1.0, 2.0])
    assert tf_idf.get_vocabulary() == ["[UNK]", "a", "b"]
    np.testing.assert_array_equal(tf_idf.idf_weights, before)
    multi_hot = layers.StringLookup(output_mode="multi_hot")
    multi_hot.set_vocabulary(["a", "b"])
    with pytest.raises(RuntimeError, match="the vocabulary size cannot be changed"):
        multi_hot.set_vocabulary(["a", "b", "c"])
    assert multi_hot.get_vocabulary() == ["[UNK]", "a", "b"]
    assert np.asarray(multi_hot([["b"]])).tolist() == [[0.0, 0.0, 1.0]]
