"""TextVectorization: strings -> token indices or bag-of-words rows
(``keras.layers.preprocessing.text_vectorization``).

What it owns: ``TextVectorization(max_tokens=None,
standardize="lower_and_strip_punctuation", split="whitespace", output_mode="int",
output_sequence_length=None, pad_to_max_tokens=False, vocabulary=None,
idf_weights=None)``: each string is standardized (ASCII lower case, ASCII
punctuation removed, or a function of the array of strings), split (on whitespace,
into characters, or by a function), then looked up in the vocabulary of the
``StringLookup`` layer it holds (``_lookup_layer``, mask token "", as in Keras).
``adapt(texts)`` learns the vocabulary through ``PreprocessingLayer.adapt``. ``int``
output pads each batch with 0 to its longest document, or pads and cuts to
``output_sequence_length``; the other modes give one row of ``vocabulary_size()``
columns per string.

With ``split=None`` each whole string is one token and the strings keep their shape on
the way to the lookup, as in Keras: a rank-1 batch is then one bag of tokens, a
``(batch, 1)`` column one row per string.

What it receives: a list or array of strings, shape ``(batch,)`` or ``(batch, 1)`` (any
shape without a split; rank 2 at most for the bag-of-words modes).
What it hands on: an int64 Tensor (``int``) or a float32 Tensor; no gradient (strings
have none).

Trace events: the ``adapt`` span of ``PreprocessingLayer``; the ``Layer.__call__`` spans.
"""
import string

import numpy as np

from tracekeras import backend
from tracekeras.backend.sparse_tensor import SparseTensor
from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.engine.base_preprocessing_layer import PreprocessingLayer
from tracekeras.layers.preprocessing import preprocessing_utils
from tracekeras.layers.preprocessing.string_lookup import StringLookup

STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
SPLIT = ("whitespace", "character")
OUTPUT_MODES = ("int", "count", "multi_hot", "tf_idf")
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
NO_PUNCTUATION = str.maketrans("", "", string.punctuation)
TO_STR = np.frompyfunc(lambda v: v.decode("utf-8") if isinstance(v, bytes) else str(v), 1, 1)
LOWER = np.frompyfunc(lambda text: text.translate(ASCII_LOWER), 1, 1)
STRIP_PUNCTUATION = np.frompyfunc(lambda text: text.translate(NO_PUNCTUATION), 1, 1)


def validate_string_arg(value, allowed, arg, allow_callables):
    preprocessing_utils.validate_string_arg(value, allowed, "TextVectorization", arg,
                                            allow_none=True, allow_callables=allow_callables)


def string_array(inputs):
    """An object array of Python strings of the inputs' shape (bytes decoded as UTF-8)."""
    values = np.asarray(getattr(inputs, "value", inputs), dtype=object)
    return np.asarray(TO_STR(values), dtype=object)


def as_strings(inputs):
    """A 1-D array of Python strings from strings, bytes, lists or a ``(batch, 1)`` array."""
    values = np.asarray(getattr(inputs, "value", inputs), dtype=object)
    if values.ndim == 0:
        values = values.reshape(1)
    if values.ndim > 1:
        check_text_shape(values.shape)
        values = values.reshape(values.shape[:-1])
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values.ravel()]


def check_text_shape(shape):
    """Texts to split come one a row: of rank 1, or with a last dimension of 1."""
    if len(shape) > 1 and shape[-1] != 1:
        raise ValueError("When using `TextVectorization` to tokenize strings, the input "
                         "rank must be 1 or the last shape dimension must be 1. Received: "
                         f"inputs.shape={tuple(shape)} with rank={len(shape)}")


class TextVectorization(PreprocessingLayer):
    """``TextVectorization(max_tokens=None, standardize="lower_and_strip_punctuation",
    split="whitespace", output_mode="int", output_sequence_length=None, ...)``."""

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation",
                 split="whitespace", ngrams=None, output_mode="int",
                 output_sequence_length=None, pad_to_max_tokens=False, vocabulary=None,
                 idf_weights=None, sparse=False, ragged=False, encoding="utf-8", **kwargs):
        if kwargs.get("dtype", "string") != "string":
            raise ValueError("`TextVectorization` may only have a dtype of string. Received "
                             f"dtype: {kwargs['dtype']}.")
        kwargs.pop("dtype", None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)   # from a config: the size
        validate_string_arg(standardize, STANDARDIZE, "standardize", True)
        validate_string_arg(split, SPLIT, "split", True)
        output_mode = {"binary": "multi_hot", "tf-idf": "tf_idf"}.get(output_mode, output_mode)
        validate_string_arg(output_mode, OUTPUT_MODES, "output_mode", False)
        if output_mode == "int" and not (output_sequence_length is None
                                         or isinstance(output_sequence_length, int)):
            raise ValueError("`output_sequence_length` must be either None or an integer when "
                             "`output_mode` is 'int'. Received: "
                             f"output_sequence_length={output_sequence_length}")
        if output_mode != "int" and output_sequence_length is not None:
            raise ValueError("`output_sequence_length` must not be set if `output_mode` is not "
                             f"'int'. Received output_sequence_length={output_sequence_length}.")
        if not (ngrams is None or isinstance(ngrams, int) or isinstance(ngrams, tuple)
                and all(isinstance(item, int) for item in ngrams)):
            raise ValueError("`ngrams` must be None, an integer, or a tuple of integers. "
                             f"Received: ngrams={ngrams}")
        if ngrams is not None and split is None:
            raise NotImplementedError("tracekeras's TextVectorization has no `ngrams` without "
                                      "a split (Keras then joins the batch's strings). "
                                      f"Received: ngrams={ngrams!r}, split=None")
        if ragged:
            raise NotImplementedError("tracekeras's TextVectorization has no `ragged`. "
                                      f"Received: ragged={ragged!r}")
        super().__init__(**kwargs)
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = tuple(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens, mask_token="",
            output_mode=output_mode or "int", sparse=sparse, encoding=encoding,
            vocabulary_size=vocabulary_size)
        self._dtype = "string"   # its inputs; what it hands on is int64 or float32
        self.built = True

    # -- state ----------------------------------------------------------------------
    def update_state(self, data):
        self._lookup_layer.update_state(self._preprocess(data))

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    def _adapt_maybe_build(self, data):
        if getattr(self, "_batch_input_shape", None) is None:
            self._batch_input_shape = (None,) * max(np.ndim(data), 1)

    def get_vocabulary(self, include_special_tokens=True):
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self):
        return self._lookup_layer.vocabulary_size()

    def save_assets(self, dir_path):
        self._lookup_layer.save_assets(dir_path)

    def saved_variables(self):
        """Keras's ``save_own_variables`` hands on its lookup layer's (its idf weights)."""
        return self._lookup_layer.saved_variables()

    def load_assets(self, dir_path):
        self._lookup_layer.load_assets(dir_path)

    def set_vocabulary(self, vocabulary, idf_weights=None):
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights)
        self._lookup_layer._has_input_vocabulary = True

    # -- calling --------------------------------------------------------------------
    def _preprocess(self, inputs):
        texts = self._standardized(inputs)
        if self._split is None:   # each whole string is one token: the shape is kept
            return texts
        texts = as_strings(texts)
        if self._split == "whitespace":   # ASCII whitespace only, as tf.strings.split
            documents = [[w.decode("utf-8") for w in t.encode("utf-8").split()]
                         for t in texts]
        elif self._split == "character":
            documents = [list(t) for t in texts]
        else:
            documents = [as_strings(tokens) for tokens in self._split(np.asarray(texts, object))]
        if self._ngrams is None:
            return documents
        return [ngrams_of(tokens, self._ngrams) for tokens in documents]

    def _standardized(self, inputs):
        """The inputs as an object array of Python strings of the same shape, standardized
        string by string (a callable receives that array, as Keras hands it the tensor)."""
        texts = string_array(inputs)
        if self._standardize in ("lower", "lower_and_strip_punctuation"):
            texts = string_array(LOWER(texts))
        if self._standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
            texts = string_array(STRIP_PUNCTUATION(texts))
        if callable(self._standardize):
            texts = string_array(self._standardize(texts))
        return texts

    def __call__(self, inputs, *args, **kwargs):
        """Strings skip the float conversion of ``Layer.__call__``."""
        if isinstance(inputs, (list, tuple, str, bytes)):
            inputs = np.asarray(inputs, dtype=object)
        return super().__call__(inputs, *args, **kwargs)

    def call(self, inputs):
        if self._split is None:
            return self._call_unsplit(inputs)
        documents = self._preprocess(inputs)
        lookup = self._lookup_layer
        if self._output_mode != "int":
            lookup._ensure_known_vocab_size()
            out = lookup._encode([lookup._lookup_dense(np.asarray(d, object))
                                  for d in documents])
            if isinstance(out, SparseTensor):
                if np.ndim(getattr(inputs, "value", inputs)) == 0:   # one string: unbatched
                    return SparseTensor(np.asarray(out.indices.value)[:, 1:],
                                        out.values.value, np.asarray(out.dense_shape.value)[1:])
                return out
            out = out.value
        else:
            out = self._int_rows(documents)
        if np.ndim(getattr(inputs, "value", inputs)) == 0:   # one string: one row, unbatched
            out = out[0]
            if self._output_mode == "int" and not documents[0]:
                # Keras pads a lone row up to a multiple of output_sequence_length: no
                # tokens stay no tokens
                out = out[:0]
        return backend.Tensor(out)

    def _call_unsplit(self, inputs):
        """Without a split Keras hands the standardized strings, shape and all, to its
        ``StringLookup`` layer (which refuses an encoding of rank over 2); ``int`` output
        then cuts and pads the last axis to ``output_sequence_length``."""
        out = self._lookup_layer(self._preprocess(inputs))
        length = self._output_sequence_length
        if self._output_mode != "int" or length is None:
            return out
        values = np.asarray(out.value)
        if values.ndim == 0:
            raise InvalidArgumentError("Attempting to slice scalar input. [Op:StridedSlice] "
                                       f"name: {self.name}/strided_slice/")
        values = values[..., :length]
        padding = [(0, 0)] * (values.ndim - 1) + [(0, length - values.shape[-1])]
        return backend.Tensor(np.pad(values, padding))

    def _int_rows(self, documents):
        """The token indices of each document, padded with 0 (or cut) to one length."""
        lookup = self._lookup_layer
        indices = [lookup._lookup_dense(np.asarray(d, object)) for d in documents]
        length = self._output_sequence_length
        if length is None:
            length = max((len(row) for row in indices), default=0)
        out = np.zeros((len(indices), length), np.int64)
        for row, values in enumerate(indices):
            values = values[:length]
            out[row, :len(values)] = values
        return out

    def compute_output_shape(self, input_shape):
        if self._split is not None:   # the call's refusal, on the symbolic shape: (None,
            check_text_shape(input_shape)   # None), where a placeholder's 1 would pass
        if self._split is None:   # the lookup's shape (cut or padded to a sequence length)
            shape = self._lookup_layer.compute_output_shape(input_shape)
            if self._output_mode == "int" and self._output_sequence_length is not None:
                shape = tuple(shape[:-1]) + (None,)   # Keras pads to a dynamic shape
            return tuple(shape)
        if self._output_mode == "int":
            return (input_shape[0], self._output_sequence_length)
        lookup = self._lookup_layer
        depth = lookup.max_tokens if lookup.pad_to_max_tokens else lookup._frozen_vocab_size
        return (input_shape[0], depth)

    def get_config(self):
        config = super().get_config()
        config.update({
            "max_tokens": self._lookup_layer.max_tokens,
            "standardize": self._standardize,
            "split": self._split,
            "ngrams": self._ngrams_arg,
            "output_mode": self._output_mode,
            "output_sequence_length": self._output_sequence_length,
            "pad_to_max_tokens": self._lookup_layer.pad_to_max_tokens,
            "sparse": self._lookup_layer.sparse,
            "ragged": False,
            "vocabulary": listify(self._lookup_layer.input_vocabulary),
            "idf_weights": listify(self._lookup_layer.input_idf_weights),
            "encoding": self._encoding,
            "vocabulary_size": self.vocabulary_size(),
        })
        return config


def ngrams_of(tokens, widths):
    """The n-grams of a token list for each width in turn, words joined by a space
    (``tf.strings.ngrams(tokens, ngram_width=widths, separator=" ")``): a width longer
    than the list gives none."""
    return [" ".join(tokens[start:start + width])
            for width in widths for start in range(len(tokens) - width + 1)]


listify = preprocessing_utils.listify
