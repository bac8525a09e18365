"""The vocabulary behind TextVectorization: tokens -> indices -> encodings
(``keras.layers.preprocessing.index_lookup``, as ``StringLookup`` uses it).

What it owns: ``IndexLookup``, a plain helper object (Keras makes it a layer,
``StringLookup``; here it is the state of ``TextVectorization``): the token counts
gathered by ``update_state`` (and, for ``tf_idf``, in how many documents each token
occurs), ``finalize_state`` (the vocabulary: most frequent first, ties broken by the
token itself, higher first, as Keras sorts with ``np.lexsort(...)[::-1]``; cut to
``max_tokens``), ``lookup`` (each token's index; an unknown token gets the OOV index,
the empty mask token 0) and ``encode`` (``multi_hot``, ``count`` or ``tf_idf``
rows of ``vocabulary_size`` (or ``max_tokens``) columns).

Index layout, as in Keras: in ``int`` mode ``["", "[UNK]", tokens...]`` (0 pads, 1
is out of vocabulary); in the other modes ``["[UNK]", tokens...]``. The idf weight
of a token is ``log(1 + documents / (1 + documents containing it))``; the OOV slot
gets the mean of the others.

What it receives: lists of token lists (one per document). What it hands on: NumPy
arrays (int64 indices; float32 encodings).

Trace events: none (``TextVectorization.adapt`` is traced).
"""
import collections

import numpy as np

MASK_TOKEN, OOV_TOKEN = "", "[UNK]"


class IndexLookup:
    """``IndexLookup(max_tokens, output_mode, vocabulary=None, idf_weights=None,
    pad_to_max_tokens=False)``."""

    def __init__(self, max_tokens, output_mode, vocabulary=None, idf_weights=None,
                 pad_to_max_tokens=False):
        self.max_tokens = max_tokens
        self.output_mode = output_mode
        self.pad_to_max_tokens = pad_to_max_tokens
        self.input_vocabulary = vocabulary
        self.input_idf_weights = idf_weights
        self.has_input_vocabulary = vocabulary is not None
        self.reset_state()
        self.tokens = []
        self.idf_weights = None
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # -- state --------------------------------------------------------------------
    def reset_state(self):
        self.token_counts = collections.Counter()
        self.document_counts = collections.Counter()
        self.num_documents = 0

    def token_start_index(self):
        """Where the learned tokens start: after the mask token (int mode) and OOV."""
        return 2 if self.output_mode == "int" else 1

    def update_state(self, documents):
        if self.has_input_vocabulary:
            raise ValueError("Cannot adapt StringLookup layer after setting a static "
                             "vocabulary via init argument or `set_vocabulary`.")
        for tokens in documents:
            self.token_counts.update(tokens)
            if self.output_mode == "tf_idf":
                self.document_counts.update(set(tokens))
        self.num_documents += len(documents)

    def finalize_state(self):
        if self.has_input_vocabulary or not self.token_counts:
            return
        for special in (MASK_TOKEN, OOV_TOKEN):
            self.token_counts.pop(special, None)
        ranked = sorted(self.token_counts.items(),
                        key=lambda item: (item[1], item[0].encode("utf-8")), reverse=True)
        if self.max_tokens:
            ranked = ranked[:self.max_tokens - self.token_start_index()]
        self.tokens = [token for token, _ in ranked]
        if self.output_mode == "tf_idf":
            counts = np.array([self.document_counts[t] for t in self.tokens], np.int64)
            weights = np.log(1 + self.num_documents / (1 + counts)).astype(np.float32)
            self.idf_weights = np.concatenate([[weights.mean()], weights]).astype(np.float32)

    def set_vocabulary(self, vocabulary, idf_weights=None):
        vocabulary = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in vocabulary]
        if self.output_mode == "tf_idf" and idf_weights is None:
            raise ValueError("`idf_weights` must be set if output_mode is 'tf_idf'.")
        self.tokens = [v for v in vocabulary if v not in (MASK_TOKEN, OOV_TOKEN)]
        if idf_weights is not None:
            weights = np.asarray(idf_weights, np.float32)
            self.idf_weights = np.concatenate([[weights.mean()], weights]).astype(np.float32)

    # -- reading it -----------------------------------------------------------------
    def get_vocabulary(self, include_special_tokens=True):
        if not include_special_tokens:
            return list(self.tokens)
        special = [MASK_TOKEN, OOV_TOKEN] if self.output_mode == "int" else [OOV_TOKEN]
        return special + list(self.tokens)

    def vocabulary_size(self):
        return len(self.tokens) + self.token_start_index() if self.tokens else 0

    def lookup(self, documents):
        """One list of int64 indices per document."""
        start = self.token_start_index()
        table = {token: i + start for i, token in enumerate(self.tokens)}
        oov = start - 1
        mask = 0 if self.output_mode == "int" else None
        return [[mask if t == MASK_TOKEN and mask is not None else table.get(t, oov)
                 for t in tokens] for tokens in documents]

    def encode(self, documents):
        """``multi_hot``/``count``/``tf_idf`` rows (float32), one per document."""
        depth = self.max_tokens if self.pad_to_max_tokens else self.vocabulary_size()
        if not depth:
            raise RuntimeError(f"When using `output_mode={self.output_mode}` and "
                               "`pad_to_max_tokens=False`, you must set the layer's "
                               "vocabulary before calling it. Either pass a `vocabulary` "
                               "argument to the layer, or call `adapt` with some sample data.")
        out = np.zeros((len(documents), depth), np.float32)
        for row, indices in enumerate(self.lookup(documents)):
            np.add.at(out[row], np.asarray(indices, np.int64), 1.0)
        if self.output_mode == "multi_hot":
            return np.minimum(out, 1.0)
        if self.output_mode == "tf_idf":
            weights = np.zeros(depth, np.float32)
            weights[:len(self.idf_weights)] = self.idf_weights
            return out * weights
        return out
