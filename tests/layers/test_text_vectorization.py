"""TextVectorization against tf_keras 2.21: the vocabulary adapt learns (order, size,
max_tokens), the int / multi_hot / count / tf_idf outputs, output_sequence_length,
the standardize options, a given vocabulary, configs and errors."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import clear_session

from .layer_helpers import KERAS

TEXT = KERAS["text_vectorization"]


def adapted(name):
    case = TEXT["cases"][name]
    clear_session()
    layer = layers.TextVectorization(**case["config"])
    if "vocabulary" not in case["config"]:
        layer.adapt(TEXT["texts"], batch_size=3)
    return layer, case


@pytest.mark.parametrize("name", sorted(TEXT["cases"]))
def test_vocabulary_and_output_match_tf_keras(name):
    layer, case = adapted(name)
    assert layer.get_vocabulary() == case["vocabulary"]
    assert layer.get_vocabulary(include_special_tokens=False) == case["vocabulary_plain"]
    assert layer.vocabulary_size() == case["vocabulary_size"]
    out = layer(np.array(TEXT["queries"]))
    assert out.dtype.name == case["dtype"]
    np.testing.assert_allclose(out.value, np.array(case["output"]), rtol=1e-6)
    config = layer.get_config()
    assert config == {**case["keras_config"], **{k: tuple(v) for k, v in config.items()
                                                 if k == "batch_input_shape"}}


def test_a_list_a_column_and_a_dataset_give_the_same_result():
    layer, case = adapted("int")
    queries = TEXT["queries"]
    from_list = layer(queries).value
    from_column = layer(np.array(queries).reshape(-1, 1)).value
    np.testing.assert_array_equal(from_list, from_column)
    np.testing.assert_array_equal(from_list, np.array(case["output"]))


def test_adapt_again_starts_over():
    layer, _ = adapted("int")
    layer.adapt(["b b a"])
    assert layer.get_vocabulary() == ["", "[UNK]", "b", "a"]


def test_model_with_text_vectorization_and_embedding_trains():
    layer, _ = adapted("int_length")
    ids = layer(TEXT["texts"]).value
    embedding = layers.Embedding(layer.vocabulary_size(), 2, mask_zero=True)
    out = embedding(ids)
    np.testing.assert_array_equal(out.keras_mask.value, ids != 0)


ERRORS = {
    "tv_length_not_int": lambda: layers.TextVectorization(output_mode="count",
                                                         output_sequence_length=3),
    "tv_bad_mode": lambda: layers.TextVectorization(output_mode="words"),
    "tv_bad_standardize": lambda: layers.TextVectorization(standardize="upper"),
    "tv_bad_split": lambda: layers.TextVectorization(split="comma"),
}


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_bad_arguments_raise_what_tf_keras_raises(key):
    kind, message = TEXT["errors"][key]
    with pytest.raises(Exception) as info:
        ERRORS[key]()
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def test_counting_without_a_vocabulary_is_refused_as_in_tf_keras():
    kind, message = TEXT["errors"]["tv_count_unadapted"]
    with pytest.raises(RuntimeError) as info:
        layers.TextVectorization(output_mode="count")(np.array(["a b"]))
    assert kind == "RuntimeError"
    inner = message.split("\n\n")[1]   # tf_keras raises it from its inner StringLookup layer
    assert inner in str(info.value)
