"""``K.print_tensor``: ``tf.print(message, x, output_stream=sys.stdout, summarize=...)``.

What it owns: how ``tf.print`` writes a tensor (TensorFlow's ``SummarizeValue`` in its
print-v2 form): nested brackets, values apart by one space, each row on its own line
indented by its depth, a blank line between blocks of rank 3 and up, the first and last
``summarize`` entries of each axis with ``...`` between when there are more (None is 3,
-1 is all), floats as TensorFlow's ``FloatToBuffer`` writes them (``%g`` with 6 significant
digits, or 9 when 6 do not give the same float32 back: ``0.333333343``; 15 or 17 for
float64), booleans as 1 and 0. The message and the tensor are joined by a space and
written to standard output (Python's ``sys.stdout``; TensorFlow's kernel writes to the
process's), and ``x`` is handed back unchanged, as eager Keras does. Anything but a tensor
(a NumPy array, a number) is written as Python shows it (``repr``), as ``tf.print`` does.

What it receives: a Tensor, Variable or other value, a message, ``summarize``. What it
hands on: ``x`` itself. No trace events.
"""
import sys

import numpy as np

from .tensor import Tensor


def print_tensor(x, message="", summarize=3):
    """``K.print_tensor``: prints ``message`` and ``x``'s value; returns ``x``."""
    print(message, formatted(x, summarize), file=sys.stdout)
    return x


def formatted(x, summarize=3):
    """``x`` as ``tf.print`` writes it."""
    if not isinstance(x, Tensor):
        return x if isinstance(x, str) else repr(x)
    value = np.asarray(x.numpy() if hasattr(x, "numpy") else x.value)
    ends = 3 if summarize is None else (max(value.size, 1) if summarize < 0 else summarize)
    return summarized(value, ends)


def element(value):
    """One value as a C++ stream writes it."""
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, np.float64):
        text = "%.15g" % value
        return text if float(text) == value else "%.17g" % value
    if isinstance(value, (float, np.floating)):
        single = np.float32(value)
        text = "%.6g" % single
        return text if np.float32(text) == single else "%.9g" % single
    if isinstance(value, (bytes, str)):
        return '"' + (value.decode() if isinstance(value, bytes) else value) + '"'
    return str(value)


def summarized(value, ends):
    """TensorFlow's ``PrintOneDimV2``: the axes from the first, ``ends`` entries at each
    end."""
    if value.ndim == 0:
        return element(value[()])
    rank = value.ndim

    def one_dim(block, depth):
        if depth == rank:
            return element(block[()])
        count = block.shape[0]
        spacing = " " if depth == rank - 1 else "\n" * (rank - depth - 1) + " " * (depth + 1)
        parts = [one_dim(block[i], depth + 1) for i in range(min(ends, count))]
        if count > 2 * ends:
            parts.append("...")
        parts += [one_dim(block[i], depth + 1) for i in range(max(ends, count - ends), count)]
        return "[" + spacing.join(parts) + "]"
    return one_dim(value, 0)
