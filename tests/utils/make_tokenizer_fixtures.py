"""Write the reference of ``keras.preprocessing.text.Tokenizer`` from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/utils/make_tokenizer_fixtures.py

Cases (``CASES``, shared with the test): a character-level tokenizer fitted on one
string (each character a document, as the book's Shakespeare tokenizer), and word-level
ones with ``num_words``, ``oov_token``, ``lower=False`` and custom filters, fitted on
lists of texts and a list of token lists. Recorded for each: ``word_index``,
``document_count``, ``word_counts``, ``word_docs``, ``index_docs``, the sequences of some
texts and the texts of some sequences, ``texts_to_matrix`` of the texts in each
``MATRIX_MODES`` mode and ``sequences_to_matrix`` of the sequences; then
``sequences_to_matrix`` after ``fit_on_sequences`` alone (``SEQUENCES``), the errors of
``MATRIX_ERRORS``, ``text_to_word_sequence`` of a sentence and ``hashing_trick`` of it
with md5, ``to_json`` and ``tokenizer_from_json`` (``json_round_trip``) and the Keras 1
argument ``nb_words``.

Output: ``data/tokenizer.json``.
"""
import json
import os
import sys

import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from tokenizer_cases import (  # noqa: E402 - after the path is set
    CASES,
    MATRIX_MODES,
    SENTENCE,
    SEQUENCES,
    json_round_trip,
    legacy_nb_words,
    matrix_errors,
)


def run(case):
    tokenizer = keras.preprocessing.text.Tokenizer(**case["init"])
    tokenizer.fit_on_texts(case["fit"])
    return {"word_index": tokenizer.word_index, "document_count": tokenizer.document_count,
            "word_counts": list(tokenizer.word_counts.items()),
            "word_docs": dict(tokenizer.word_docs),
            "index_docs": {str(k): v for k, v in tokenizer.index_docs.items()},
            "sequences": tokenizer.texts_to_sequences(case["texts"]),
            "texts": tokenizer.sequences_to_texts(case["sequences"]),
            "texts_to_matrix": {mode: tokenizer.texts_to_matrix(case["texts"], mode).tolist()
                                for mode in MATRIX_MODES},
            "sequences_to_matrix": {
                mode: tokenizer.sequences_to_matrix(case["sequences"], mode).tolist()
                for mode in MATRIX_MODES}}


def fitted_on_sequences():
    tokenizer = keras.preprocessing.text.Tokenizer(num_words=6)
    tokenizer.fit_on_sequences(SEQUENCES)
    return {"document_count": tokenizer.document_count,
            "index_docs": {str(k): v for k, v in tokenizer.index_docs.items()},
            "matrix": {mode: tokenizer.sequences_to_matrix(SEQUENCES, mode).tolist()
                       for mode in MATRIX_MODES}}


def main():
    out = {"cases": {name: run(case) for name, case in CASES.items()},
           "text_to_word_sequence": keras.preprocessing.text.text_to_word_sequence(SENTENCE),
           "fit_on_sequences": fitted_on_sequences(),
           "matrix_errors": matrix_errors(keras.preprocessing.text.Tokenizer),
           "hashing_trick_md5": keras.preprocessing.text.hashing_trick(SENTENCE, 50, "md5"),
           "json_round_trip": json_round_trip(keras.preprocessing.text),
           "nb_words": legacy_nb_words(keras.preprocessing.text),
           "tf_keras": keras.__version__}
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    with open(os.path.join(HERE, "data", "tokenizer.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
