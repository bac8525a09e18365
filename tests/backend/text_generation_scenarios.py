"""The table of TensorFlow ops the text generation tutorial uses beyond Keras.

``tf.strings.unicode_split`` and ``reduce_join`` over mixed ASCII and UTF-8 text and a
RaggedTensor, RaggedTensor basics (``to_tensor``, ``numpy()``, ``row_splits``),
``tf.SparseTensor`` with ``tf.sparse.to_dense``, ``tf.squeeze`` and seeded
``tf.random.categorical``. Each case is ``(name, call)``; ``call(tf)`` returns a result
or raises. ``make_text_generation_fixtures.py`` runs the table through real TensorFlow
2.21 (``data/tf_text_generation_ops.json``), ``test_text_generation_ops.py`` through
tracekeras's ``tf``. :func:`outcome` describes a result or an error the same way for
both. Plain NumPy only: no TensorFlow import here.
"""
import re

import numpy as np

MIXED = ["ROMEO: ô fair!", "ab", "", "日本語 ✓", "Ünïcödé\n"]
BAD_UTF8 = b"a\xffb\xe2\x82c\xc3"
LOGITS = np.log(np.array([[0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25],
                          [0.7, 0.1, 0.1, 0.1]], "float32"))


def masked_logits(tf):
    """The one-step model's mask: ``-inf`` at index 0 through a SparseTensor."""
    mask = tf.sparse.to_dense(tf.SparseTensor(values=[-float("inf")], indices=[[0]],
                                              dense_shape=[4]))
    return tf.random.categorical(LOGITS + mask, num_samples=6, seed=11)


def categorical_twice(tf):
    """A seeded op's kernel goes on with its stream: the second call draws new numbers."""
    first = tf.random.categorical(LOGITS, num_samples=5, seed=7)
    return tf.concat([first, tf.random.categorical(LOGITS, num_samples=5, seed=7)], 0)


def categorical_global_seed(tf):
    tf.random.set_seed(1234)
    first = tf.random.categorical(LOGITS, num_samples=3)
    return tf.concat([first, tf.random.categorical(LOGITS, num_samples=3)], 0)


def ints_ragged(tf):
    return tf.RaggedTensor.from_row_lengths(np.array([3, 1, 4, 1, 5, 9], "int64"), [3, 0, 2, 1])


CASES = [
    ("unicode_split_mixed", lambda tf: tf.strings.unicode_split(MIXED, "UTF-8")),
    ("unicode_split_scalar", lambda tf: tf.strings.unicode_split(MIXED[3], "UTF-8")),
    ("unicode_split_empty_scalar", lambda tf: tf.strings.unicode_split("", "UTF-8")),
    ("unicode_split_bad_replace", lambda tf: tf.strings.unicode_split(BAD_UTF8, "UTF-8")),
    ("unicode_split_bad_replacement_char",
     lambda tf: tf.strings.unicode_split(BAD_UTF8, "UTF-8", replacement_char=63)),
    ("unicode_split_bad_ignore",
     lambda tf: tf.strings.unicode_split(BAD_UTF8, "UTF-8", errors="ignore")),
    ("unicode_split_bad_strict",
     lambda tf: tf.strings.unicode_split(BAD_UTF8, "UTF-8", errors="strict")),
    ("unicode_split_unknown_errors",
     lambda tf: tf.strings.unicode_split("ab", "UTF-8", errors="skip")),
    ("reduce_join_ragged_rows",
     lambda tf: tf.strings.reduce_join(tf.strings.unicode_split(MIXED, "UTF-8"), axis=-1)),
    ("reduce_join_ragged_columns",
     lambda tf: tf.strings.reduce_join(tf.strings.unicode_split(MIXED, "UTF-8"), axis=0)),
    ("reduce_join_ragged_all",
     lambda tf: tf.strings.reduce_join(tf.strings.unicode_split(MIXED, "UTF-8"))),
    ("reduce_join_ragged_keepdims",
     lambda tf: tf.strings.reduce_join(tf.strings.unicode_split(["ab", "c"], "UTF-8"), axis=1,
                                       keepdims=True)),
    ("reduce_join_chars_of_text",
     lambda tf: tf.strings.reduce_join(tf.strings.unicode_split(MIXED[0], "UTF-8"), axis=-1)),
    ("ragged_to_tensor_strings",
     lambda tf: tf.strings.unicode_split(MIXED, "UTF-8").to_tensor()),
    ("ragged_to_tensor_strings_default",
     lambda tf: tf.strings.unicode_split(["ab", "c"], "UTF-8").to_tensor(default_value="?")),
    ("ragged_from_row_lengths", ints_ragged),
    ("ragged_to_tensor_ints", lambda tf: ints_ragged(tf).to_tensor()),
    ("ragged_to_tensor_ints_default", lambda tf: ints_ragged(tf).to_tensor(default_value=-1)),
    ("ragged_to_tensor_shape", lambda tf: ints_ragged(tf).to_tensor(shape=[2, 2])),
    ("ragged_numpy_ragged", lambda tf: ints_ragged(tf).numpy()),
    ("ragged_numpy_uniform",
     lambda tf: tf.RaggedTensor.from_row_lengths(np.arange(6), [3, 3]).numpy()),
    ("ragged_row_splits", lambda tf: ints_ragged(tf).row_splits),
    ("ragged_row_lengths", lambda tf: tf.strings.unicode_split(MIXED, "UTF-8").row_lengths()),
    ("ragged_row", lambda tf: ints_ragged(tf)[2]),
    ("ragged_rows_slice", lambda tf: ints_ragged(tf)[1:3]),
    ("sparse_mask_to_dense", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        values=[-float("inf")] * 1, indices=[[0]], dense_shape=[5]))),
    ("sparse_to_dense_2d", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4]))),
    ("sparse_to_dense_default", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        indices=[[0, 0], [1, 2]], values=[1.5, 2.5], dense_shape=[2, 3]), default_value=7)),
    ("sparse_to_dense_unordered_unvalidated", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        indices=[[2], [1]], values=[1.0, 2.0], dense_shape=[3]), validate_indices=False)),
    ("sparse_to_dense_out_of_bounds", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        indices=[[5]], values=[1.0], dense_shape=[3]))),
    ("sparse_to_dense_out_of_order", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        indices=[[2], [1]], values=[1.0, 2.0], dense_shape=[3]))),
    ("sparse_to_dense_repeated", lambda tf: tf.sparse.to_dense(tf.SparseTensor(
        indices=[[1], [1]], values=[1.0, 2.0], dense_shape=[3]))),
    ("sparse_values_count_mismatch", lambda tf: tf.SparseTensor(
        indices=[[0], [1]], values=[1.0], dense_shape=[3])),
    ("sparse_rank_mismatch", lambda tf: tf.SparseTensor(
        indices=[[0, 1]], values=[1.0], dense_shape=[3])),
    ("sparse_indices_rank", lambda tf: tf.SparseTensor(indices=[0], values=[1.0],
                                                       dense_shape=[3])),
    ("squeeze_last", lambda tf: tf.squeeze(tf.constant([[1], [2], [3]], tf.int64), axis=-1)),
    ("squeeze_not_one", lambda tf: tf.squeeze(tf.zeros([2, 3]), axis=-1)),
    ("categorical_seeded", lambda tf: tf.random.categorical(LOGITS, num_samples=7, seed=5)),
    ("categorical_one_sample_int32", lambda tf: tf.random.categorical(
        LOGITS[:1], num_samples=1, dtype=tf.int32, seed=3)),
    ("categorical_twice", categorical_twice),
    ("categorical_global_seed", categorical_global_seed),
    ("categorical_masked", masked_logits),
    ("categorical_not_a_matrix", lambda tf: tf.random.categorical(LOGITS[0], 1, seed=1)),
]


def text(value):
    """Bytes as JSON-safe text, in nested lists too."""
    if isinstance(value, list):
        return [text(v) for v in value]
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


def dtype_name(dtype):
    """TensorFlow's ``tf.string`` and NumPy's object dtype (bytes) are both "string"."""
    name = getattr(dtype, "name", str(dtype))
    return "string" if name in ("object", "string") else name


def numbers(values):
    """Floats as JSON-safe numbers (``-inf`` as a string)."""
    if isinstance(values, list):
        return [numbers(v) for v in values]
    if isinstance(values, float) and not np.isfinite(values):
        return str(values)
    return text(values)


def describe(result):
    """``{"kind", "dtype", "shape", "values"}`` of a Tensor, RaggedTensor or NumPy array."""
    if hasattr(result, "to_list"):
        return {"kind": "ragged", "dtype": dtype_name(result.dtype),
                "values": numbers(result.to_list())}
    array = result if isinstance(result, np.ndarray) else np.asarray(result.numpy())
    if array.dtype == object and array.ndim == 1 and any(
            isinstance(v, np.ndarray) for v in array):
        return {"kind": "rows", "values": [numbers(row.tolist()) for row in array]}
    kind = "numpy" if isinstance(result, np.ndarray) else "tensor"
    dtype = "string" if array.dtype.kind in "OS" else array.dtype.name
    return {"kind": kind, "dtype": dtype, "shape": list(array.shape),
            "values": numbers(array.tolist())}


def error_text(error):
    """An error's message without TensorFlow's ``{{function_node ...}}`` prefix and its
    ``[Op:...]`` suffix."""
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(error))
    return re.sub(r"\s*\[Op:\w+\]( name: \S*)?\s*$", "", message)


def outcome(call, tf):
    try:
        return describe(call(tf))
    except Exception as error:   # the error is the result of the case
        return {"error": type(error).__name__, "message": error_text(error)}
