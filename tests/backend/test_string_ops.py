"""``tf.strings`` under ``tracekeras run``: the same strings as TensorFlow.

Every case of ``string_scenarios.CASES`` runs through the shim's ``tensorflow`` and is
compared with what real TensorFlow 2.21 returned (``data/tf_strings.json``, written by
``make_string_fixtures.py``): kind (Tensor or RaggedTensor), dtype, shape and values.
Then the conventions (string tensors hold ``bytes``), the errors TensorFlow raises for
bad input, and the RE2 syntax that Python's ``re`` would read differently.
"""
import json
import os
import re

import numpy as np
import pytest

import tracekeras
from tracekeras.backend import string_ops

from .string_scenarios import CASES, describe

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_strings.json")) as f:
    FIXTURES = json.load(f)



@pytest.mark.parametrize("name,call", CASES, ids=[case[0] for case in CASES])
def test_string_op_matches_tensorflow(tf, name, call):
    got, expected = describe(call(tf)), FIXTURES[name]
    if expected["dtype"].startswith("float"):
        np.testing.assert_allclose(got.pop("values"), expected.pop("values"), rtol=1e-6)
        expected = {k: v for k, v in expected.items() if k != "values"}
    assert got == expected


def test_string_tensors_hold_bytes_and_print_as_tensorflow(tf):
    t = tf.constant(["a", "b"])
    assert t.numpy().dtype == object and t.numpy()[0] == b"a"
    assert t.dtype == tf.string and repr(tf.string) == "tf.string" and tf.string.name == "string"
    assert str(t) == "tf.Tensor([b'a' b'b'], shape=(2,), dtype=string)"
    assert repr(tf.strings.split(["a b", "c"])) == "<tf.RaggedTensor [[b'a', b'b'], [b'c']]>"


def test_ragged_rows_iterate_as_tensors(tf):
    rows = tf.strings.split(["a b", "c"])
    assert [r.numpy().tolist() for r in rows] == [[b"a", b"b"], [b"c"]]
    assert rows.shape == (2, None) and rows.row_lengths().numpy().tolist() == [2, 1]
    assert rows.to_tensor().numpy().tolist() == [[b"a", b"b"], [b"c", b""]]


def test_a_number_tensor_is_refused_as_tensorflow_words_it(tf):
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"^cannot compute StringLower as "
                       r"input #0\(zero-based\) was expected to be a string tensor but is a "
                       r"int32 tensor"):
        tf.strings.lower(tf.constant(1))


def test_an_unparsable_number_is_refused(tf):
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="^StringToNumberOp could not correctly convert string: abc$"):
        tf.strings.to_number(["1", "abc"])


@pytest.mark.parametrize("pattern,error", [("(?=a)", "invalid perl operator: (?="),
                                           (r"(a)\1", r"invalid escape sequence: \1")])
def test_what_re2_refuses_is_refused(tf, pattern, error):
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=f"^Invalid pattern: {re.escape(pattern)}, error: "
                             f"{re.escape(error)}$"):
        tf.strings.regex_replace("abc", pattern, "x")


def test_re2_classes_python_lacks_are_translated_or_refused(tf):
    assert tf.strings.regex_replace("aB1", "[[:digit:][:upper:]]", "_").numpy() == b"a__"
    assert tf.strings.regex_full_match("ab", r"ab\z").numpy()
    with pytest.raises(NotImplementedError, match=r"RE2 \\p class"):
        tf.strings.regex_replace("ab", r"\pL", "")


def test_string_ops_record_no_gradient():
    assert string_ops.lower(["A"]).tracked is False


def test_full_level_records_each_string_op_as_a_backend_instant():
    with tracekeras.trace(level="full") as t:
        string_ops.regex_replace(string_ops.lower(["A b"]), "b", "c")
    backend = [r for r in t.records if r.get("stage") == "backend" and r["ph"] == "i"]
    assert [r["name"] for r in backend] == ["tf.strings.lower", "tf.strings.regex_replace"]
    assert backend[0]["args"] == {"shape": [1], "dtype": "object", "taped": False}


def test_a_scalar_string_tensor_gives_bytes(tf):
    assert tf.constant("abc").numpy() == b"abc"
    assert tf.constant(["x", "y"])[1].numpy() == b"y"
