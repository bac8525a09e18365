"""The categorical layers with ``sparse=True`` against tf_keras 2.21
(tests/layers/make_sparse_output_fixtures.py): the SparseTensor each hands on (indices,
values, dense shape, dtype), the refusal of ``output_mode="int"``, a Dense layer on a
sparse input, and a functional model through a sparse StringLookup fitted as Keras fits
it."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.backend.sparse_tensor import SparseTensor, to_dense
from tracekeras.engine.input_layer import Input
from tracekeras.engine.training import Model

from .sparse_output_cases import CASES, INT_MODE, ROWS, VOCAB

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "sparse_outputs.json"), encoding="utf-8") as f:
    FACTS = json.load(f)

def query_array(query):
    array = np.asarray(query)
    return array.astype(object) if array.dtype.kind == "U" else array


def test_every_case_of_the_make_script_is_here():
    assert sorted(CASES) == sorted(FACTS["cases"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_sparse_output_matches_tf_keras(name):
    class_name, config, query, call_kwargs = CASES[name]
    layer = getattr(layers, class_name)(sparse=True, **config)
    if class_name == "StringLookup" and "vocabulary" not in config:
        layer.adapt(query_array(query))
    out = layer(query_array(query), **{k: np.asarray(v) for k, v in call_kwargs.items()})
    theirs = FACTS["cases"][name]
    assert isinstance(out, SparseTensor)
    assert out.indices.value.tolist() == theirs["indices"]
    assert out.dense_shape.value.tolist() == theirs["dense_shape"]
    assert out.dtype.name == theirs["dtype"]
    np.testing.assert_allclose(out.values.value, theirs["values"], rtol=1e-6)
    assert layer.get_config()["sparse"] is theirs["config_sparse"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_sparse_output_is_the_dense_output_sparsely(name):
    class_name, config, query, call_kwargs = CASES[name]
    dense_layer = getattr(layers, class_name)(**config)
    if class_name == "StringLookup" and "vocabulary" not in config:
        dense_layer.adapt(query_array(query))
    kwargs = {k: np.asarray(v) for k, v in call_kwargs.items()}
    theirs = FACTS["cases"][name]
    expected = np.zeros(theirs["dense_shape"], np.float32)
    expected[tuple(np.asarray(theirs["indices"]).T)] = theirs["values"]
    np.testing.assert_allclose(dense_layer(query_array(query), **kwargs).value, expected,
                               rtol=1e-6)


@pytest.mark.parametrize("class_name", sorted(INT_MODE))
def test_sparse_with_int_output_is_refused_as_in_keras(class_name):
    kind, message = FACTS["int_mode_errors"][class_name]
    with pytest.raises(ValueError) as info:
        getattr(layers, class_name)(sparse=True, output_mode="int", **INT_MODE[class_name])
    assert type(info.value).__name__ == kind
    assert str(info.value) == message


def test_dense_takes_a_sparse_input():
    facts = FACTS["dense"]
    lookup = layers.StringLookup(vocabulary=VOCAB, output_mode="count", sparse=True)
    dense = layers.Dense(3)
    dense.build((None, 5))
    dense.set_weights([np.asarray(facts["kernel"], np.float32),
                       np.asarray(facts["bias"], np.float32)])
    out = dense(lookup(np.asarray(ROWS, object)))
    np.testing.assert_allclose(out.value, facts["output"], rtol=1e-6)


def test_dense_refuses_a_sparse_input_of_rank_three():
    sparse = SparseTensor([[0, 0, 1]], [1.0], [1, 2, 3])
    with pytest.raises(ValueError, match="rank 2 only"):
        layers.Dense(2)(sparse)


def test_functional_model_through_a_sparse_lookup_fits_as_keras_does():
    facts = FACTS["model"]
    inputs = Input(shape=(3,), dtype="string")
    encoded = layers.StringLookup(vocabulary=VOCAB, output_mode="count", sparse=True)(inputs)
    model = Model(inputs, layers.Dense(1)(encoded))
    name = encoded.layer_name
    assert str(encoded) == facts["symbolic"].replace("'string_lookup'", f"'{name}'")
    assert repr(encoded) == facts["symbolic_repr"].replace("'string_lookup'", f"'{name}'")
    model.layers[-1].set_weights([np.asarray(facts["kernel"], np.float32),
                                  np.zeros(1, np.float32)])
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    x = np.asarray(facts["x"], object)
    y = np.asarray(facts["y"], np.float32)
    history = model.fit(x, y, epochs=3, batch_size=2, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], facts["loss"], rtol=1e-5)
    for ours, theirs in zip(model.get_weights(), facts["weights"]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(model.predict(x, verbose=0), facts["predict"], rtol=1e-5)


def test_to_dense_of_a_layer_output_is_the_dense_layer_output():
    sparse = layers.CategoryEncoding(num_tokens=4, output_mode="count", sparse=True)(
        np.array([[3, 3, 1], [0, 0, 0]]))
    dense = layers.CategoryEncoding(num_tokens=4, output_mode="count")(
        np.array([[3, 3, 1], [0, 0, 0]]))
    np.testing.assert_array_equal(to_dense(sparse).value, dense.value)
