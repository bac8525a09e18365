"""IntegerLookup: integers to contiguous indices, or back (``keras.layers.
preprocessing.integer_lookup``).

What it owns: ``IntegerLookup(max_tokens=None, num_oov_indices=1, mask_token=None,
oov_token=-1, vocabulary=None, vocabulary_dtype="int64", idf_weights=None,
invert=False, output_mode="int", sparse=False, pad_to_max_tokens=False)``, the
integer face of ``index_lookup.IndexLookup``: tokens are Python ints, ties in
``adapt`` are broken by the value (higher first), several OOV indices share the
unknown values by ``value mod num_oov_indices``, and ``invert=True`` hands on int64
values (unknown indices give ``oov_token``, -1 by default).

What it receives: integers (NumPy, Tensors, lists, a ragged batch). What it hands on:
see ``IndexLookup``.

Trace events: the ``adapt`` span of ``PreprocessingLayer``; the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras.layers.preprocessing.index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    """``IntegerLookup(max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
    vocabulary=None, vocabulary_dtype="int64", ..., invert=False, output_mode="int")``."""

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
                 vocabulary=None, vocabulary_dtype="int64", idf_weights=None, invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False, **kwargs):
        if np.dtype(vocabulary_dtype).kind not in "iu":
            raise ValueError("`vocabulary_dtype` must be an integer dtype. "
                             f"Received: {vocabulary_dtype}")
        if output_mode != "int" and kwargs.get("dtype") == "int64":
            del kwargs["dtype"]
        for old, new in (("max_values", "max_tokens"), ("mask_value", "mask_token"),
                         ("oov_value", "oov_token")):
            if old in kwargs:   # deprecated names Keras still takes
                value = kwargs.pop(old)
                max_tokens = value if new == "max_tokens" else max_tokens
                mask_token = value if new == "mask_token" else mask_token
                oov_token = value if new == "oov_token" else oov_token
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError("If `max_tokens` is set for `IntegerLookup`, it must be greater "
                             f"than 1. Received: max_tokens={max_tokens}.")
        if num_oov_indices < 0:
            raise ValueError("The value of `num_oov_indices` argument for `IntegerLookup` must "
                             f">= 0. Received num_oov_indices={num_oov_indices}.")
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=None if mask_token is None else int(mask_token),
                         oov_token=None if oov_token is None else int(oov_token),
                         vocabulary=vocabulary, vocabulary_dtype=vocabulary_dtype,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode,
                         sparse=sparse, pad_to_max_tokens=pad_to_max_tokens, **kwargs)

    def _to_token(self, value):
        if isinstance(value, (bytes, str, np.bytes_, np.str_)):
            raise TypeError(f"{type(self).__name__} expects integers. Received: {value!r}")
        return int(value)

    def _token_from_text(self, line):
        return int(line)

    def _numpy_token(self, token):
        return np.int64(token)

    def _special_shown(self, special):
        return [np.int64(t) for t in special]

    def _input_numpy_dtype(self):
        return np.int64

    def _oov_bucket(self, key):
        return key % self.num_oov_indices

    def _tokens_array(self, tokens):
        return np.asarray(tokens, np.dtype(self.vocabulary_dtype))

    def _output_numpy_dtype(self):
        return np.dtype(self.vocabulary_dtype) if self.invert else np.dtype(self._dtype)
