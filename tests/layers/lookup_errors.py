"""The common mistakes with the categorical preprocessing layers, one call each, written once
for both engines: ``make_lookup_fixtures.py`` runs them on tf_keras (``constant`` is
``tf.constant``) and the tests on tracekeras (``constant`` is ``np.array``)."""
VOCAB = ["a", "b", "c", "d"]


def error_calls(layers, constant):
    """``{name: call}``: each call makes the mistake its name says."""
    return {
        "string_bad_mode": lambda: layers.StringLookup(output_mode="words"),
        "string_invert_not_int": lambda: layers.StringLookup(invert=True,
                                                             output_mode="one_hot"),
        "string_max_tokens_one": lambda: layers.StringLookup(max_tokens=1),
        "string_negative_oov": lambda: layers.StringLookup(num_oov_indices=-1),
        "string_pad_without_max": lambda: layers.StringLookup(pad_to_max_tokens=True),
        "string_idf_not_tf_idf": lambda: layers.StringLookup(idf_weights=[1.0]),
        "string_tf_idf_no_idf": lambda: layers.StringLookup(output_mode="tf_idf",
                                                            vocabulary=VOCAB),
        "string_mask_inside": lambda: layers.StringLookup(vocabulary=["a", "", "b"],
                                                          mask_token=""),
        "string_oov_inside_invert": lambda: layers.StringLookup(vocabulary=["a", "[UNK]"],
                                                                invert=True),
        "string_repeated": lambda: layers.StringLookup(vocabulary=["a", "b", "a"]),
        "string_too_large": lambda: layers.StringLookup(vocabulary=VOCAB, max_tokens=3),
        "string_empty_vocab": lambda: layers.StringLookup(vocabulary=[]),
        "string_missing_file": lambda: layers.StringLookup(vocabulary="/nonexistent/vocab.txt"),
        "string_adapt_after_vocab": lambda: layers.StringLookup(vocabulary=VOCAB).adapt(
            constant(["a", "b"])),
        "string_multi_hot_unadapted": lambda: layers.StringLookup(output_mode="multi_hot")(
            constant(["a"])),
        "string_no_oov_unknown": lambda: layers.StringLookup(
            vocabulary=VOCAB, num_oov_indices=0)(constant(["a", "zz", "q"])),
        "string_rank3_multi_hot": lambda: layers.StringLookup(
            vocabulary=VOCAB, output_mode="multi_hot")(constant([[["a"]]])),
        "string_float_dtype_int_mode": lambda: layers.StringLookup(dtype="float32"),
        "int_max_tokens_one": lambda: layers.IntegerLookup(max_tokens=1),
        "int_negative_oov": lambda: layers.IntegerLookup(num_oov_indices=-1),
        "int_bad_vocab_dtype": lambda: layers.IntegerLookup(vocabulary_dtype="float32"),
        "int_mask_inside": lambda: layers.IntegerLookup(vocabulary=[1, 0, 2], mask_token=0),
        "int_bad_mode": lambda: layers.IntegerLookup(output_mode="tf-idfs"),
        "category_no_num_tokens": lambda: layers.CategoryEncoding(),
        "category_zero_tokens": lambda: layers.CategoryEncoding(num_tokens=0),
        "category_bad_mode": lambda: layers.CategoryEncoding(num_tokens=3, output_mode="int"),
        "category_out_of_range": lambda: layers.CategoryEncoding(num_tokens=3)(
            constant([[0, 3]])),
        "category_negative": lambda: layers.CategoryEncoding(num_tokens=3)(
            constant([[-1, 0]])),
        "category_weights_not_count": lambda: layers.CategoryEncoding(num_tokens=3)(
            constant([[0, 1]]), count_weights=constant([[1.0, 2.0]])),
        "category_rank3": lambda: layers.CategoryEncoding(num_tokens=3, output_mode="one_hot")(
            constant([[0, 1]])),
        "hashing_zero_bins": lambda: layers.Hashing(num_bins=0),
        "hashing_bad_salt": lambda: layers.Hashing(num_bins=3, salt="pepper"),
        "hashing_bad_mode": lambda: layers.Hashing(num_bins=3, output_mode="tf_idf"),
        "hashing_sparse_int": lambda: layers.Hashing(num_bins=3, sparse=True),
        "discretization_both": lambda: layers.Discretization(bin_boundaries=[0.0], num_bins=2),
        "discretization_negative_bins": lambda: layers.Discretization(num_bins=-1),
        "discretization_bad_mode": lambda: layers.Discretization(num_bins=2,
                                                                 output_mode="tf_idf"),
        "discretization_adapt_boundaries": lambda: layers.Discretization(
            bin_boundaries=[0.0, 1.0]).adapt(constant([1.0, 2.0])),
    }
