"""Datasets regrouped: ``scan`` (and ``reduce``, its last state), ``group_by_window``,
``choose_from_datasets`` (tf.data's ``scan_op``, ``group_by_window_op`` and
``DirectedInterleaveDataset``).

What it owns:

- ``scan(initial_state, scan_func)``: a running state carried from element to element;
  ``scan_func(state, element)`` returns ``(new_state, output)`` and the outputs are the new
  dataset (``_ScanDataset``, as many elements as the source). ``reduce(initial_state,
  reduce_func)`` carries the state the same way and returns only the last one.
- ``group_by_window(key_func, reduce_func, window_size | window_size_func)``: each
  element goes to the group of its int64 key; a group that reaches its window size is
  handed to ``reduce_func(key, window)`` (``window`` a dataset of the group's elements)
  and the dataset it returns is read out at once. When the source ends, the groups left
  are reduced in ascending order of their keys (TensorFlow keeps them in a sorted map).
  The cardinality is unknown (``_GroupByWindowDataset``).
- ``bucket_by_sequence_length``: ``group_by_window`` with the bucket of each element's
  length as its key (bucket ``i`` holds the lengths from ``bucket_boundaries[i - 1]`` up to,
  not including, ``bucket_boundaries[i]``), each window a ``padded_batch`` (a ``batch`` with
  ``no_padding``) of that bucket's batch size, padded to the longest element, or to the
  bucket's boundary less one with ``pad_to_bucket_boundary``.
- ``choose_from_datasets(datasets, choice_dataset)``: the next element of
  ``datasets[choice]`` for each choice; an exhausted dataset ends everything
  (``stop_on_empty_dataset=True``, ``tf.data.Dataset``'s default) or its choices are
  passed over (the ``tf.data.experimental`` function's default, False)
  (``_DirectedInterleaveDataset``).

What it receives: a source ``Dataset`` and the user's functions, which get Tensors (a
tuple element unpacked into arguments, as ``map`` does). What it hands on: new
``Dataset``s whose element specs are traced as TensorFlow traces the functions (on a
window dataset of the source's spec; ``scan`` on zeros of the state's and the element's
specs). No trace events: the adapter that reads a dataset is what the trace shows.
"""
import numpy as np

from tracekeras.backend import random as krandom
from tracekeras.backend.tensor import Tensor
from tracekeras.data import padding, structure
from tracekeras.data.dataset import (
    INFINITE_CARDINALITY,
    UNKNOWN_CARDINALITY,
    Dataset,
    as_tensor,
    to_numpy,
)
from tracekeras.data.structure import TensorSpec
from tracekeras.utils import nest


def call_with(function, element, graph, *leading):
    """``function(*leading, *element)`` for a tuple element, else ``function(*leading,
    element)``: the element as Tensors, inside the function's graph."""
    given = nest.map_structure(as_tensor, element)
    with graph.calling():
        if isinstance(given, tuple):
            return function(*leading, *given)
        return function(*leading, given)


def plain(value):
    return nest.map_structure(to_numpy, nest.list_to_tuple(value))


# -- scan -------------------------------------------------------------------------
def scan(self, initial_state, scan_func, name=None):
    """``tf.data.Dataset.scan``: ``scan_func(state, element) -> (new_state, output)``."""
    source, graphs, initial = self, krandom.FunctionGraph.traced(), plain(initial_state)

    def step(state, element, graph):
        state, element = nest.map_structure(as_tensor, (state, element))
        with graph.calling():   # a tuple element is one argument here, unlike map's
            out = scan_func(state, element)
        if not (isinstance(out, (tuple, list)) and len(out) == 2):
            raise TypeError("The scan function must return a pair comprising the new state "
                            f"and the output value. Received: {out!r}")
        return plain(out[0]), plain(out[1])

    def make_iterator():
        graph, state = graphs(), initial
        for element in source.elements():
            state, output = step(state, element, graph)
            yield output

    def spec(element_spec):
        zeros = (structure.spec_of(initial), element_spec)
        return structure.traced_spec(lambda pair: step(*pair, graphs())[1], zeros)

    return self._derived(make_iterator, self._cardinality, "_ScanDataset", spec, lazy=True)


def reduce(self, initial_state, reduce_func, name=None):
    """``tf.data.Dataset.reduce``: ``reduce_func(state, element) -> new_state`` over every
    element (the element's tuple one argument, as in ``scan``); the last state, as Tensors."""
    graph, state = krandom.FunctionGraph.traced()(), plain(initial_state)
    for element in self.elements():
        state, element = nest.map_structure(as_tensor, (state, element))
        with graph.calling():
            state = plain(reduce_func(state, element))
    return nest.map_structure(as_tensor, state)


# -- group_by_window ------------------------------------------------------------------
def window_dataset(elements, element_spec):
    """A group's elements as the dataset ``reduce_func`` receives."""
    return Dataset(lambda: iter(elements), len(elements), element_spec, "_WindowDataset")


def int64_key(value, what):
    key = np.asarray(getattr(value, "value", value))
    if key.shape != () or key.dtype != np.int64:
        raise ValueError(f"`{what}` must return a single tf.int64 scalar tensor. Received: "
                         f"dtype={key.dtype.name}, shape={key.shape}")
    return int(key)


def group_by_window(self, key_func, reduce_func, window_size=None, window_size_func=None,
                    name=None):
    """``tf.data.Dataset.group_by_window``: windows of elements of one key, reduced."""
    if (window_size is None) == (window_size_func is None):
        raise ValueError("Either the `window_size` argument or the `window_size_func` "
                         "argument must be specified.")
    sizes = window_size_func or (lambda key: np.int64(window_size))
    source, graphs = self, krandom.FunctionGraph.traced()

    def reduced(key, elements, graph):
        with graph.calling():
            out = reduce_func(Tensor(np.int64(key)), window_dataset(elements,
                                                                    source.element_spec))
        return out.elements()

    def make_iterator():
        graph, groups = graphs(), {}
        for element in source.elements():
            key = int64_key(call_with(key_func, element, graph), "key_func")
            group = groups.setdefault(key, [])
            group.append(element)
            with graph.calling():
                size = int64_key(sizes(Tensor(np.int64(key))), "window_size_func")
            if len(group) >= size:
                del groups[key]
                yield from reduced(key, group, graph)
        for key in sorted(groups):
            yield from reduced(key, groups[key], graph)

    def spec(element_spec):
        window = window_dataset([], element_spec)
        with graphs().calling():
            return reduce_func(Tensor(np.int64(0)), window).element_spec

    return self._derived(make_iterator, UNKNOWN_CARDINALITY, "_GroupByWindowDataset", spec,
                         lazy=True)


# -- bucket_by_sequence_length ------------------------------------------------------------
def bucket_by_sequence_length(self, element_length_func, bucket_boundaries,
                              bucket_batch_sizes, padded_shapes=None, padding_values=None,
                              pad_to_bucket_boundary=False, no_padding=False,
                              drop_remainder=False, name=None):
    """``tf.data.Dataset.bucket_by_sequence_length``: ``group_by_window`` keyed by the
    bucket of each element's length, each window a (padded) batch of its bucket's size."""
    boundaries, batch_sizes = list(bucket_boundaries), list(bucket_batch_sizes)
    if len(batch_sizes) != len(boundaries) + 1:
        raise ValueError("`len(bucket_batch_sizes)` must equal `len(bucket_boundaries) + 1` "
                         f"but `len(bucket_batch_sizes)={len(batch_sizes)}` and "
                         f"`len(bucket_boundaries)={len(boundaries)}`.")
    if sorted(boundaries) != boundaries:
        raise ValueError("`bucket_boundaries` must be sorted in ascending order.")

    def bucket_of(*element):
        length = element_length_func(*element)
        length = int(np.asarray(getattr(length, "value", length)))
        return np.int64(int(np.searchsorted(boundaries, length, side="right")))

    def batching(bucket, window):
        bucket = int(np.asarray(bucket.value))
        if no_padding:
            return window.batch(batch_sizes[bucket], drop_remainder=drop_remainder)
        filler = None
        if pad_to_bucket_boundary:
            if bucket == len(boundaries):
                raise ValueError("When pad_to_bucket_boundary=True, elements must have "
                                 "length < max(bucket_boundaries).")
            filler = boundaries[bucket] - 1
        shapes = padded_shapes_of(padded_shapes, window.element_spec, filler)
        return window.padded_batch(batch_sizes[bucket], shapes, padding_values,
                                   drop_remainder=drop_remainder)

    dataset = group_by_window(self, bucket_of, batching,
                              window_size_func=lambda bucket: np.int64(
                                  batch_sizes[int(np.asarray(bucket.value))]))
    source = self

    def spec():
        """TensorFlow's trace knows neither the batch size nor a bucket's boundary (tensors
        of the bucket): the batch and the padded dimensions are unknown, even with
        ``drop_remainder``."""
        element_spec = source.element_spec
        if element_spec is None:
            return None
        if no_padding:
            return structure.batched(element_spec, 1, drop_remainder=False)
        shapes = padded_shapes_of(padded_shapes, element_spec, None)
        return padding.padded_spec(element_spec, shapes, 1, False)

    dataset._spec_function = spec
    return dataset


def padded_shapes_of(padded_shapes, element_spec, filler):
    """The shapes a bucket pads to: ``padded_shapes`` or the elements' own, their unknown
    dimensions ``filler`` (None: the longest in the batch)."""
    if padded_shapes is not None and filler is None:
        return padded_shapes

    def filled(spec, shape):
        if isinstance(spec, TensorSpec):
            shape = spec.shape if shape is None else shape
            return tuple(filler if d is None or d == -1 else d for d in shape)
        if isinstance(spec, dict):
            return {k: filled(spec[k], None if shape is None else shape[k]) for k in spec}
        return type(spec)(filled(part, None if shape is None else shape[i])
                          for i, part in enumerate(spec))
    return filled(element_spec, padded_shapes)


# -- choose_from_datasets ------------------------------------------------------------------
def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
    """``tf.data.Dataset.choose_from_datasets``: for each choice ``i``, the next element of
    ``datasets[i]``."""
    datasets = list(datasets)
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    choices_spec = choice_dataset.element_spec
    if choices_spec != TensorSpec((), np.int64):
        raise TypeError("Invalid `choice_dataset`. Elements of `choice_dataset` must be "
                        f"scalar `tf.int64` tensors but are {choices_spec}.")

    def make_iterator():
        sources, live = [d.elements() for d in datasets], set(range(len(datasets)))
        for choice in choice_dataset.elements():
            i = int(choice)
            if not 0 <= i < len(sources):
                raise ValueError(f"Selector index out of range: {i} >= {len(sources)}")
            if i not in live:
                continue
            element = next(sources[i], None)
            if element is not None:
                yield element
                continue
            if stop_on_empty_dataset:
                return
            live.discard(i)
            if not live:
                return

    infinite = any(int(d.cardinality()) == INFINITE_CARDINALITY for d in datasets)
    dataset = Dataset(make_iterator, INFINITE_CARDINALITY if infinite else UNKNOWN_CARDINALITY,
                      None, "_DirectedInterleaveDataset")

    def spec():
        specs = [d.element_spec for d in datasets]
        if None in specs:
            return None
        found = specs[0]
        for other in specs[1:]:
            found = structure.most_specific(found, other)
        return found

    dataset._spec_function = spec
    return dataset


def experimental_choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=False):
    """``tf.data.experimental.choose_from_datasets``: its default passes over an exhausted
    dataset's choices."""
    return choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset)


def applied(method):
    """The ``tf.data.experimental`` form of a method: a function for ``Dataset.apply``."""
    def transformation(*args, **kwargs):
        return lambda dataset: method(dataset, *args, **kwargs)
    transformation.__name__ = method.__name__
    transformation.__doc__ = f"``tf.data.experimental.{method.__name__}``: for ``apply``."
    return transformation


experimental_scan = applied(scan)
experimental_group_by_window = applied(group_by_window)
experimental_bucket_by_sequence_length = applied(bucket_by_sequence_length)
