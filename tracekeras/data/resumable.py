"""Iterators that go on after an error, as tf.data's do: an error raised while an element
is made (a ``map`` function's, a CSV record's) goes up to whoever asked, and the next
``next`` carries on with the next input element. That is what ``ignore_errors`` relies on;
a Python generator, finished once it has raised, cannot do it, so the steps an error most
often passes through are these classes.

What it owns: ``MappedElements`` (``map``: ``call`` of each input element),
``FilteredElements`` (``filter``: the input elements ``keep`` accepts),
``TakenElements`` (``take``: ``count`` elements, an error not counted) and
``BatchedElements`` (``batch``: ``batch_size`` elements stacked; an error drops the
elements gathered for the batch, as TensorFlow's batch does, and the next batch starts
after it). What it receives: the input's iterator and the step's function. What it hands
on: elements. No trace events.
"""

_END = object()


class MappedElements:
    """A ``map``'s iterator: ``call(element, graph)`` of each input element."""

    def __init__(self, elements, call, graph):
        self.elements, self.call, self.graph = elements, call, graph

    def __iter__(self):
        return self

    def __next__(self):
        return self.call(next(self.elements), self.graph)


class FilteredElements:
    """A ``filter``'s iterator: the input elements ``keep(element, graph)`` accepts."""

    def __init__(self, elements, keep, graph):
        self.elements, self.keep, self.graph = elements, keep, graph

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            element = next(self.elements)
            if self.keep(element, self.graph):
                return element


class TakenElements:
    """A ``take``'s iterator: the first ``count`` elements the input hands out."""

    def __init__(self, elements, count):
        self.elements, self.left = elements, count

    def __iter__(self):
        return self

    def __next__(self):
        if self.left <= 0:
            raise StopIteration
        element = next(self.elements)
        self.left -= 1
        return element


class BatchedElements:
    """A ``batch``'s iterator: ``stack(chunk)`` of each ``batch_size`` input elements (the
    last chunk shorter, or dropped with ``drop_remainder``)."""

    def __init__(self, elements, batch_size, drop_remainder, stack):
        self.elements, self.batch_size = elements, batch_size
        self.drop_remainder, self.stack, self.ended = drop_remainder, stack, False

    def __iter__(self):
        return self

    def __next__(self):
        chunk = []
        while not self.ended and len(chunk) < self.batch_size:
            element = next(self.elements, _END)   # an error: this chunk is dropped
            if element is _END:
                self.ended = True
            else:
                chunk.append(element)
        if not chunk or (self.drop_remainder and len(chunk) < self.batch_size):
            raise StopIteration
        return self.stack(chunk)


__all__ = ["BatchedElements", "FilteredElements", "MappedElements", "TakenElements"]
