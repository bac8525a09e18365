"""``tf.TensorShape``: a shape whose dimensions may be unknown (None).

What it owns: :class:`TensorShape`, what a Keras script builds to say "a state of shape
``(unit_2, unit_3)``" (a cell's ``state_size`` and ``output_size``). It takes a list or
tuple of ints and None, an int (rank 1) or None (unknown rank); it offers ``as_list``,
``rank``, ``dims``, ``ndims``, ``len``, indexing and iteration (ints, None where unknown),
``is_fully_defined``, ``concatenate`` and equality with another shape or a list. Like
TensorFlow's it is a leaf to ``tf.nest`` (not a list), so a list of TensorShapes is a
list of leaves: the recurrent layers read each as one state's shape without the batch.

What it receives: dimensions. What it hands on: ints. No trace events.
"""
import numpy as np


class TensorShape:
    """``tf.TensorShape(dims)``."""

    def __init__(self, dims):
        if isinstance(dims, TensorShape):
            dims = dims.dims
        elif isinstance(dims, (int, np.integer)):
            dims = [dims]
        if dims is None:
            self.dims = None
            return
        try:
            dims = list(dims)
        except TypeError:
            raise TypeError(f"Cannot convert {dims!r} to a TensorShape: expected a list of "
                            "ints or None, an int, or None.") from None
        self.dims = [None if d is None else self.dimension(d) for d in dims]

    @staticmethod
    def dimension(d):
        if isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d >= 0:
            return int(d)
        raise TypeError(f"Dimension value must be a non-negative integer or None, got {d!r}.")

    @property
    def rank(self):
        return None if self.dims is None else len(self.dims)

    ndims = rank

    def as_list(self):
        if self.dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self.dims)

    def is_fully_defined(self):
        return self.dims is not None and None not in self.dims

    def concatenate(self, other):
        other = TensorShape(other)
        if self.dims is None or other.dims is None:
            return TensorShape(None)
        return TensorShape(self.dims + other.dims)

    def __len__(self):
        if self.dims is None:
            raise ValueError("Cannot take the length of a shape with unknown rank.")
        return len(self.dims)

    def __iter__(self):
        if self.dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self.dims)

    def __getitem__(self, key):
        if self.dims is None:   # TensorFlow's: a dimension of an unknown rank is unknown
            return TensorShape(None) if isinstance(key, slice) else None
        if isinstance(key, slice):
            return TensorShape(self.as_list()[key])
        return self.as_list()[key]

    def __eq__(self, other):
        try:
            other = TensorShape(other)
        except TypeError:
            return NotImplemented
        return self.dims == other.dims

    def __hash__(self):
        return hash(None if self.dims is None else tuple(self.dims))

    def __repr__(self):
        return f"TensorShape({self.dims!r})" if self.dims is not None else "TensorShape(None)"

    def __str__(self):
        if self.dims is None:
            return "<unknown>"
        return "(" + ", ".join("None" if d is None else str(d) for d in self.dims) + (
            ",)" if len(self.dims) == 1 else ")")
