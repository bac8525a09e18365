"""``keras.preprocessing.text``: the legacy word and character tokenizer.

What it owns: ``text_to_word_sequence`` (lower-case, every character of ``filters``
made a separator, split on ``split``, empty pieces dropped) and ``Tokenizer``:
``fit_on_texts`` counts the tokens of each text (its characters with ``char_level``, a
list's items as they are, else its words), one document per text (so a single string
given with ``char_level`` counts each character as a document, as the book's
Shakespeare tokenizer relies on); ``word_index`` numbers the tokens from 1 by falling
count, ties in order of first appearance, after ``oov_token`` when there is one.
``texts_to_sequences`` gives each text's token ids (tokens not in the index, or with an
id at or past ``num_words``, become the ``oov_token``'s id or are left out);
``sequences_to_texts`` goes back, joining the tokens with a space (characters too, as in
Keras: ``"f i r s t"``). ``sequences_to_matrix`` (and ``texts_to_matrix``) makes one row
of ``num_words`` columns (the index's size + 1 without it) per sequence, by ``mode``:
``binary`` (1 where the id occurs), ``count``, ``freq`` (count / length) or ``tfidf``
(``(1 + log count) * log(1 + documents / (1 + documents with the id))``);
``fit_on_sequences`` counts documents for ``tfidf`` from id lists. ``hashing_trick`` and
``one_hot`` give each word ``hash(word) % (n - 1) + 1`` (Python's ``hash``, or ``"md5"``).
``to_json`` writes the configuration and the counts (each a JSON string inside the JSON, as
Keras writes them); ``tokenizer_from_json`` reads it back. ``nb_words`` (Keras 1's name for
``num_words``) is accepted with Keras's warning.

What it receives: strings or lists of tokens. What it hands on: lists of ints and
strings. No trace events.
"""
import collections
import hashlib
import json
import warnings

import numpy as np

DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def text_to_word_sequence(input_text, filters=DEFAULT_FILTERS, lower=True, split=" "):
    if lower:
        input_text = input_text.lower()
    text = input_text.translate(str.maketrans({c: split for c in filters}))
    return [piece for piece in text.split(split) if piece]


def hashing_trick(text, n, hash_function=None, filters=DEFAULT_FILTERS, lower=True, split=" ",
                  analyzer=None):
    """Each word of ``text`` as ``hash_function(word) % (n - 1) + 1`` (0 is kept for padding)."""
    if hash_function is None:
        hash_function = hash
    elif hash_function == "md5":
        def hash_function(word):
            return int(hashlib.md5(word.encode()).hexdigest(), 16)
    if analyzer is None:
        words = text_to_word_sequence(text, filters=filters, lower=lower, split=split)
    else:
        words = analyzer(text)
    return [(hash_function(w) % (n - 1) + 1) for w in words]


def one_hot(input_text, n, filters=DEFAULT_FILTERS, lower=True, split=" ", analyzer=None):
    """``hashing_trick`` with Python's ``hash`` (so ids differ between processes, as in Keras)."""
    return hashing_trick(input_text, n, hash_function=hash, filters=filters, lower=lower,
                         split=split, analyzer=analyzer)


class Tokenizer:
    def __init__(self, num_words=None, filters=DEFAULT_FILTERS, lower=True, split=" ",
                 char_level=False, oov_token=None, analyzer=None, **kwargs):
        if "nb_words" in kwargs:   # Keras 1's name, still accepted
            warnings.warn("The `nb_words` argument in `Tokenizer` has been renamed `num_words`.",
                          stacklevel=2)
            num_words = kwargs.pop("nb_words")
        document_count = kwargs.pop("document_count", 0)
        if kwargs:
            raise TypeError(f"Unrecognized keyword arguments: {kwargs}")
        self.num_words = num_words
        self.filters = filters
        self.lower = lower
        self.split = split
        self.char_level = char_level
        self.oov_token = oov_token
        self.analyzer = analyzer
        self.document_count = document_count
        self.word_counts = collections.OrderedDict()
        self.word_docs = collections.defaultdict(int)
        self.index_docs = collections.defaultdict(int)
        self.word_index = {}
        self.index_word = {}

    def tokens(self, text):
        """The tokens of one text, as ``fit_on_texts`` and ``texts_to_sequences`` read it."""
        if self.char_level or isinstance(text, list):
            if not self.lower:
                return text
            return [t.lower() for t in text] if isinstance(text, list) else text.lower()
        if self.analyzer is not None:
            return self.analyzer(text)
        return text_to_word_sequence(text, self.filters, self.lower, self.split)

    def fit_on_texts(self, texts):
        for text in texts:
            self.document_count += 1
            tokens = self.tokens(text)
            for token in tokens:
                self.word_counts[token] = self.word_counts.get(token, 0) + 1
            for token in set(tokens):
                self.word_docs[token] += 1
        by_count = sorted(self.word_counts, key=self.word_counts.get, reverse=True)  # stable
        vocabulary = ([] if self.oov_token is None else [self.oov_token]) + by_count
        self.word_index = {token: i for i, token in enumerate(vocabulary, start=1)}
        self.index_word = {i: token for token, i in self.word_index.items()}
        for token, count in self.word_docs.items():
            self.index_docs[self.word_index[token]] = count

    def texts_to_sequences(self, texts):
        return list(self.texts_to_sequences_generator(texts))

    def texts_to_sequences_generator(self, texts):
        oov = self.word_index.get(self.oov_token)
        for text in texts:
            ids = []
            for token in self.tokens(text):
                i = self.word_index.get(token)
                if i is not None and not (self.num_words and i >= self.num_words):
                    ids.append(i)
                elif oov is not None:
                    ids.append(oov)
            yield ids

    def sequences_to_texts(self, sequences):
        return list(self.sequences_to_texts_generator(sequences))

    def sequences_to_texts_generator(self, sequences):
        oov = self.word_index.get(self.oov_token)
        for sequence in sequences:
            tokens = []
            for i in sequence:
                token = self.index_word.get(i)
                if token is not None and not (self.num_words and i >= self.num_words):
                    tokens.append(token)
                elif oov is not None:
                    tokens.append(self.index_word[oov])
            yield " ".join(tokens)     # characters too: "f i r s t", as Keras writes them

    def fit_on_sequences(self, sequences):
        """Count, for ``tfidf``, the documents each id occurs in (``sequences`` of ids)."""
        self.document_count += len(sequences)
        for sequence in sequences:
            for i in set(sequence):
                self.index_docs[i] += 1

    def texts_to_matrix(self, texts, mode="binary"):
        return self.sequences_to_matrix(self.texts_to_sequences(texts), mode=mode)

    def sequences_to_matrix(self, sequences, mode="binary"):
        """One float64 row per sequence, one column per id below ``num_words``, by ``mode``."""
        if self.num_words:
            num_words = self.num_words
        elif self.word_index:
            num_words = len(self.word_index) + 1
        else:
            raise ValueError("Specify a dimension (`num_words` argument), or fit on some text "
                             "data first.")
        if mode == "tfidf" and not self.document_count:
            raise ValueError("Fit the Tokenizer on some data before using tfidf mode.")
        x = np.zeros((len(sequences), num_words))
        for i, sequence in enumerate(sequences):
            counts = collections.Counter(j for j in sequence if j < num_words)
            for j, c in counts.items():
                x[i][j] = self.matrix_value(mode, c, len(sequence), j)
        return x

    def matrix_value(self, mode, count, length, j):
        """The value ``sequences_to_matrix`` puts for an id seen ``count`` times."""
        if mode == "count":
            return count
        if mode == "freq":
            return count / length
        if mode == "binary":
            return 1
        if mode == "tfidf":
            tf = 1 + np.log(count)
            idf = np.log(1 + self.document_count / (1 + self.index_docs.get(j, 0)))
            return tf * idf
        raise ValueError("Unknown vectorization mode:", mode)

    def get_config(self):
        """The arguments and the counts, each count table as a JSON string."""
        return {"num_words": self.num_words, "filters": self.filters, "lower": self.lower,
                "split": self.split, "char_level": self.char_level,
                "oov_token": self.oov_token, "document_count": self.document_count,
                "word_counts": json.dumps(self.word_counts),
                "word_docs": json.dumps(self.word_docs),
                "index_docs": json.dumps(self.index_docs),
                "index_word": json.dumps(self.index_word),
                "word_index": json.dumps(self.word_index)}

    def to_json(self, **kwargs):
        """``{"class_name": "Tokenizer", "config": get_config()}`` by ``json.dumps(**kwargs)``."""
        return json.dumps({"class_name": self.__class__.__name__, "config": self.get_config()},
                          **kwargs)


def tokenizer_from_json(json_string):
    """The ``Tokenizer`` a ``to_json`` string describes (ids read back as ints)."""
    config = json.loads(json_string).get("config")
    word_counts = json.loads(config.pop("word_counts"))
    word_docs = json.loads(config.pop("word_docs"))
    index_docs = {int(k): v for k, v in json.loads(config.pop("index_docs")).items()}
    index_word = {int(k): v for k, v in json.loads(config.pop("index_word")).items()}
    word_index = json.loads(config.pop("word_index"))
    tokenizer = Tokenizer(**config)
    tokenizer.word_counts = word_counts
    tokenizer.word_docs = word_docs
    tokenizer.index_docs = index_docs
    tokenizer.word_index = word_index
    tokenizer.index_word = index_word
    return tokenizer
