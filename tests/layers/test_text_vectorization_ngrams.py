"""TextVectorization's ``ngrams`` and a single string's output against tf_keras 2.21
(``make_text_ngram_fixtures.py``): the vocabulary adapt learns from n-grams, the int,
multi_hot, count and tf_idf outputs of a batch, of each string alone (rank 0 in, the
batch axis left out) and of a ``(batch, 1)`` string Input model, the configs and the
errors of bad ``ngrams``."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.layers.preprocessing.text_vectorization import ngrams_of
from tracekeras.models import Model

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "text_ngrams.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


def adapted(name):
    case = KERAS["cases"][name]
    config = {k: tuple(v) if isinstance(v, list) else v for k, v in case["config"].items()}
    clear_session()
    layer = layers.TextVectorization(**config)
    layer.adapt(KERAS["texts"], batch_size=3)
    return layer, case


@pytest.mark.parametrize("name", sorted(KERAS["cases"]))
def test_vocabulary_and_batch_output_match_tf_keras(name):
    layer, case = adapted(name)
    assert layer.get_vocabulary() == case["vocabulary"]
    out = layer(np.array(KERAS["queries"]))
    assert out.dtype.name == case["dtype"]
    np.testing.assert_allclose(out.value, np.array(case["output"]), rtol=1e-6)
    config = layer.get_config()
    keras_config = {**case["keras_config"], "batch_input_shape": (None,)}
    if isinstance(keras_config["ngrams"], list):
        keras_config["ngrams"] = tuple(keras_config["ngrams"])
    assert config == keras_config


@pytest.mark.parametrize("name", sorted(KERAS["cases"]))
def test_one_string_gives_one_unbatched_row(name):
    layer, case = adapted(name)
    for query, expected, shape in zip(KERAS["queries"], case["alone"], case["alone_shapes"]):
        out = layer(query)
        assert list(out.shape) == shape, query
        np.testing.assert_allclose(out.value, np.array(expected), rtol=1e-6)


@pytest.mark.parametrize("name", sorted(KERAS["cases"]))
def test_a_string_input_model_matches_tf_keras(name):
    layer, case = adapted(name)
    from tracekeras import Input
    inputs = Input(shape=(1,), dtype="string")
    model = Model(inputs, layer(inputs))
    assert list(model.output_shape) == case["symbolic_shape"]
    # strings as Python objects: tracekeras's DataHandler refuses NumPy's str arrays
    column = model.predict(np.array(KERAS["queries"], object).reshape(-1, 1), verbose=0)
    np.testing.assert_allclose(column, np.array(case["column"]), rtol=1e-6)


@pytest.mark.parametrize("key", sorted(KERAS["errors"]))
def test_bad_ngrams_raise_what_tf_keras_raises(key):
    config, (kind, message) = KERAS["errors"][key]
    ngrams = config["ngrams"]
    if key == "ngrams_tuple_of_floats":
        ngrams = tuple(ngrams)
    with pytest.raises(ValueError) as info:
        layers.TextVectorization(ngrams=ngrams)
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def test_ngrams_without_a_split_are_refused_by_name():
    with pytest.raises(NotImplementedError, match="no `ngrams` without a split"):
        layers.TextVectorization(ngrams=2, split=None)


def test_ngrams_of_each_width_in_turn():
    assert ngrams_of(["a", "b", "c"], (1, 2)) == ["a", "b", "c", "a b", "b c"]
    assert ngrams_of(["a", "b"], (3, 1)) == ["a", "b"]
    assert ngrams_of([], (1, 2)) == []
