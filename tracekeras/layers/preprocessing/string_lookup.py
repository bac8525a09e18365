"""StringLookup: strings to integer indices, or back (``keras.layers.preprocessing.
string_lookup``).

What it owns: ``StringLookup(max_tokens=None, num_oov_indices=1, mask_token=None,
oov_token="[UNK]", vocabulary=None, idf_weights=None, encoding="utf-8",
invert=False, output_mode="int", sparse=False, pad_to_max_tokens=False)``, the
string face of ``index_lookup.IndexLookup``: tokens are Python ``str`` (bytes are
decoded with ``encoding``), ties in ``adapt`` are broken by the tokens' UTF-8 bytes
(higher first), several OOV indices share the unknown strings by FarmHash's
``Fingerprint64`` (``tf.strings.to_hash_bucket_fast``), and ``invert=True`` hands on
strings as TensorFlow does, an object array of ``bytes``.

What it receives: strings (``str``, ``bytes``, NumPy or Tensors of them, a ragged
batch). What it hands on: see ``IndexLookup``.

Trace events: the ``adapt`` span of ``PreprocessingLayer``; the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras.backend import fingerprint
from tracekeras.layers.preprocessing.index_lookup import IndexLookup


class StringLookup(IndexLookup):
    """``StringLookup(max_tokens=None, num_oov_indices=1, mask_token=None,
    oov_token="[UNK]", vocabulary=None, ..., invert=False, output_mode="int")``."""

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token="[UNK]",
                 vocabulary=None, idf_weights=None, encoding="utf-8", invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False, **kwargs):
        if kwargs.get("dtype") == "string":
            del kwargs["dtype"]
        self.encoding = encoding
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         vocabulary_dtype="string", idf_weights=idf_weights, invert=invert,
                         output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, **kwargs)

    def _to_token(self, value):
        if isinstance(value, (bytes, np.bytes_)):
            return bytes(value).decode(self.encoding)
        if isinstance(value, str):
            return str(value)
        raise TypeError(f"{type(self).__name__} expects strings. Received: {value!r} of type "
                        f"{type(value).__name__}")

    def _numpy_token(self, token):
        return np.str_(token)

    def _format_oov(self, missing):
        return "[" + " ".join(f'"{m}"' for m in missing) + "]"

    def _sort_key(self, token):
        return token.encode("utf-8")

    def _oov_bucket(self, key):
        return fingerprint.to_hash_bucket_fast(key.encode("utf-8"), self.num_oov_indices)

    def _tokens_array(self, tokens):
        out = np.empty(len(tokens), dtype=object)
        out[:] = [t.encode(self.encoding) if isinstance(t, str) else t for t in tokens]
        return out

    def _output_numpy_dtype(self):
        return np.dtype(object) if self.invert else np.dtype(self._dtype)

    def get_config(self):
        config = super().get_config()
        del config["vocabulary_dtype"]
        config["encoding"] = self.encoding
        return config
