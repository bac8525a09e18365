"""The shape a tensor hands out (``tensor.shape``, ``tensor.get_shape()``, a KerasTensor's
``shape``), as TensorFlow's ``TensorShape`` answers a script.

What it owns: :class:`ShapeTuple`, a tuple of ints (None where a KerasTensor's dimension is
unknown) that also offers what scripts ask of a ``TensorShape``: ``as_list()``, ``rank``
and ``ndims``, ``dims``, ``is_fully_defined()``, ``num_elements()``,
``is_compatible_with()``, and equality with a list. Slicing gives a ``ShapeTuple``. It
prints as TensorFlow's: ``str`` (and ``print``, ``f"{}"``) as a tuple, ``(None, 3)``, and
``repr`` (in a list, a dict) as ``TensorShape([None, 3])``; the engine keeps using it as
the tuple it is. (``tf.TensorShape`` built by a script, which may
have an unknown rank, is :mod:`tracekeras.shim.tensor_shape`'s.)

What it receives: dimensions. What it hands on: ints. No trace events.
"""
import numpy as np


class ShapeTuple(tuple):
    """A known-rank shape: a tuple with ``TensorShape``'s methods."""

    __slots__ = ()

    def __getitem__(self, key):
        item = tuple.__getitem__(self, key)
        return ShapeTuple(item) if isinstance(key, slice) else item

    def __eq__(self, other):
        if isinstance(other, list):
            other = tuple(other)
        return tuple.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = tuple.__hash__

    def __repr__(self):
        return "TensorShape([" + ", ".join(repr(d) for d in self) + "])"

    __str__ = tuple.__repr__

    def as_list(self):
        return list(self)

    @property
    def rank(self):
        return len(self)

    ndims = rank

    @property
    def dims(self):
        return list(self)

    def is_fully_defined(self):
        return all(d is not None for d in self)

    def num_elements(self):
        """The number of values, or None where a dimension is unknown."""
        return int(np.prod(self, dtype=np.int64)) if self.is_fully_defined() else None

    def is_compatible_with(self, other):
        """Same rank, and every pair of known dimensions equal."""
        other = getattr(other, "dims", other)
        if other is None:
            return True
        other = list(other)
        return len(other) == len(self) and all(
            a is None or b is None or a == b for a, b in zip(self, other))
