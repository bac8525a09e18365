"""Mapped datasets whose ``element_spec`` is compared with TensorFlow 2.21's
(``make_mapped_spec_fixture.py``): common ``map`` functions of text and tabular
pipelines (string ops, a TextVectorization or other preprocessing layer inside ``map``,
``tf.one_hot``, casts, dicts in and out, reshapes, and shapes that follow the data's
values). ``make_cases(tf)`` builds them with a ``tensorflow`` module (TensorFlow's, or
tracekeras's under its import shim); each case returns a dataset."""
import numpy as np

TEXTS = ["The cat sat", "a dog", "Cats and dogs", "the end"]
X = np.arange(12, dtype="float32").reshape(4, 3)
Y = np.array([0, 1, 2, 1], dtype="int64")


def make_cases(tf):
    layers = tf.keras.layers
    strings = tf.data.Dataset.from_tensor_slices(TEXTS)
    pairs = tf.data.Dataset.from_tensor_slices((X, Y))
    adapted = {}
    for name, config in {"int": {}, "length": {"output_sequence_length": 5},
                         "multi_hot": {"output_mode": "multi_hot"},
                         "tf_idf": {"output_mode": "tf_idf", "ngrams": 2},
                         "unsplit": {"split": None}}.items():
        adapted[name] = layers.TextVectorization(**config)
        adapted[name].adapt(TEXTS)
    lookup = layers.StringLookup(vocabulary=["a", "b"])
    norm = layers.Normalization()
    norm.adapt(X)
    hashing = layers.Hashing(num_bins=4)
    encoding = layers.CategoryEncoding(num_tokens=3, output_mode="one_hot")
    return {
        "lower": lambda: strings.map(tf.strings.lower),
        "length": lambda: strings.map(tf.strings.length),
        "regex_replace": lambda: strings.map(lambda t: tf.strings.regex_replace(t, "a", "b")),
        "batch_lower": lambda: strings.batch(2).map(tf.strings.lower),
        "batch_reduce_join": lambda: strings.batch(2).map(
            lambda t: tf.strings.reduce_join(t, separator=" ")),
        "split_one": lambda: strings.map(tf.strings.split),
        "split_sep_first_two": lambda: strings.map(lambda t: tf.strings.split(t, sep=" ")[:2]),
        "split_sep_one": lambda: strings.map(lambda t: tf.strings.split(t, sep=" ")),
        "split_batch_ragged": lambda: strings.batch(2).map(tf.strings.split),
        "split_batch_ragged_with_labels": lambda: tf.data.Dataset.from_tensor_slices(
            (TEXTS, Y)).batch(2).map(lambda t, y: (tf.strings.split(t), y)),
        "to_number": lambda: tf.data.Dataset.from_tensor_slices(["1.5", "2"]).map(
            tf.strings.to_number),
        "text_vectorization_int_batch": lambda: strings.batch(2).map(adapted["int"]),
        "text_vectorization_length_batch": lambda: strings.batch(2).map(adapted["length"]),
        "text_vectorization_multi_hot_batch": lambda: strings.batch(2).map(
            adapted["multi_hot"]),
        "text_vectorization_tf_idf_batch": lambda: strings.batch(2).map(adapted["tf_idf"]),
        "text_vectorization_int_one": lambda: strings.map(adapted["int"]),
        "text_vectorization_length_one": lambda: strings.map(adapted["length"]),
        "text_vectorization_multi_hot_one": lambda: strings.map(adapted["multi_hot"]),
        "text_vectorization_unsplit_one": lambda: strings.map(adapted["unsplit"]),
        "text_vectorization_unsplit_batch": lambda: strings.batch(2).map(adapted["unsplit"]),
        "text_vectorization_with_labels": lambda: tf.data.Dataset.from_tensor_slices(
            (TEXTS, Y)).batch(2).map(lambda t, y: (adapted["int"](t), y)),
        "text_vectorization_of_a_column": lambda: strings.batch(2).map(
            lambda t: adapted["int"](tf.expand_dims(t, -1))),
        "string_lookup": lambda: strings.batch(2).map(lookup),
        "hashing": lambda: strings.batch(2).map(hashing),
        "one_hot": lambda: pairs.map(lambda x, y: (x, tf.one_hot(y, 3))),
        "one_hot_batch": lambda: pairs.batch(2).map(lambda x, y: (x, tf.one_hot(y, 3))),
        "one_hot_int32": lambda: tf.data.Dataset.from_tensor_slices(Y.astype("int32")).map(
            lambda y: tf.one_hot(y, 3, dtype=tf.int32)),
        "category_encoding": lambda: pairs.batch(2).map(lambda x, y: (x, encoding(y))),
        "cast": lambda: pairs.map(lambda x, y: (tf.cast(x, tf.int32), tf.cast(y, tf.float32))),
        "cast_float16_batch": lambda: pairs.batch(2).map(lambda x, y: (tf.cast(x, "float16"),
                                                                       y)),
        "normalization": lambda: pairs.batch(2).map(lambda x, y: (norm(x), y)),
        "dict_out": lambda: pairs.map(lambda x, y: ({"b": x, "a": y}, y)),
        "dict_in": lambda: tf.data.Dataset.from_tensor_slices({"x": X, "y": Y}).map(
            lambda d: (d["x"], d["y"])),
        "dict_in_out_batch": lambda: tf.data.Dataset.from_tensor_slices(
            {"x": X, "y": Y}).batch(2).map(lambda d: {"z": d["x"] * 2}),
        "reshape_batch": lambda: pairs.batch(2).map(lambda x, y: (tf.reshape(x, [-1]), y)),
        "reshape_fixed_batch": lambda: pairs.batch(2, drop_remainder=True).map(
            lambda x, y: (tf.reshape(x, [-1]), y)),
        "slice_batch": lambda: pairs.batch(2).map(lambda x, y: (x[:, :2], y)),
        "concat_batch": lambda: pairs.batch(2).map(lambda x, y: (tf.concat([x, x], axis=-1),
                                                                 y)),
        "stack": lambda: pairs.map(lambda x, y: tf.stack([x, x])),
        "expand_dims": lambda: pairs.map(lambda x, y: (x, tf.expand_dims(y, -1))),
        "reduce_mean_batch": lambda: pairs.batch(2).map(lambda x, y: tf.reduce_mean(x, axis=1)),
        "tuple_of_one": lambda: pairs.map(lambda x, y: (x,)),
        "python_float": lambda: pairs.map(lambda x, y: (x, 1.0)),
        "python_int": lambda: pairs.map(lambda x, y: (x, 1)),
        "range_scaled": lambda: tf.data.Dataset.range(4).map(
            lambda i: tf.cast(i, tf.float32) * 2.0),
        "fill_of_the_value": lambda: tf.data.Dataset.range(4).map(lambda i: tf.fill([i], 1.0)),
        "range_of_the_value": lambda: tf.data.Dataset.range(1, 4).map(lambda i: tf.range(i)),
    }
