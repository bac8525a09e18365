"""``Dataset.window`` and ``Dataset.flat_map``: datasets of windows, and back to one dataset.

What it owns: ``windows(elements, size, shift, stride, drop_remainder)``, the lists of
elements ``window`` puts in each window, as tf.data forms them: window ``k`` starts at
element ``k * shift`` and takes every ``stride``-th element up to ``size`` of them; the
last windows may be shorter (dropped with ``drop_remainder``), and the windows stop when a
start falls past the end. ``window_cardinality`` is TensorFlow's count of them for a
finite source. ``DatasetSpec`` is the element spec of a window (``tf.data.DatasetSpec``:
the window's element spec and ``TensorShape([])``), as the window dataset's ``repr``
shows it.

Each window is itself a ``Dataset`` of those elements (for a tuple or dict element, a
tuple or dict of datasets, one per component, as TensorFlow nests them), so
``window.batch(size)`` makes a tensor of it; ``flat_map(func)`` chains the datasets
``func`` returns for each element.

What it receives: the source's elements (NumPy leaves). What it hands on: lists of
elements. No trace events.
"""
import collections
import itertools


class DatasetSpec:
    """``tf.data.DatasetSpec``: the spec of an element that is itself a dataset."""

    def __init__(self, element_spec):
        self.element_spec = element_spec

    def __eq__(self, other):
        return isinstance(other, DatasetSpec) and self.element_spec == other.element_spec

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        return f"DatasetSpec({self.element_spec!r}, TensorShape([]))"


def windows(elements, size, shift, stride, drop_remainder):
    """The elements of each window, in order (a sliding buffer: the source is read once)."""
    span = (size - 1) * stride + 1
    buffer = collections.deque()
    source = iter(elements)
    while True:
        buffer.extend(itertools.islice(source, span - len(buffer)))
        window = list(itertools.islice(buffer, 0, span, stride))
        if not window or (drop_remainder and len(window) < size):
            return
        yield window
        skip = shift - len(buffer)
        for _ in range(min(shift, len(buffer))):
            buffer.popleft()
        for _ in itertools.islice(source, max(skip, 0)):    # a shift past the buffer
            pass


def window_cardinality(n, size, shift, stride, drop_remainder):
    """How many windows ``n`` elements make (negative ``n``: unknown or infinite, kept)."""
    if n < 0:
        return n
    if not drop_remainder:
        return -(-n // shift)
    span = (size - 1) * stride + 1
    return 0 if n < span else (n - span) // shift + 1
