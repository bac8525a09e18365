"""The Tokenizer cases of ``make_tokenizer_fixtures.py`` and ``test_tokenizer.py``."""
import json
import warnings

JSON_FIELDS = ("word_counts", "word_docs", "index_docs", "index_word", "word_index")
SENTENCE = "Hello, World!  It's a--test\tof the\nfilters."
SPEECH = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak."

CASES = {
    "char_level_one_string": {"init": {"char_level": True}, "fit": SPEECH,
                              "texts": ["First", "How are yo"],
                              "sequences": [[20, 6, 9, 8, 3], [1, 2, 3, 99]]},
    "words": {"init": {}, "fit": [SPEECH, "the cat sat on the mat", "The Mat!"],
              "texts": ["the mat speak", "unknown words here"],
              "sequences": [[1, 2, 3], [4, 40]]},
    "words_num_words_oov": {"init": {"num_words": 5, "oov_token": "<unk>"},
                            "fit": ["a b c a b a", "d e a", "b b"],
                            "texts": ["a b c d e f"], "sequences": [[1, 2, 3, 4, 5, 6]]},
    "words_not_lowered_filters": {"init": {"lower": False, "filters": ",", "split": " "},
                                  "fit": ["One, Two two", "two One"],
                                  "texts": ["One two Two three"], "sequences": [[3, 2, 1]]},
    "token_lists": {"init": {}, "fit": [["Alpha", "beta"], ["beta", "Gamma"]],
                    "texts": [["alpha", "gamma", "delta"]], "sequences": [[2, 1, 3]]},
}

MATRIX_MODES = ("binary", "count", "freq", "tfidf")
SEQUENCES = [[1, 2, 2, 5, 7], [], [3, 3, 3], [2, 4, 9, 1]]


def matrix_errors(tokenizer_class):
    """The error type and message of each matrix call Keras refuses."""
    def attempt(fn):
        try:
            fn()
        except ValueError as e:
            return [type(e).__name__, str(e)]
        return None
    fitted = tokenizer_class()
    fitted.fit_on_texts(["a b"])
    unfit_sized = tokenizer_class(num_words=4)
    return {"no_dimension": attempt(lambda: tokenizer_class().sequences_to_matrix([[1]])),
            "tfidf_unfit": attempt(lambda: unfit_sized.sequences_to_matrix([[1]], "tfidf")),
            "unknown_mode": attempt(lambda: fitted.texts_to_matrix(["a"], "onehot")),
            "unknown_mode_empty": attempt(lambda: fitted.sequences_to_matrix([[]], "onehot"))}


def json_round_trip(tokenizer_module):
    """``to_json`` of a fitted tokenizer (parsed: a word's documents are counted over a set,
    in an order that changes between processes), and what the one read back gives."""
    tokenizer = tokenizer_module.Tokenizer(num_words=6, oov_token="<unk>")
    tokenizer.fit_on_texts(["a b c a b a", "d e a", "b b"])
    written = json.loads(tokenizer.to_json())
    written["config"] = {k: json.loads(v) if k in JSON_FIELDS else v
                         for k, v in written["config"].items()}
    read = tokenizer_module.tokenizer_from_json(tokenizer.to_json())
    return {"written": written, "sequences": read.texts_to_sequences(["a b c d e f"]),
            "matrix": read.texts_to_matrix(["a b c d e f"], "tfidf").tolist(),
            "index_word": {str(k): v for k, v in read.index_word.items()}}


def legacy_nb_words(tokenizer_module):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tokenizer = tokenizer_module.Tokenizer(nb_words=3)
    return {"num_words": tokenizer.num_words,
            "warnings": [[w.category.__name__, str(w.message)] for w in caught]}
