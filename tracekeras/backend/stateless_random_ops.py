"""New seeds from a seed: ``tf.random.experimental.stateless_split`` and ``stateless_fold_in``.

What it teaches: ``split`` and ``fold_in`` of ``tensorflow/python/ops/stateless_random_ops.py``,
how a program that draws with the stateless ops (the data augmentation tutorial's
``augment``) makes a fresh seed for each use without any state.

- ``split(seed, num=2)``: ``num`` new seeds, the rows of a ``(num, 2)``
  ``stateless_uniform`` draw over the whole range of the seed's dtype (``minval`` and
  ``maxval`` None: the Philox words themselves).
- ``fold_in(seed, data)``: ``[draw, data]``, the draw one such value from ``seed``.

A seed given as a Python list is int32, as TensorFlow converts it (int64 when a value does
not fit); an array or Tensor keeps its dtype. What it hands on: int Tensors, constant to the
tapes. Trace events: none of its own (the draw's ``backend`` instant at level full).
"""
import numpy as np

from . import random
from .tape import record

INT32 = np.iinfo(np.int32)


def seed_array(seed):
    """The seed as TensorFlow converts it: Python ints as int32 (int64 when one does not fit);
    an array, a Tensor, or a list of typed numbers (a ``Counter``'s pair) keeps its dtype."""
    value = getattr(seed, "value", seed)
    if isinstance(value, np.ndarray):
        return value
    parts = list(value) if isinstance(value, (list, tuple)) else [value]
    array = np.asarray([getattr(part, "value", part) for part in parts]).reshape(
        np.shape(value))
    if any(hasattr(getattr(part, "value", part), "dtype") for part in parts):
        return array
    if array.dtype.kind in "iu" and array.size and (
            array.min() < INT32.min or array.max() > INT32.max):
        return array.astype(np.int64)
    return array.astype(np.int32) if array.dtype.kind in "iu" else array


def split(seed, num=2, alg="auto_select"):
    """``tf.random.experimental.stateless_split``: ``num`` new seeds from ``seed``, a
    ``(num, 2)`` Tensor of the seed's dtype."""
    seed = seed_array(seed)
    value = random.stateless_uniform([num, 2], seed, minval=None, maxval=None,
                                     dtype=seed.dtype).value
    return record("tf.random.experimental.stateless_split", value, (), None)


def fold_in(seed, data, alg="auto_select"):
    """``tf.random.fold_in``: a new seed from ``seed`` and the int ``data`` (a step, a
    worker's number)."""
    data = seed_array(data)
    first = random.stateless_uniform([], seed_array(seed), minval=None, maxval=None,
                                     dtype=data.dtype).value
    return record("tf.random.fold_in", np.stack([first, data]), (), None)
