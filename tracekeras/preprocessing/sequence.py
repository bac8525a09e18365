"""``keras.preprocessing.sequence``: lists of token ids -> one rectangular array.

What it owns: ``pad_sequences`` (also ``keras.utils.pad_sequences``), which
cuts every sequence to ``maxlen`` (keeping its end with ``truncating="pre"``,
its start with ``"post"``) and fills the rest with ``value`` (before the
sequence with ``padding="pre"``, after it with ``"post"``), and
``remove_long_seq``, the ``maxlen`` filter of the IMDB and Reuters loaders
(Keras's ``_remove_long_seq``: a sequence is kept when it is strictly shorter
than ``maxlen``). Receives lists (or arrays) of sequences; hands on NumPy
arrays. No trace events.
"""
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
