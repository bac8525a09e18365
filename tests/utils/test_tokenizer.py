"""``keras.preprocessing.text.Tokenizer`` and ``text_to_word_sequence`` against tf_keras
2.21 (``make_tokenizer_fixtures.py``, cases in ``tokenizer_cases.py``)."""
import json
import os

import numpy as np
import pytest

from tracekeras.preprocessing import text

from .tokenizer_cases import (
    CASES,
    MATRIX_MODES,
    SENTENCE,
    SEQUENCES,
    json_round_trip,
    legacy_nb_words,
    matrix_errors,
)

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tokenizer.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


@pytest.mark.parametrize("name", sorted(CASES))
def test_tokenizer_matches_tf_keras(name):
    case, expected = CASES[name], KERAS["cases"][name]
    tokenizer = text.Tokenizer(**case["init"])
    tokenizer.fit_on_texts(case["fit"])
    assert tokenizer.word_index == expected["word_index"]
    assert tokenizer.document_count == expected["document_count"]
    assert [list(item) for item in tokenizer.word_counts.items()] == expected["word_counts"]
    assert dict(tokenizer.word_docs) == expected["word_docs"]
    assert {str(k): v for k, v in tokenizer.index_docs.items()} == expected["index_docs"]
    assert tokenizer.texts_to_sequences(case["texts"]) == expected["sequences"]
    assert tokenizer.sequences_to_texts(case["sequences"]) == expected["texts"]
    for mode in MATRIX_MODES:
        matrix = tokenizer.texts_to_matrix(case["texts"], mode)
        assert matrix.dtype == np.float64
        np.testing.assert_allclose(matrix, expected["texts_to_matrix"][mode], rtol=1e-12)
        np.testing.assert_allclose(tokenizer.sequences_to_matrix(case["sequences"], mode),
                                   expected["sequences_to_matrix"][mode], rtol=1e-12)


def test_sequences_to_matrix_after_fit_on_sequences_matches_tf_keras():
    expected = KERAS["fit_on_sequences"]
    tokenizer = text.Tokenizer(num_words=6)
    tokenizer.fit_on_sequences(SEQUENCES)
    assert tokenizer.document_count == expected["document_count"]
    assert {str(k): v for k, v in tokenizer.index_docs.items()} == expected["index_docs"]
    for mode in MATRIX_MODES:
        np.testing.assert_allclose(tokenizer.sequences_to_matrix(SEQUENCES, mode),
                                   expected["matrix"][mode], rtol=1e-12)


def test_matrix_errors_match_tf_keras():
    assert matrix_errors(text.Tokenizer) == KERAS["matrix_errors"]


def test_hashing_trick_md5_matches_tf_keras_and_one_hot_uses_hash():
    assert text.hashing_trick(SENTENCE, 50, "md5") == KERAS["hashing_trick_md5"]
    words = text.text_to_word_sequence(SENTENCE)
    assert text.one_hot(SENTENCE, 7) == [hash(w) % 6 + 1 for w in words]


def test_text_to_word_sequence_matches_tf_keras():
    assert text.text_to_word_sequence(SENTENCE) == KERAS["text_to_word_sequence"]


def test_unknown_arguments_are_refused():
    with pytest.raises(TypeError, match="Unrecognized keyword arguments"):
        text.Tokenizer(num_word=3)


def test_nb_words_is_num_words_with_keras_warning():
    assert legacy_nb_words(text) == KERAS["nb_words"]


def test_to_json_and_tokenizer_from_json_match_tf_keras():
    assert json_round_trip(text) == KERAS["json_round_trip"]
