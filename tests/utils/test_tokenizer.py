"""``keras.preprocessing.text.Tokenizer`` and ``text_to_word_sequence`` against tf_keras
2.21 (``make_tokenizer_fixtures.py``, cases in ``tokenizer_cases.py``)."""
import json
import os

import pytest

from tracekeras.preprocessing import text

from .tokenizer_cases import CASES, SENTENCE

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


def test_text_to_word_sequence_matches_tf_keras():
    assert text.text_to_word_sequence(SENTENCE) == KERAS["text_to_word_sequence"]


def test_unknown_arguments_are_refused():
    with pytest.raises(TypeError, match="Unrecognized keyword arguments"):
        text.Tokenizer(nb_words=3)
