"""``keras.preprocessing.sequence``: lists of token ids -> one rectangular array.

What it owns: ``pad_sequences`` (also ``keras.utils.pad_sequences``), which
cuts every sequence to ``maxlen`` (keeping its end with ``truncating="pre"``,
its start with ``"post"``) and fills the rest with ``value`` (before the
sequence with ``padding="pre"``, after it with ``"post"``), and
``remove_long_seq``, the ``maxlen`` filter of the IMDB and Reuters loaders
(Keras's ``_remove_long_seq``: a sequence is kept when it is strictly shorter
than ``maxlen``). Receives lists (or arrays) of sequences; hands on NumPy
arrays.

It also owns the word2vec helpers: ``skipgrams`` turns one sequence into (word,
context word) pairs labelled 1 for each word within ``window_size`` of it, then as
many pairs with a random vocabulary word labelled 0 as ``negative_samples`` asks,
and shuffles both lists alike; ``make_sampling_table`` gives, by word rank, the
probability word2vec keeps a word (frequent words are dropped more), assuming Zipf's
law for the frequencies. ``skipgrams`` draws with Python's ``random`` module exactly
as Keras does (``random.random``, ``random.shuffle``, ``random.randint``, then
``random.seed(seed)`` before each of the two shuffles), so the same Python random
state gives Keras's pairs. No trace events.
"""
import random

import numpy as np


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre",
                  value=0.0):
    """A ``(len(sequences), maxlen) + item_shape`` array of ``dtype``."""
    if not hasattr(sequences, "__len__"):
        raise ValueError("`sequences` must be iterable.")
    lengths, item_shape = sequence_lengths(sequences)
    if maxlen is None:
        maxlen = np.max(lengths)
    text_dtype = np.issubdtype(dtype, np.str_)
    if isinstance(value, str) and np.dtype(dtype).kind != "O" and not text_dtype:
        raise ValueError(f"`dtype` {dtype} is not compatible with `value`'s type: "
                         f"{type(value)}\nYou should set `dtype=object` for variable length "
                         "strings.")
    out = np.full((len(sequences), maxlen) + item_shape, value, dtype=dtype)
    for index, seq in enumerate(sequences):
        if not len(seq):
            continue
        kept = cut(seq, maxlen, truncating)
        kept = np.asarray(kept, dtype=dtype)
        if kept.shape[1:] != item_shape:
            raise ValueError(f"Shape of sample {kept.shape[1:]} of sequence at position "
                             f"{index} is different from expected shape {item_shape}")
        place(out, index, kept, padding)
    return out


def sequence_lengths(sequences):
    """Each sequence's length, and the shape of one item (from the first non-empty one)."""
    lengths, item_shape = [], None
    for seq in sequences:
        try:
            lengths.append(len(seq))
        except TypeError as e:
            raise ValueError("`sequences` must be a list of iterables. Found non-iterable: "
                             f"{seq}") from e
        if item_shape is None and len(seq):
            item_shape = np.asarray(seq).shape[1:]
    return lengths, item_shape or ()


def cut(seq, maxlen, truncating):
    # seq[-0:] is the whole sequence: maxlen=0 keeps everything, then fails to fit, as in Keras
    if truncating == "pre":
        return seq[-maxlen:]
    if truncating == "post":
        return seq[:maxlen]
    raise ValueError(f'Truncating type "{truncating}" not understood')


def place(out, index, kept, padding):
    if padding == "post":
        out[index, :len(kept)] = kept
    elif padding == "pre":
        out[index, -len(kept):] = kept
    else:
        raise ValueError(f'Padding type "{padding}" not understood')


def remove_long_seq(maxlen, seq, label):
    """Only the sequences (and their labels) strictly shorter than ``maxlen``, as lists."""
    kept = [(x, y) for x, y in zip(seq, label) if len(x) < maxlen]
    return [x for x, _ in kept], [y for _, y in kept]


__all__ = ["pad_sequences"]


def make_sampling_table(size, sampling_factor=1e-5):
    """``sampling_table[i]``: the probability of keeping the word of rank ``i``,
    ``min(1, sqrt(f / sampling_factor) / (f / sampling_factor))`` with the Zipf
    frequency ``f(rank) ~ 1 / (rank * (log(rank) + gamma) + 1/2 - 1/(12 rank))``."""
    gamma = 0.577   # Keras's rounding of the Euler-Mascheroni constant
    rank = np.arange(size)
    rank[0] = 1
    inv_fq = rank * (np.log(rank) + gamma) + 0.5 - 1.0 / (12.0 * rank)
    f = sampling_factor * inv_fq
    return np.minimum(1.0, f / np.sqrt(f))


def skipgrams(sequence, vocabulary_size, window_size=4, negative_samples=1.0, shuffle=True,
              categorical=False, sampling_table=None, seed=None):
    """``(couples, labels)``: positive (word, neighbour) pairs, then negative (word, random
    word) pairs; index 0 is not a word and is skipped. Labels are 1/0, or ``[0, 1]`` /
    ``[1, 0]`` when ``categorical``."""
    positive, negative = ([0, 1], [1, 0]) if categorical else (1, 0)
    couples, labels = [], []
    for i, wi in enumerate(sequence):
        if not wi:
            continue
        if sampling_table is not None and sampling_table[wi] < random.random():
            continue   # a frequent word, dropped this time
        for j in range(max(0, i - window_size), min(len(sequence), i + window_size + 1)):
            if j != i and sequence[j]:
                couples.append([wi, sequence[j]])
                labels.append(list(positive) if categorical else positive)
    if negative_samples > 0:
        count = int(len(labels) * negative_samples)
        words = [c[0] for c in couples]
        random.shuffle(words)
        couples += [[words[i % len(words)], random.randint(1, int(vocabulary_size - 1))]
                    for i in range(count)]
        labels += [negative] * count
    if shuffle:
        if seed is None:
            seed = random.randint(0, int(10e6))
        random.seed(seed)
        random.shuffle(couples)
        random.seed(seed)
        random.shuffle(labels)
    return couples, labels
