"""``TextVectorization(split=None)`` against tf_keras 2.21 (``make_text_unsplit_fixtures.py``):
each whole string is one token and the strings keep their shape on the way to the
lookup, so a rank-1 batch is one bag of tokens, a ``(batch, 1)`` column one row per
string, a ``(2, 2)`` block two rows, and the bag-of-words modes refuse rank 3 with the
lookup layer's error; ``int`` output cuts and pads the last axis to
``output_sequence_length`` and cannot slice a rank-0 string. The vocabulary, idf
weights and a ``shape=(1,)`` string Input model's ``predict`` on a NumPy ``<U`` array
are checked too."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Model

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "text_unsplit.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
CASES = KERAS["cases"]


def adapted(name):
    clear_session()
    layer = layers.TextVectorization(**CASES[name]["config"])
    layer.adapt(KERAS["texts"], batch_size=KERAS["batch_size"])
    return layer


@pytest.mark.parametrize("name", sorted(CASES))
def test_vocabulary_and_idf_weights_match_tf_keras(name):
    layer = adapted(name)
    assert layer.get_vocabulary() == CASES[name]["vocabulary"]
    if CASES[name]["idf_weights"] is not None:
        weights = np.asarray(layer._lookup_layer.idf_weights)
        np.testing.assert_array_equal(weights, np.float32(CASES[name]["idf_weights"]))


@pytest.mark.parametrize("name,kind", [(n, k) for n in sorted(CASES) for k in KERAS["inputs"]])
def test_output_or_error_of_each_input_shape_matches_tf_keras(name, kind):
    layer = adapted(name)
    want = CASES[name]["outcomes"][kind]
    value = np.array(KERAS["inputs"][kind])
    if "error" in want:
        error_type, message = want["error"]
        with pytest.raises(Exception) as raised:
            layer(value)
        assert type(raised.value).__name__ == error_type
        if error_type == "ValueError":
            assert str(raised.value) == message
        else:   # TensorFlow's op text carries a function_node name tracekeras has not
            assert "Attempting to slice scalar input. [Op:StridedSlice]" in message
            assert "Attempting to slice scalar input. [Op:StridedSlice]" in str(raised.value)
        return
    out = layer(value)
    assert list(out.shape) == want["shape"]
    assert out.dtype.name == want["dtype"]
    np.testing.assert_array_equal(out.value, np.array(want["output"], out.dtype.name))


@pytest.mark.parametrize("name", sorted(CASES))
def test_string_input_model_predicts_a_unicode_array_as_tf_keras(name):
    layer = adapted(name)
    inputs = layers.Input(shape=(1,), dtype="string")
    model = Model(inputs, layer(inputs))
    column = np.array(KERAS["inputs"]["column"])
    assert column.dtype.kind == "U"
    assert list(model.output_shape) == CASES[name]["symbolic_shape"]
    predicted = model.predict(column, verbose=0)
    np.testing.assert_array_equal(predicted, np.array(CASES[name]["predicted"], predicted.dtype))


def test_unsplit_layer_given_a_column_of_bytes_looks_each_string_up():
    layer = adapted("int")
    column = np.array([[t.encode()] for (t,) in KERAS["inputs"]["column"]])
    np.testing.assert_array_equal(layer(column).value,
                                  np.array(CASES["int"]["outcomes"]["column"]["output"]))
