"""The table of ``tf.strings`` calls whose results tracekeras must share with TensorFlow.

Each case is ``(name, call)``: ``call(tf)`` returns a string op's result. The same table
runs through real TensorFlow in ``make_string_fixtures.py`` (which writes
``data/tf_strings.json``) and through tracekeras's ``tf`` in ``test_string_ops.py``.
:func:`describe` turns a result (Tensor or RaggedTensor) into JSON-safe data the same way
for both. Plain NumPy only: no TensorFlow import here.
"""
import re
import string

import numpy as np

TEXTS = ["Hello World", "  <br />Mixed CASE, punctuation!  ", "tabs\tand\nnew  lines", "",
         "héllo ÉCOLE", "a,b,,c"]
WORDS = ["The movie was great!", "one two,three", " spaced  out "]
PUNCTUATION = f"[{re.escape(string.punctuation)}]"   # the text classification tutorial's


def tutorial_standardization(tf, texts):
    lowercase = tf.strings.lower(texts)
    stripped_html = tf.strings.regex_replace(lowercase, "<br />", " ")
    return tf.strings.regex_replace(stripped_html, PUNCTUATION, "")


CASES = [
    ("constant", lambda tf: tf.constant(TEXTS)),
    ("add_str_tensor_str", lambda tf: "wavs/" + tf.constant("LJ001-0001") + ".wav"),
    ("add_tensors", lambda tf: tf.constant(TEXTS) + tf.constant(TEXTS)),
    ("add_bytes_vector", lambda tf: tf.constant(TEXTS) + b"!"),
    ("lower", lambda tf: tf.strings.lower(TEXTS)),
    ("upper", lambda tf: tf.strings.upper(TEXTS)),
    ("lower_utf8", lambda tf: tf.strings.lower(TEXTS, encoding="utf-8")),
    ("upper_utf8", lambda tf: tf.strings.upper(TEXTS, encoding="utf-8")),
    ("strip", lambda tf: tf.strings.strip(TEXTS)),
    ("length", lambda tf: tf.strings.length(TEXTS)),
    ("length_utf8", lambda tf: tf.strings.length(TEXTS, unit="UTF8_CHAR")),
    ("tutorial_standardization", lambda tf: tutorial_standardization(tf, TEXTS)),
    ("regex_swap_groups", lambda tf: tf.strings.regex_replace(TEXTS, r"(\w+) (\w+)", r"\2 \1")),
    ("regex_whole_match", lambda tf: tf.strings.regex_replace(TEXTS, r"[aeiou]", r"<\0>")),
    ("regex_first_only", lambda tf: tf.strings.regex_replace(TEXTS, "l", "L",
                                                             replace_global=False)),
    ("regex_posix_class", lambda tf: tf.strings.regex_replace(TEXTS, "[[:upper:]]", "_")),
    ("regex_ascii_word", lambda tf: tf.strings.regex_replace(TEXTS, r"\w+", "w")),
    ("regex_whitespace", lambda tf: tf.strings.regex_replace(TEXTS, r"\s+", " ")),
    ("regex_full_match", lambda tf: tf.strings.regex_full_match(TEXTS, r"[a-z, ]+")),
    ("split_whitespace", lambda tf: tf.strings.split(WORDS)),
    ("split_sep", lambda tf: tf.strings.split(TEXTS, sep=",")),
    ("split_maxsplit", lambda tf: tf.strings.split(WORDS, maxsplit=1)),
    ("split_ascii_whitespace_only", lambda tf: tf.strings.split(["a\u00a0b c\u2003d\x1ce"])),
    ("split_scalar", lambda tf: tf.strings.split("a b  c")),
    ("bytes_split", lambda tf: tf.strings.bytes_split(["ab", "", "xyz"])),
    ("unicode_split", lambda tf: tf.strings.unicode_split(["héllo", "ab"], "UTF-8")),
    ("join", lambda tf: tf.strings.join([WORDS, ["x", "y", "z"]], separator="-")),
    ("join_broadcast", lambda tf: tf.strings.join([WORDS, "!"])),
    ("reduce_join", lambda tf: tf.strings.reduce_join(WORDS, separator="|")),
    ("reduce_join_axis", lambda tf: tf.strings.reduce_join([["a", "b"], ["c", "d"]], axis=1)),
    ("reduce_join_keepdims", lambda tf: tf.strings.reduce_join([["a", "b"], ["c", "d"]],
                                                               axis=0, keepdims=True)),
    ("substr", lambda tf: tf.strings.substr(WORDS, 1, 4)),
    ("substr_negative", lambda tf: tf.strings.substr(WORDS, -3, 2)),
    ("substr_utf8", lambda tf: tf.strings.substr(["héllo", "École"], 1, 3, unit="UTF8_CHAR")),
    ("as_string_float", lambda tf: tf.strings.as_string(np.array([1.5, -3.14159265, 0.0],
                                                                 "float32"))),
    ("as_string_int", lambda tf: tf.strings.as_string(np.array([1, -20, 300], "int32"))),
    ("as_string_bool", lambda tf: tf.strings.as_string(np.array([True, False]))),
    ("as_string_precision", lambda tf: tf.strings.as_string(np.array([1.5, 2.25], "float32"),
                                                            precision=1)),
    ("as_string_scientific", lambda tf: tf.strings.as_string(np.array([12345.678], "float32"),
                                                             scientific=True)),
    ("as_string_width", lambda tf: tf.strings.as_string(np.array([7, 42], "int32"), width=4,
                                                        fill="0")),
    ("to_number", lambda tf: tf.strings.to_number(["1.5", "-2", " 3e2", "0.1"])),
    ("to_number_int", lambda tf: tf.strings.to_number(["12", "-7"], out_type=tf.int32)),
    ("expand_dims", lambda tf: tf.expand_dims(tf.constant(WORDS), -1)),
]


def text(value):
    """Bytes as JSON-safe text (undecodable bytes kept as surrogates), in nested lists too."""
    if isinstance(value, list):
        return [text(v) for v in value]
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


def describe(result):
    """``{"kind", "dtype", "shape", "values"}`` of a Tensor or RaggedTensor."""
    if hasattr(result, "to_list"):
        return {"kind": "ragged", "dtype": "string", "values": text(result.to_list())}
    array = np.asarray(result.numpy())
    dtype = "string" if array.dtype.kind in "OS" else array.dtype.name   # a scalar: bytes
    return {"kind": "tensor", "dtype": dtype, "shape": list(array.shape),
            "values": text(array.tolist())}
