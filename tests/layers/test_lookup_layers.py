"""StringLookup and IntegerLookup against tf_keras 2.21 (tests/layers/make_lookup_fixtures.py):
the vocabulary adapt learns (order, ties, max_tokens) from arrays and Datasets, masks,
OOV indices and their hash buckets, a given vocabulary (list or file), invert, every
output mode, configs and the errors of common mistakes."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend.string_ops import InvalidArgumentError, RaggedTensor

from .lookup_helpers import CASES, LOOKUPS, make, run_case

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


ERROR_CALLS = {
    "string_bad_mode": lambda: layers.StringLookup(output_mode="words"),
    "string_invert_not_int": lambda: layers.StringLookup(invert=True, output_mode="one_hot"),
    "string_max_tokens_one": lambda: layers.StringLookup(max_tokens=1),
    "string_negative_oov": lambda: layers.StringLookup(num_oov_indices=-1),
    "string_pad_without_max": lambda: layers.StringLookup(pad_to_max_tokens=True),
    "string_idf_not_tf_idf": lambda: layers.StringLookup(idf_weights=[1.0]),
    "string_tf_idf_no_idf": lambda: layers.StringLookup(output_mode="tf_idf",
                                                        vocabulary=["a", "b", "c", "d"]),
    "string_mask_inside": lambda: layers.StringLookup(vocabulary=["a", "", "b"], mask_token=""),
    "string_oov_inside_invert": lambda: layers.StringLookup(vocabulary=["a", "[UNK]"],
                                                            invert=True),
    "string_repeated": lambda: layers.StringLookup(vocabulary=["a", "b", "a"]),
    "string_too_large": lambda: layers.StringLookup(vocabulary=["a", "b", "c", "d"],
                                                    max_tokens=3),
    "string_empty_vocab": lambda: layers.StringLookup(vocabulary=[]),
    "string_missing_file": lambda: layers.StringLookup(vocabulary="/nonexistent/vocab.txt"),
    "string_adapt_after_vocab": lambda: layers.StringLookup(vocabulary=["a", "b"]).adapt(
        np.array(["a"])),
    "string_multi_hot_unadapted": lambda: layers.StringLookup(output_mode="multi_hot")(
        np.array(["a"])),
    "string_no_oov_unknown": lambda: layers.StringLookup(
        vocabulary=["a", "b", "c", "d"], num_oov_indices=0)(np.array(["a", "zz", "q"])),
    "string_rank3_multi_hot": lambda: layers.StringLookup(
        vocabulary=["a", "b", "c", "d"], output_mode="multi_hot")(np.array([[["a"]]])),
    "string_float_dtype_int_mode": lambda: layers.StringLookup(dtype="float32"),
    "int_max_tokens_one": lambda: layers.IntegerLookup(max_tokens=1),
    "int_negative_oov": lambda: layers.IntegerLookup(num_oov_indices=-1),
    "int_bad_vocab_dtype": lambda: layers.IntegerLookup(vocabulary_dtype="float32"),
    "int_mask_inside": lambda: layers.IntegerLookup(vocabulary=[1, 0, 2], mask_token=0),
    "int_bad_mode": lambda: layers.IntegerLookup(output_mode="tf-idfs"),
}
TYPES = {"ValueError": ValueError, "RuntimeError": RuntimeError,
         "InvalidArgumentError": InvalidArgumentError}


@pytest.mark.parametrize("name", sorted(ERROR_CALLS))
def test_errors_match_tf_keras(name):
    kind, message = LOOKUPS["errors"][name]
    with pytest.raises(TYPES[kind]) as info:
        ERROR_CALLS[name]()
    ours = str(info.value)
    if "in user code:" in message:   # tf.function's wrapping: the raised message is its end
        message = message.strip().splitlines()[-1].split(": ", 1)[1]
    if "Exception encountered when calling layer" in message:
        message = message.split("\n\n")[1]
    assert message in ours


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
    assert model.predict(np.array([["x"], ["q"]]), verbose=0).shape == (2, 1)
