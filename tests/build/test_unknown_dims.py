"""An unknown dimension besides the batch stays unknown in the shapes Keras infers.

The engine runs ``call`` on placeholders where an unknown dimension is 1; an output
dimension that follows it is unknown too (MultiHeadAttention and Attention on
variable-length sequences, their attention scores, ``x + 1``), and a layer whose call
takes more than its first tensor (MultiHeadAttention's ``value``) or returns more
(``return_attention_scores=True``) is not answered by a shape rule that sees the first
argument only. data/unknown_dims.json is tf_keras 2.21's answer
(tests/make_scenario_facts.py).
"""
import importlib
import json
import os

import numpy as np
import pytest

import tracekeras as keras
from tracekeras import shim

from .unknown_dim_scenarios import (
    cases,
    fixed_reshapes,
    lookup_cases,
    lookup_outputs,
    lookup_refusals,
    mask_outputs,
    one_hot_outputs,
    outcomes,
    symbolic_call_effects,
    symbolic_call_state,
)

with open(os.path.join(os.path.dirname(__file__), "data", "unknown_dims.json")) as f:
    FACTS = json.load(f)
KERAS = FACTS["shapes"]
LOOKUPS = FACTS["lookup outputs"]


def test_the_cases_are_tf_keras_s():
    assert sorted(cases(keras)) == sorted(KERAS)


@pytest.mark.parametrize("name", sorted(KERAS))
def test_the_inferred_shape_is_tf_keras_s(name):
    keras.backend.clear_session()
    assert json.loads(json.dumps(outcomes(keras)[name])) == KERAS[name]


def test_a_model_on_variable_length_tokens_runs_on_any_length():
    ids = keras.Input((None,), dtype="int64")
    x = keras.layers.Embedding(50, 8)(ids)
    x = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)(x, x) + x
    model = keras.Model(ids, keras.layers.Dense(3)(x))
    assert model.output_shape == (None, None, 3)
    for length in (2, 7):
        out = model.predict(np.arange(2 * length).reshape(2, length) % 50, verbose=0)
        assert out.shape == (2, length, 3)


def test_a_call_that_fails_on_placeholders_still_says_why():
    q = keras.Input((None, 4))
    with pytest.raises(ValueError, match="must be called on a list of inputs"):
        keras.layers.Attention()(q, return_attention_scores=True)


def test_the_second_shape_run_is_not_in_the_trace(tmp_path):
    # The run with 2 for the unknown length is tracekeras's alone; Keras builds the graph
    # once, so the trace shows MultiHeadAttention's inner layers called once each.
    with keras.trace(tmp_path / "t.jsonl", level="full") as t:
        ids = keras.Input((None,), dtype="int64")
        x = keras.layers.Embedding(50, 8)(ids)
        keras.layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, x)
    called = [r["args"]["layer"] for r in t.spans()
              if r["name"].endswith("Layer.__call__") and r["args"]["layer"] != "embedding"]
    assert called == ["mha", "query", "key", "value", "softmax", "dropout",
                      "attention_output"]


def test_building_leaves_what_keras_s_one_symbolic_call_leaves():
    # one loss and one line printed (tracekeras's second run on placeholders, with 2 for
    # the unknown length, leaves nothing), and the eager random ops after the build draw
    # tf_keras's numbers: the calls on placeholders, like Keras's on symbolic tensors,
    # leave the eager random state as it was
    keras.backend.clear_session()
    with shim.activated():
        tf = importlib.import_module("tensorflow")
        found = symbolic_call_effects(keras, tf)
    expected = FACTS["symbolic call effects"]
    draws = found.pop("next eager draws")
    assert found == {k: v for k, v in expected.items() if k != "next eager draws"}
    np.testing.assert_allclose(draws, expected["next eager draws"], rtol=1e-6)


def test_the_lookup_cases_are_tf_keras_s():
    assert sorted(lookup_cases(keras)) == sorted(LOOKUPS)


@pytest.mark.parametrize("name", sorted(LOOKUPS))
def test_a_lookup_on_an_input_of_unknown_length_hands_on_what_keras_s_does(name):
    # sparse stays sparse, and the dtype is the output's (int64 indices, float32 counts),
    # not the input's: the call on placeholders says so, the layer's shape rule the shape;
    # predict joins two batches of sparse outputs into one SparseTensor
    found = json.loads(json.dumps(lookup_outputs(keras, only=name)[name]))
    expected = LOOKUPS[name]
    assert found["symbolic"] == expected["symbolic"]
    assert found["summary"] == expected["summary"]
    theirs, ours = expected["predict"], found["predict"]
    assert ours.pop("dtype") == theirs.pop("dtype")
    assert sorted(ours) == sorted(theirs)
    for key in theirs:
        np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-6)


def test_calls_on_placeholders_assign_no_variable_and_count_once():
    # Keras's one symbolic call assigns nothing (its graph never runs) and runs the Python
    # code once: tracekeras's calls on placeholders, one or two (2 for an unknown length),
    # leave every variable's value, a metric's state and the layer's attributes as Keras's
    # leaves them; a predict then assigns once
    assert json.loads(json.dumps(symbolic_call_state(keras))) == FACTS["symbolic call state"]


def test_tf_one_hot_on_a_symbolic_input_is_shaped_and_typed_as_in_keras():
    # axis=0 puts the depth first and the unknown batch second ((4, None, 3)); on_value=2
    # makes int32; the unknown length stays unknown; predict's values are tf_keras's
    keras.backend.clear_session()
    with shim.activated():
        tf = importlib.import_module("tensorflow")
        found = one_hot_outputs(keras, tf)
    assert json.loads(json.dumps(found)) == FACTS["one_hot"]


def test_a_lookup_refuses_an_unknown_size_where_keras_s_call_does():
    # the placeholders' 1 for an unknown length would pass "the last dimension must be 1";
    # Keras's call sees None and refuses when the model is built: so does tracekeras
    assert json.loads(json.dumps(lookup_refusals(keras))) == FACTS["lookup refusals"]


def test_masks_reach_the_next_layer_on_tokens_of_unknown_length_as_in_keras():
    # Embedding(mask_zero=True) on Input((None,)): the symbolic mask is (None, None) bool,
    # Dense and LSTM pass it on, and a layer after them receives it in its call (it used to
    # receive None there, so tf.cast(mask, "float32") in the masking guide failed)
    assert json.loads(json.dumps(mask_outputs(keras))) == FACTS["masks"]


def test_a_reshape_to_a_fixed_size_fixes_the_batch_as_in_tf_keras():
    """keras.io's Switch Transformer reshapes its input to a fixed number of rows: the
    call on placeholders (batch 1) cannot, so it runs again with the batch the reshape asks
    for, and that batch is known downstream, as TensorFlow's shape inference solves it."""
    keras.backend.clear_session()
    with shim.activated():
        tf = importlib.import_module("tensorflow")
    assert json.loads(json.dumps(fixed_reshapes(keras, tf))) == FACTS["fixed reshapes"]


def test_a_reshape_no_batch_can_fill_says_what_it_was_given():
    class Rows(keras.layers.Layer):
        def call(self, x):
            return keras.backend.reshape(x, [7, 4])

    with pytest.raises(ValueError, match=r"Exception encountered when calling layer "
                       r"\"rows\" \(type Rows\).\n\nInput to reshape is a tensor with 20 "
                       r"values, but the requested shape has 28 \[Op:Reshape\]"):
        Rows()(keras.Input((5, 4)))


def test_a_reshape_s_eager_error_is_tensorflow_s():
    with shim.activated():
        tf = importlib.import_module("tensorflow")
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"^Input to reshape is a "
                       r"tensor with 6 values, but the requested shape requires a multiple "
                       r"of 4 \[Op:Reshape\]$"):
        tf.reshape(tf.zeros((2, 3)), [-1, 4])
