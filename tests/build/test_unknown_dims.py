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

from .unknown_dim_scenarios import cases, outcomes, symbolic_call_effects

with open(os.path.join(os.path.dirname(__file__), "data", "unknown_dims.json")) as f:
    FACTS = json.load(f)
KERAS = FACTS["shapes"]


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
