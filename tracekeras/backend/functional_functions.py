"""The higher-order functions of ``keras.backend``: ``K.map_fn``, ``K.foldl`` and
``K.foldr`` (TensorFlow's ``tf.compat.v1.map_fn``, ``foldl`` and ``foldr``), eagerly.

What it owns: the loop over the first axis of ``elems`` (a tensor, or a structure of
tensors sliced together) that TensorFlow's ``while_loop`` runs eagerly. ``map_fn`` calls
``fn`` on each slice and stacks what it returns (a structure of results is stacked leaf by
leaf); ``foldl`` carries an accumulator from the first slice to the last,
``acc = fn(acc, x)``, starting from ``initializer`` or, without one, from the first slice;
``foldr`` goes from the last slice to the first, starting from the last slice. ``dtype``
(``map_fn``) declares what ``fn`` returns, as TensorFlow's graph needed; eagerly the results
are what ``fn`` returns. Each slice
is a differentiable ``getitem`` and each result goes through ``tf.stack``, so gradients
flow through ``fn``.

What it receives: ``fn``, tensors or arrays. What it hands on: Tensors (a structure of them
when ``fn`` returns one). No trace events of its own.
"""
from tracekeras.utils import nest

from . import array_ops
from .tensor import convert


def slices(elems):
    """The first-axis slices of ``elems``, each as ``elems``'s structure."""
    leaves = [convert(leaf) for leaf in nest.flatten(elems)]
    if not leaves or any(len(leaf.shape) == 0 for leaf in leaves):
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    count = leaves[0].shape[0]
    return [nest.pack_sequence_as(elems, [leaf[i] for leaf in leaves]) for i in range(count)]


def map_fn(fn, elems, name=None, dtype=None):
    """``K.map_fn``: ``fn`` of each slice of ``elems`` along its first axis, stacked."""
    results = [fn(element) for element in slices(elems)]
    if not results:
        raise ValueError("tracekeras does not implement keras.backend.map_fn over no "
                         "elements (an empty first axis)")
    flat = [nest.flatten(result) for result in results]
    stacked = [array_ops.stack([convert(parts[i]) for parts in flat])
               for i in range(len(flat[0]))]
    return nest.pack_sequence_as(results[0], stacked)


def fold(fn, elements, initializer):
    accumulator = initializer
    if accumulator is None:
        accumulator, elements = elements[0], elements[1:]
    for element in elements:
        accumulator = fn(accumulator, element)
    return nest.map_structure(convert, accumulator)


def foldl(fn, elems, initializer=None, name=None):
    """``K.foldl``: ``fn(fn(fn(init, x0), x1), ...)`` over the first axis of ``elems``."""
    return fold(fn, slices(elems), initializer)


def foldr(fn, elems, initializer=None, name=None):
    """``K.foldr``: ``fn(fn(fn(init, x_last), ...), x0)``, from the last slice to the first."""
    return fold(fn, slices(elems)[::-1], initializer)
