"""``keras.utils.to_categorical``, ``to_ordinal`` and ``normalize``."""
import numpy as np


def to_categorical(y, num_classes=None, dtype="float32"):
    """Integer class labels -> one-hot rows (the last axis of size 1 is dropped first)."""
    y = np.array(y, dtype="int64")
    shape = y.shape
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = shape[:-1]
    y = y.reshape(-1)
    if y.size and y.min() < 0:
        raise ValueError(f"`to_categorical` expects non-negative class labels. Received a "
                         f"minimum label of {y.min()}.")
    if num_classes is None:
        num_classes = int(y.max()) + 1 if y.size else 0
    elif y.size and y.max() >= num_classes:
        raise ValueError(f"Found a label {y.max()} that is not smaller than num_classes="
                         f"{num_classes}.")
    out = np.zeros((y.shape[0], num_classes), dtype=dtype)
    out[np.arange(y.shape[0]), y] = 1
    return out.reshape(shape + (num_classes,))


def to_ordinal(y, num_classes=None, dtype="float32"):
    """Integer class labels -> ordinal rows: label ``k`` has ones in its first ``k`` of
    ``num_classes - 1`` columns (the last axis of size 1 is dropped first)."""
    y = np.array(y, dtype="int")
    shape = y.shape
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = tuple(shape[:-1])
    y = y.reshape(-1)
    if not num_classes:
        num_classes = np.max(y) + 1
    columns = np.arange(num_classes - 1)[None, :]
    ordinal = np.zeros((y.shape[0], num_classes - 1), dtype=dtype)
    ordinal[columns < y[:, None]] = 1
    return ordinal.reshape(shape + (num_classes - 1,))


def normalize(x, axis=-1, order=2):
    """Scale ``x`` to unit ``order``-norm along ``axis`` (zero rows stay zero)."""
    x = np.asarray(x)
    norm = np.atleast_1d(np.linalg.norm(x, order, axis))
    norm[norm == 0] = 1
    return x / np.expand_dims(norm, axis)
