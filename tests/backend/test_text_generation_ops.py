"""The TensorFlow ops of the text generation tutorial: the same results as TensorFlow.

Every case of ``text_generation_scenarios.CASES`` runs through the shim's ``tensorflow``
and is compared with what real TensorFlow 2.21 returned or raised
(``data/tf_text_generation_ops.json``, written by ``make_text_generation_fixtures.py``):
``unicode_split`` of mixed ASCII and UTF-8 text, ``reduce_join`` over a RaggedTensor,
RaggedTensor basics, ``SparseTensor`` and ``tf.sparse.to_dense`` with their errors,
``squeeze`` and seeded ``categorical`` draws, number for number.
"""
import json
import os

import numpy as np
import pytest

from tracekeras.backend import random as random_ops

from .text_generation_scenarios import CASES, outcome

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_text_generation_ops.json"), encoding="utf-8") as f:
    FIXTURES = json.load(f)



def first_line(result):
    """TensorFlow appends the op's definition to an attribute error after a tab line."""
    if "message" in result:
        result = {**result, "message": result["message"].split("\n\t;")[0]}
    return result


@pytest.mark.parametrize("name,call", CASES, ids=[case[0] for case in CASES])
def test_op_matches_tensorflow(tf, name, call):
    random_ops.set_global_seed(None)
    try:
        got = outcome(call, tf)
    finally:
        random_ops.set_global_seed(None)
    assert first_line(got) == first_line(FIXTURES[name])


def test_every_case_has_a_fixture():
    assert sorted(FIXTURES) == sorted([name for name, _ in CASES] + ["_meta"])


def test_ragged_rows_keep_their_dtype_and_print_as_tensorflow(tf):
    ids = tf.RaggedTensor.from_row_lengths(np.array([4, 5, 6], "int64"), [2, 1])
    assert ids.dtype == np.int64 and ids.shape == (2, None)
    assert repr(ids) == "<tf.RaggedTensor [[4, 5], [6]]>"
    assert [row.numpy().tolist() for row in ids] == [[4, 5], [6]]


def test_ragged_values_from_python_lists_get_tensorflows_dtypes(tf):
    # TensorFlow 2.21: float32, int32 and bool (checked in the tfvenv)
    assert tf.RaggedTensor.from_row_lengths([1.0, 2.0, 3.0], [2, 1]).dtype == np.float32
    assert tf.RaggedTensor.from_row_lengths([1.0, 2.0, 3.0], [2, 1]).to_tensor().dtype \
        == np.float32
    assert tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2, 3]).dtype == np.int32
    assert tf.RaggedTensor.from_row_lengths([True, False], [1, 1]).dtype == np.bool_


def test_ragged_from_row_splits_refuses_splits_that_do_not_cover_the_values(tf):
    with pytest.raises(ValueError, match=r"row_splits must start at 0.*Received: "
                                         r"row_splits=\[0, 2\]"):
        tf.RaggedTensor.from_row_splits(np.arange(3), [0, 2])


def test_categorical_never_draws_a_class_of_minus_infinity(tf):
    logits = np.zeros((4, 5), "float32")
    logits[:, 2] = -np.inf
    draws = tf.random.categorical(logits, num_samples=200, seed=1).numpy()
    assert draws.shape == (4, 200) and draws.dtype == np.int64
    assert set(draws.ravel().tolist()) == {0, 1, 3, 4}


def test_categorical_follows_the_probabilities(tf):
    probs = np.array([0.1, 0.6, 0.3])
    draws = tf.random.categorical(np.log(probs)[None].astype("float32"), 20000, seed=4).numpy()
    np.testing.assert_allclose(np.bincount(draws[0], minlength=3) / 20000, probs, atol=0.02)


def test_categorical_refuses_other_output_dtypes(tf):
    with pytest.raises(TypeError, match="DataType float32 not in list of allowed values: "
                                        "int32, int64"):
        tf.random.categorical(np.zeros((1, 2), "float32"), 1, dtype="float32")


def test_sparse_tensor_holds_int64_indices_and_its_shape(tf):
    sp = tf.SparseTensor(indices=[[0, 1]], values=[2.5], dense_shape=[2, 3])
    assert sp.indices.numpy().dtype == np.int64 and sp.dense_shape.numpy().tolist() == [2, 3]
    assert sp.dtype == np.float32 and sp.shape == (2, 3)
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
        tf.sparse.to_dense(np.zeros(3))
