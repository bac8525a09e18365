"""The cases of the sparse-output fixtures (``make_sparse_output_fixtures.py``), shared with
``test_sparse_outputs.py``: for each, a layer class, its config (``sparse=True`` is added),
a query and call keyword arguments; ``INT_MODE``, the configs that refuse ``sparse=True``
with ``output_mode="int"``."""

VOCAB = ["a", "b", "c", "d"]
ROWS = [["a", "b", "a"], ["q", "d", "q"]]
COLUMN = [["a"], ["q"], ["c"]]
IDF = [0.5, 1.0, 2.0, 3.0]

CASES = {
    "string_one_hot": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"},
                       COLUMN, {}),
    "string_one_hot_rank1": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"},
                             ["a", "q", "c"], {}),
    "string_multi_hot": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot"},
                         ROWS, {}),
    "string_multi_hot_rank1": ("StringLookup", {"vocabulary": VOCAB,
                                                "output_mode": "multi_hot"},
                               ["a", "a", "q"], {}),
    "string_count": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "count"}, ROWS, {}),
    "string_count_rank1": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "count"},
                           ["a", "a", "q"], {}),
    "string_tf_idf": ("StringLookup", {"vocabulary": VOCAB, "idf_weights": IDF,
                                       "output_mode": "tf_idf"}, ROWS, {}),
    "string_tf_idf_rank1": ("StringLookup", {"vocabulary": VOCAB, "idf_weights": IDF,
                                             "output_mode": "tf_idf"}, ["a", "a", "q"], {}),
    "string_mask": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot",
                                     "mask_token": ""}, [["a", "", "q"], ["", "", ""]], {}),
    "string_pad": ("StringLookup", {"vocabulary": VOCAB, "output_mode": "count",
                                    "max_tokens": 8, "pad_to_max_tokens": True}, ROWS, {}),
    "string_adapt_tf_idf": ("StringLookup", {"output_mode": "tf_idf"},
                            [["a", "b", "a"], ["c", "a", "c"], ["e", "b", "b"]], {}),
    "integer_count": ("IntegerLookup", {"vocabulary": [5, 6, 7], "output_mode": "count"},
                      [[5, 5, 9], [7, 0, 6]], {}),
    "integer_multi_hot_two_oov": ("IntegerLookup", {"vocabulary": [5, 6, 7],
                                                    "num_oov_indices": 2,
                                                    "output_mode": "multi_hot"},
                                  [[5, 8, 9], [7, 11, 6]], {}),
    "category_one_hot": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "one_hot"},
                         [[1], [3], [0]], {}),
    "category_multi_hot": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "multi_hot"},
                           [[1, 1, 3], [0, 4, 4]], {}),
    "category_count": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "count"},
                       [[1, 1, 3], [0, 4, 4]], {}),
    "category_count_weights": ("CategoryEncoding", {"num_tokens": 5, "output_mode": "count"},
                               [[1, 1, 3], [0, 4, 2]],
                               {"count_weights": [[0.5, 0.25, 2.0], [1.0, 3.0, 0.0]]}),
    "category_rank1": ("CategoryEncoding", {"num_tokens": 4, "output_mode": "count"},
                       [3, 3, 1], {}),
    "hashing_one_hot": ("Hashing", {"num_bins": 4, "output_mode": "one_hot"},
                        [["a"], ["b"], ["c"]], {}),
    "hashing_multi_hot": ("Hashing", {"num_bins": 4, "output_mode": "multi_hot"},
                          [["a", "b", "a"], ["c", "d", "e"]], {}),
    "hashing_count": ("Hashing", {"num_bins": 4, "output_mode": "count"},
                      [["a", "b", "a"], ["c", "d", "e"]], {}),
    "hashing_count_mask": ("Hashing", {"num_bins": 4, "output_mode": "count",
                                       "mask_value": ""}, [["a", "", "a"], ["", "d", "e"]], {}),
    "discretization_count": ("Discretization", {"bin_boundaries": [0.0, 1.0],
                                                "output_mode": "count"},
                             [[-1.0, 0.5, 0.7], [2.0, 2.0, 2.0]], {}),
    "text_multi_hot": ("TextVectorization", {"vocabulary": ["x", "y"],
                                             "output_mode": "multi_hot"},
                       ["x y y z", "y", ""], {}),
    "text_count": ("TextVectorization", {"vocabulary": ["x", "y"], "output_mode": "count"},
                   ["x y y z", "y", ""], {}),
    "text_tf_idf": ("TextVectorization", {"vocabulary": ["x", "y"], "idf_weights": [1.0, 2.0],
                                          "output_mode": "tf_idf"}, ["x y y z", "y"], {}),
}

INT_MODE = {
    "StringLookup": {}, "IntegerLookup": {}, "TextVectorization": {},
    "Hashing": {"num_bins": 3}, "Discretization": {"bin_boundaries": [0.0]},
}
