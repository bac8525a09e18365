"""IndexLookup: a vocabulary that maps tokens to indices, or back
(``keras.layers.preprocessing.index_lookup``; ``StringLookup`` and ``IntegerLookup``
are its two faces, ``TextVectorization`` holds a ``StringLookup``).

What it owns: ``IndexLookup(max_tokens, num_oov_indices, mask_token, oov_token,
vocabulary_dtype, vocabulary=None, idf_weights=None, invert=False, output_mode="int",
sparse=False, pad_to_max_tokens=False)``, a ``PreprocessingLayer``. Its table is a
dict from token to index. Index layout, as in Keras: the mask token first (only when
one is set and ``output_mode="int"``), then ``num_oov_indices`` OOV slots, then the
tokens. ``adapt`` counts tokens (``update_state``; for ``tf_idf`` also in how many
documents each occurs) and ``finalize_state`` orders them most frequent first, ties
broken by the token itself, higher first (Keras sorts with ``np.lexsort(...)[::-1]``),
cut to ``max_tokens``. A given vocabulary (a list, array or the path of a file with
one token a line) may start with the special tokens in their order; found elsewhere
they are an error. ``call`` looks each input up: the mask token gives 0, an unknown
token the one OOV index, or with several OOV indices its hash bucket
(``Fingerprint64`` of a string, the value modulo the count of an integer), or with
none an error; ``invert=True`` maps indices back to tokens (unknown ones to the OOV
token). The other output modes encode the indices in rows of ``vocabulary_size()``
columns (or ``max_tokens`` with ``pad_to_max_tokens``); ``tf_idf`` weighs each count
by ``log(1 + documents / (1 + documents containing the token))`` (float64, cast to
float32), the OOV slots by their float32 mean, summed in TensorFlow's order
(``backend.full_reduction``). Saved in a ``.keras`` archive, an adapted vocabulary goes to
``vocabulary.txt`` (``save_assets``) and, for ``tf_idf``, the idf weights to the weights
file as "idf_weights" (``saved_variables``, Keras's ``save_own_variables``).

What it receives: tokens (strings or integers) in NumPy arrays, Tensors, lists, or a
ragged batch (a ``RaggedTensor`` or a list of token lists). What it hands on: int64
indices (a ``RaggedTensor`` for a ragged batch), float32 encodings, or tokens when
inverted; no gradient.

Trace events: the ``adapt`` span of ``PreprocessingLayer``; the ``Layer.__call__`` spans.
"""
import collections
import os

import numpy as np

from tracekeras import backend
from tracekeras.backend.full_reduction import full_mean
from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.engine import base_layer
from tracekeras.engine.base_preprocessing_layer import PreprocessingLayer
from tracekeras.layers.preprocessing.preprocessing_utils import (
    COUNT,
    INT,
    MULTI_HOT,
    ONE_HOT,
    TF_IDF,
    compute_shape_for_encode_categorical,
    encode_categorical_inputs,
    listify,
    validate_string_arg,
)


class IndexLookup(PreprocessingLayer):
    """``IndexLookup(max_tokens, num_oov_indices, mask_token, oov_token,
    vocabulary_dtype, vocabulary=None, idf_weights=None, invert=False,
    output_mode="int", sparse=False, pad_to_max_tokens=False)``."""

    def __init__(self, max_tokens, num_oov_indices, mask_token, oov_token, vocabulary_dtype,
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 sparse=False, pad_to_max_tokens=False, **kwargs):
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError("If set, `max_tokens` must be greater than 1. "
                             f"Received: max_tokens={max_tokens}")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError("If pad_to_max_tokens is True, must set `max_tokens`. "
                             f"Received: max_tokens={max_tokens}")
        if num_oov_indices < 0:
            raise ValueError("`num_oov_indices` must be greater than or equal to 0. "
                             f"Received: num_oov_indices={num_oov_indices}")
        output_mode = {"binary": MULTI_HOT, "tf-idf": TF_IDF}.get(output_mode, output_mode)
        validate_string_arg(output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT, TF_IDF),
                            type(self).__name__, "output_mode")
        if invert and output_mode != INT:
            raise ValueError("`output_mode` must be `'int'` when `invert` is true. "
                             f"Received: output_mode={output_mode}")
        if sparse and output_mode == INT:
            raise ValueError("`sparse` may only be true if `output_mode` is `'one_hot'`, "
                             "`'multi_hot'`, `'count'` or `'tf_idf'`. Received: "
                             f"sparse={sparse} and output_mode={output_mode}")
        if idf_weights is not None and output_mode != TF_IDF:
            raise ValueError("`idf_weights` should only be set if `output_mode` is "
                             f"`'tf_idf'`. Received: idf_weights={idf_weights} and "
                             f"output_mode={output_mode}")
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self._frozen_vocab_size = kwargs.pop("vocabulary_size", None)
        self.input_vocabulary = vocabulary
        self.input_idf_weights = idf_weights
        self._has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        kwargs.pop("has_static_table", None)
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == INT else backend.floatx()
        super().__init__(**kwargs)
        if output_mode == INT and np.dtype(self._dtype).kind not in "iu":
            raise ValueError("When `output_mode='int'`, `dtype` should be an integer type. "
                             f"Received: dtype={kwargs['dtype']}")
        self._tokens = []          # the learned or given tokens, in index order
        self._table = {}           # token -> index (inverted: index -> token)
        self.idf_weights = (np.zeros(self._token_start_index(), self._dtype)
                            if output_mode == TF_IDF else None)
        self.reset_state()
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # -- the vocabulary -------------------------------------------------------------
    def _oov_start_index(self):
        return 1 if self.mask_token is not None and self.output_mode == INT else 0

    def _token_start_index(self):
        return self._oov_start_index() + self.num_oov_indices

    def _default_value(self):
        return self._oov_start_index() if self.num_oov_indices == 1 else -1

    def _to_token(self, value):
        """One vocabulary entry as the table keeps it (str or int)."""
        raise NotImplementedError

    def vocabulary_size(self):
        """The size of the vocabulary, mask and OOV indices included."""
        return len(self._tokens) + self._token_start_index()

    def vocab_size(self):
        return self.vocabulary_size()

    def get_vocabulary(self, include_special_tokens=True):
        """The vocabulary, each token at its index (OOV slots named by the OOV token). As in
        Keras, whose tokens come out of its lookup table, the tokens are NumPy scalars
        (``numpy.str_``), and an integer vocabulary's special tokens are ``numpy.int64``
        (IntegerLookup keeps them so); a printed vocabulary shows it."""
        vocab = [self.oov_token] * self._token_start_index() + self._tensor_vocab_to_numpy()
        if self.mask_token is not None and self.output_mode == INT:
            vocab[0] = self.mask_token
        if self.vocabulary_dtype != "string":
            vocab = [np.int64(token) for token in vocab[:self._token_start_index()]] + \
                vocab[self._token_start_index():]
        if not include_special_tokens:
            vocab = vocab[self._token_start_index():]
        return vocab

    def _tensor_vocab_to_numpy(self):
        """The tokens as a list of NumPy scalars of the vocabulary's dtype."""
        dtype = str if self.vocabulary_dtype == "string" else np.dtype(self.vocabulary_dtype)
        return list(np.array(self._tokens, dtype=dtype))

    def _use_tokens(self, tokens, idf_weights=None):
        """Install ``tokens`` (and the idf weights made for them), once the size is allowed."""
        start = self._token_start_index()
        self._ensure_vocab_size_unchanged(start + len(tokens))
        self._tokens = list(tokens)
        self._table = {token: index + start for index, token in enumerate(self._tokens)}
        if idf_weights is not None:
            self.idf_weights = idf_weights
        self._frozen_vocab_size = self.vocabulary_size()

    def _record_vocabulary_size(self):
        self._ensure_vocab_size_unchanged(self.vocabulary_size())
        self._frozen_vocab_size = self.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Set the vocabulary (a list, array, or the path of a file of one token a line)
        and, for ``tf_idf``, its idf weights."""
        if self.output_mode == TF_IDF:
            if idf_weights is None:
                raise ValueError("`idf_weights` must be set if output_mode is TF_IDF")
        elif idf_weights is not None:
            raise ValueError("`idf_weights` should only be set if output_mode is `'tf_idf'`. "
                             f"Received: output_mode={self.output_mode} and "
                             f"idf_weights={idf_weights}")
        if isinstance(vocabulary, str):
            self._set_vocabulary_from_file(vocabulary)
            return
        vocabulary = np.asarray(getattr(vocabulary, "value", vocabulary))
        if vocabulary.size == 0:
            raise ValueError(f"Cannot set an empty vocabulary, you passed {vocabulary}.")
        vocabulary = [self._to_token(v) for v in vocabulary.reshape(-1)]
        token_start = self._token_start_index()
        special = ([self.mask_token] * self._oov_start_index()
                   + [self.oov_token] * self.num_oov_indices)
        found_special_tokens = vocabulary[:token_start] == special
        tokens = vocabulary[token_start:] if found_special_tokens else vocabulary
        repeated = [self._numpy_token(t) for t, n in collections.Counter(tokens).items()
                    if n > 1]
        if repeated:
            raise ValueError("The passed vocabulary has at least one repeated term. Please "
                             f"uniquify your dataset. The repeated terms are {repeated}")
        self._check_reserved(vocabulary, tokens, special)
        if self.max_tokens is not None and token_start + len(tokens) > self.max_tokens:
            raise ValueError("Attempted to set a vocabulary larger than the maximum vocab "
                             f"size. Passed vocab size is {token_start + len(tokens)}, max "
                             f"vocab size is {self.max_tokens}.")
        weights = None
        if self.output_mode == TF_IDF and idf_weights is not False:   # False: kept as they are
            weights = self._idf_array(vocabulary, idf_weights, found_special_tokens)
        self._use_tokens(tokens, weights)    # every check done: nothing changed before here

    def _check_reserved(self, vocabulary, tokens, special):
        """The mask token (and, inverted, the OOV token) only at the start."""
        for name, token, applies in (("mask_token", self.mask_token, True),
                                     ("oov_token", self.oov_token, self.invert)):
            if token is None or not applies or token not in tokens:
                continue
            index = [i for i, v in enumerate(vocabulary) if v == token][-1]
            kind = "mask" if name == "mask_token" else "OOV"
            raise ValueError(
                f"Found reserved {kind} token at unexpected location in `vocabulary`. Note "
                "that passed `vocabulary` does not need to include the OOV and mask tokens. "
                "Either remove all mask and OOV tokens, or include them only at the start of "
                f"the vocabulary in precisely this order: {self._special_shown(special)}. "
                f"Received: {name}={token} at vocabulary index [{index}]")

    def _numpy_token(self, token):
        """A token as the NumPy scalar Keras holds (how its messages print it)."""
        raise NotImplementedError

    def _special_shown(self, special):
        return special

    def save_assets(self, dir_path):
        """An adapted vocabulary (special tokens included) to ``vocabulary.txt``, one token a
        line, for the ``.keras`` archive (a given vocabulary is in the config)."""
        if self.input_vocabulary:
            return
        with open(os.path.join(dir_path, "vocabulary.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(str(token) for token in self.get_vocabulary()))

    def saved_variables(self):
        """What Keras's ``save_own_variables`` writes to the weights file: for ``tf_idf`` the
        idf weights as "idf_weights" (``load_own_variables`` assigns them before
        ``load_assets`` sets the vocabulary, keeping them); nothing in the other modes."""
        return {"idf_weights": IdfWeights(self)} if self.output_mode == TF_IDF else {}

    def load_assets(self, dir_path):
        if self.input_vocabulary:
            return
        with open(os.path.join(dir_path, "vocabulary.txt"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        values = [self._token_from_text(line) for line in lines]
        if self.output_mode == TF_IDF:
            self.set_vocabulary(values, idf_weights=False)
        else:
            self.set_vocabulary(values)

    def _token_from_text(self, line):
        return line

    def _set_vocabulary_from_file(self, path):
        if not os.path.exists(path):
            raise ValueError(f"Vocabulary file {path} does not exist.")
        if self.output_mode == TF_IDF:
            raise ValueError("output_mode `'tf_idf'` does not support loading a vocabulary "
                             "from file.")
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        self._use_tokens([self._to_token(line.rstrip("\r")) for line in lines])

    def _idf_array(self, vocabulary, idf_weights, found_special_tokens):
        weights = np.asarray(getattr(idf_weights, "value", idf_weights))
        if len(vocabulary) != len(weights):
            raise ValueError("`idf_weights` must be the same length as vocabulary. "
                             f"len(idf_weights) is {len(vocabulary)}, len(vocabulary) is "
                             f"{len(weights)}")
        if weights.ndim != 1:
            raise ValueError(f"TF-IDF data must be a 1-index array, but received {type(weights)}")
        front = 0 if found_special_tokens else self._token_start_index()
        front_value = 0 if found_special_tokens else np.average(weights)
        back = (self.max_tokens - front - len(weights)
                if self.pad_to_max_tokens and self.max_tokens is not None else 0)
        return np.pad(weights, (front, back), "constant",
                      constant_values=(front_value, 0)).astype(self._dtype)

    # -- adapt ------------------------------------------------------------------------
    def reset_state(self):
        self.token_counts = collections.Counter()
        self.token_document_counts = collections.Counter()
        self.num_documents = 0

    def update_state(self, data):
        if self._has_input_vocabulary:
            raise ValueError(f"Cannot adapt {type(self).__name__} layer after setting a static "
                             "vocabulary via init argument or `set_vocabulary`.")
        rows = self._rows(data)
        for row in rows:
            self.token_counts.update(row)
            if self.output_mode == TF_IDF:
                self.token_document_counts.update(set(row))
        self.num_documents += len(rows)

    def _rows(self, data):
        """The data as a list of token lists (a rank-0 or rank-1 input is one row)."""
        if isinstance(data, RaggedTensor) or (isinstance(data, list) and data
                                              and isinstance(data[0], (list, np.ndarray))):
            rows = data.rows if isinstance(data, RaggedTensor) else data
            return [[self._to_token(v) for v in np.asarray(row, object).reshape(-1)]
                    for row in rows]
        values = np.asarray(getattr(data, "value", data), dtype=object)
        if values.ndim <= 1:
            values = values.reshape(1, -1)
        values = values.reshape(values.shape[0], -1)
        return [[self._to_token(v) for v in row] for row in values]

    def finalize_state(self):
        if self._has_input_vocabulary or not self.token_counts:
            self._record_vocabulary_size()
            return
        for special in (self.mask_token, self.oov_token):
            if special is not None:
                self.token_counts.pop(special, None)
        ranked = sorted(self.token_counts.items(), key=lambda item: (item[1],
                                                                     self._sort_key(item[0])),
                        reverse=True)
        if self.max_tokens:
            ranked = ranked[:self.max_tokens - self._token_start_index()]
        tokens = [token for token, _ in ranked]
        weights = None
        if self.output_mode == TF_IDF:
            counts = np.array([self.token_document_counts[t] for t in tokens], np.int64)
            # float64, as Keras's int64 tensors divide; the OOV slots get the float32
            # reduce_mean of the token weights, summed in TensorFlow's order
            weights = np.log(1 + self.num_documents / (1 + counts)).astype(self._dtype)
            mean = full_mean(weights).astype(self._dtype)
            weights = np.concatenate([np.full(self._token_start_index(), mean, self._dtype),
                                      weights])
            if self.pad_to_max_tokens and self.max_tokens is not None:
                weights = np.pad(weights, (0, self.max_tokens - len(weights)))
            weights = weights.astype(self._dtype)
        self._use_tokens(tokens, weights)
        self.reset_state()

    def _sort_key(self, token):
        return token

    def _ensure_vocab_size_unchanged(self, new):
        """Refuse a vocabulary of ``new`` entries where the encoding width is fixed."""
        if self.output_mode == INT or self.pad_to_max_tokens:
            return
        if self._frozen_vocab_size is not None and new != self._frozen_vocab_size:
            raise RuntimeError(f"When using `output_mode={self.output_mode}` and "
                               "`pad_to_max_tokens=False`, the vocabulary size cannot be "
                               "changed after the layer is called. Old vocab size is "
                               f"{self._frozen_vocab_size}, new vocab size is {new}")

    # -- calling ----------------------------------------------------------------------
    def __call__(self, inputs, *args, **kwargs):
        """Lists of tokens become arrays (a ``RaggedTensor`` is looked up row by row)."""
        if isinstance(inputs, (list, tuple, str, bytes)):
            inputs = np.asarray(inputs, dtype=self._input_numpy_dtype())
        return super().__call__(inputs, *args, **kwargs)

    def _input_numpy_dtype(self):
        return object

    def _ensure_known_vocab_size(self):
        if self.output_mode == INT or self.pad_to_max_tokens:
            return
        if self._frozen_vocab_size is None:
            raise RuntimeError(f"When using `output_mode={self.output_mode}` and "
                               "`pad_to_max_tokens=False`, you must set the layer's "
                               "vocabulary before calling it. Either pass a `vocabulary` "
                               "argument to the layer, or call `adapt` with some sample data.")

    def call(self, inputs):
        self._ensure_known_vocab_size()
        if isinstance(inputs, RaggedTensor):
            rows = [self._lookup_dense(row) for row in inputs.rows]
            if self.output_mode == INT:
                return ragged(rows, self._output_numpy_dtype())
            return self._encode(rows)
        values = np.asarray(getattr(inputs, "value", inputs))
        lookups = self._lookup_dense(values)
        if self.output_mode == INT:
            return backend.Tensor(lookups)
        return self._encode(lookups)

    def _encode(self, indices):
        depth = self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size
        return encode_categorical_inputs(
            indices, self.output_mode, depth, self._dtype,
            idf_weights=self.idf_weights if self.output_mode == TF_IDF else None,
            sparse=self.sparse)

    def _output_numpy_dtype(self):
        return np.dtype(self._dtype)

    def _lookup_dense(self, values):
        """Each value's index (or, inverted, each index's token), mask and OOV handled."""
        values = np.asarray(values)
        if not base_layer.executing_eagerly():   # placeholders: Keras's zeros_like
            return (self._tokens_array([self.oov_token] * values.size).reshape(values.shape)
                    if self.invert else np.zeros(values.shape, self._output_numpy_dtype()))
        flat = values.reshape(-1)
        if self.invert:
            return self._lookup_inverted(flat).reshape(values.shape)
        keys = [self._to_token(v) for v in flat]
        default = self._default_value()
        out = np.array([self._table.get(k, default) for k in keys], np.int64)
        if self.mask_token is not None:
            mask_value = 0 if self.output_mode == INT else np.iinfo(np.int64).max
            out[[k == self.mask_token for k in keys]] = mask_value
        if self.num_oov_indices == 0 and (out == -1).any():
            missing = [keys[i] for i in np.flatnonzero(out == -1)]
            raise InvalidArgumentError(
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                "b'When `num_oov_indices=0` all inputs should be in vocabulary, found OOV "
                f"values {self._format_oov(missing)}, consider setting `num_oov_indices=1`.'")
        if self.num_oov_indices > 1:
            unknown = np.flatnonzero(out == default)
            out[unknown] = [self._oov_bucket(keys[i]) + self._oov_start_index()
                            for i in unknown]
        if self.output_mode == INT:
            out = out.astype(self._dtype)
        return out.reshape(values.shape)

    def _lookup_inverted(self, flat):
        indices = [int(v) for v in flat]
        table = {index: token for token, index in self._table.items()}
        out = [table.get(i, self.oov_token) for i in indices]
        if self.mask_token is not None:
            out = [self.mask_token if i == 0 else token for i, token in zip(indices, out)]
        return self._tokens_array(out)

    def _tokens_array(self, tokens):
        raise NotImplementedError

    def _oov_bucket(self, key):
        raise NotImplementedError

    def _format_oov(self, missing):
        """The values as ``tf.strings.format`` prints a tensor: ``["zz" "q"]``, ``[1000]``."""
        return "[" + " ".join(str(m) for m in missing) + "]"

    def compute_output_shape(self, input_shape):
        if self.output_mode == INT:
            return tuple(input_shape)
        depth = self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size
        # the call's refusal of an output of rank 3, on the symbolic shape: (None, None)
        # with one_hot, where a placeholder's 1 would pass
        compute_shape_for_encode_categorical(input_shape, self.output_mode, depth)
        return (tuple(input_shape)[0], depth)

    def get_config(self):
        config = super().get_config()
        config.update({
            "invert": self.invert,
            "max_tokens": self.max_tokens,
            "num_oov_indices": self.num_oov_indices,
            "oov_token": self.oov_token,
            "mask_token": self.mask_token,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "pad_to_max_tokens": self.pad_to_max_tokens,
            "vocabulary_dtype": self.vocabulary_dtype,
            "idf_weights": listify(self.input_idf_weights),
            "vocabulary": listify(self.input_vocabulary),
            "vocabulary_size": self._frozen_vocab_size,
        })
        return config


class IdfWeights:
    """A lookup's idf weights as the saving code meets a variable (Keras keeps them in a
    ``tf.Variable`` of shape ``(None,)``): the length the layer's encoding needs, its dtype,
    ``numpy()`` and ``assign``."""

    name = "idf_weights"

    def __init__(self, layer):
        self.layer = layer

    @property
    def shape(self):
        layer = self.layer
        if layer.pad_to_max_tokens:
            return (layer.max_tokens,)
        if layer._frozen_vocab_size is None:
            return np.shape(layer.idf_weights)
        return (layer._frozen_vocab_size,)

    @property
    def dtype(self):
        return np.dtype(self.layer._dtype)

    def numpy(self):
        return np.asarray(self.layer.idf_weights, self.dtype)

    def assign(self, value):
        self.layer.idf_weights = np.asarray(value, self.dtype)


def ragged(rows, dtype):
    """A ``RaggedTensor`` whose rows keep ``dtype`` (int64 indices or tokens)."""
    return RaggedTensor(rows, dtype)
