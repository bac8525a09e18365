"""Datasets that keep some elements and pass over others: ``take_while``, ``unique``,
``ignore_errors``, and ``get_single_element``, which hands back a dataset's one element
(tf.data's ``take_while_op``, ``unique_op``, ``ignore_errors_op`` and
``DatasetToSingleElement``).

What it owns:

- ``take_while(predicate)``: the elements up to, not including, the first for which
  ``predicate`` (called as ``map`` calls its function, a tuple unpacked) is False
  (``_TakeWhileDataset``, cardinality unknown). The predicate must give a scalar bool.
- ``unique()``: each element the first time it comes (``_UniqueDataset``, cardinality
  unknown); TensorFlow accepts one component of int32, int64 or string only, and says so
  in its words.
- ``ignore_errors(log_warning=False)``: the elements of the input with those whose
  making raised a ``tf.errors`` error (a ``check_numerics`` in a ``map``, a CSV line that
  does not parse) left out (``_IgnoreErrorsDataset``, cardinality unknown). The input's
  iterator goes on after the error, as TensorFlow's does, through ``map``, ``filter``,
  ``take`` and ``batch`` (which drops the batch the error fell in) and from a
  ``CsvDataset`` (``resumable``); another step between the error and ``ignore_errors``
  (a ``shuffle``) ends its pass there.
- ``get_single_element()`` (and ``tf.data.experimental.get_single_element``): the one
  element, as Tensors; an empty or longer dataset raises TensorFlow's
  ``InvalidArgumentError``.

What it receives: a ``Dataset``. What it hands on: ``Dataset``s (or an element). No trace
events: the adapter that reads a dataset is what the trace shows.
"""
import logging

import numpy as np

from tracekeras.backend import random as krandom
from tracekeras.backend.op_errors import InvalidArgumentError, OpError
from tracekeras.data.dataset import (
    _END,
    INFINITE_CARDINALITY,
    UNKNOWN_CARDINALITY,
    Dataset,
    as_tensor,
)
from tracekeras.data.structure import TensorSpec
from tracekeras.utils import nest

logger = logging.getLogger("tensorflow")
UNIQUE_TYPES = (np.dtype("int32"), np.dtype("int64"), np.dtype(object))


def called(function, element, graph):
    """``function(*element)`` for a tuple element, else ``function(element)``, on Tensors."""
    given = nest.map_structure(as_tensor, element)
    with graph.calling():
        return function(*given) if isinstance(given, tuple) else function(given)


def scalar_bool(value, spec_text):
    array = np.asarray(getattr(value, "value", value))
    if array.shape != () or array.dtype != bool:
        raise ValueError("Invalid `predicate`. `predicate` must return a `tf.bool` scalar "
                         f"tensor but its return type is{spec_text(array)}.")
    return bool(array)


def take_while(self, predicate, name=None):
    """``Dataset.take_while``: the elements while ``predicate`` holds."""
    source, graphs = self, krandom.FunctionGraph.traced()

    def spec_text(array):
        return repr(TensorSpec(array.shape, array.dtype))

    def make_iterator():
        graph = graphs()
        for element in source.elements():
            if not scalar_bool(called(predicate, element, graph), spec_text):
                return
            yield element

    return self._derived(make_iterator, UNKNOWN_CARDINALITY, "_TakeWhileDataset")


def unique(self, name=None):
    """``Dataset.unique``: each element once, in the order first seen."""
    spec = self.element_spec
    for leaf in nest.flatten(spec):
        if leaf is not None and leaf.dtype not in UNIQUE_TYPES:
            raise TypeError(f"`tf.data.Dataset.unique` does not support type <dtype: "
                            f"'{leaf.dtype.name}'> -- only `tf.int32`, `tf.int64`, and "
                            "`tf.string` are supported.")
    if not isinstance(spec, TensorSpec):
        raise InvalidArgumentError(
            "{{function_node __wrapped__UniqueDataset_device_/job:localhost/replica:0/task:0/"
            "device:CPU:0}} UniqueDataset only supports inputs with a single component. "
            "[Op:UniqueDataset] name: ")
    source = self

    def make_iterator():
        seen = set()
        for element in source.elements():
            array = np.asarray(element)   # a string element comes as ``bytes``
            if array.ndim:
                raise InvalidArgumentError("Unique expects a scalar element, but got an "
                                           f"element of shape {list(array.shape)}.")
            key = array.item()
            if key not in seen:
                seen.add(key)
                yield element

    return self._derived(make_iterator, UNKNOWN_CARDINALITY, "_UniqueDataset")


def ignore_errors(self, log_warning=False, name=None):
    """``Dataset.ignore_errors``: the input's elements without those whose making raised."""
    source = self

    def make_iterator():
        elements = source.elements()
        while True:
            try:
                element = next(elements, _END)
            except OpError as error:
                if log_warning:
                    logger.warning(f"Error raised with error message {error}")
                continue
            if element is _END:
                return
            yield element

    card = INFINITE_CARDINALITY if self._cardinality == INFINITE_CARDINALITY \
        else UNKNOWN_CARDINALITY
    return self._derived(make_iterator, card, "_IgnoreErrorsDataset")


def single_element_error(message):
    return InvalidArgumentError(
        "{{function_node __wrapped__DatasetToSingleElement_output_types_1_device_/job:"
        f"localhost/replica:0/task:0/device:CPU:0}}}} {message} "
        "[Op:DatasetToSingleElement] name: ")


def get_single_element(self, name=None):
    """``Dataset.get_single_element``: the dataset's only element, as Tensors."""
    elements = self.elements()
    first = next(elements, _END)
    if first is _END:
        raise single_element_error("Dataset was empty.")
    if next(elements, _END) is not _END:
        raise single_element_error("Dataset had more than one element.")
    return nest.map_structure(as_tensor, first)


def experimental_get_single_element(dataset):
    """``tf.data.experimental.get_single_element(dataset)``: the same."""
    if not isinstance(dataset, Dataset):
        raise TypeError(f"Invalid `dataset`. Expected a `tf.data.Dataset` object but got "
                        f"{type(dataset)}.")
    return get_single_element(dataset)


def experimental_take_while(predicate):
    """``tf.data.experimental.take_while``: the transformation, for ``apply``."""
    return lambda dataset: take_while(dataset, predicate)


def experimental_unique():
    """``tf.data.experimental.unique``: the transformation, for ``apply``."""
    return unique


def experimental_ignore_errors(log_warning=False):
    """``tf.data.experimental.ignore_errors``: the transformation, for ``apply``."""
    return lambda dataset: ignore_errors(dataset, log_warning)


__all__ = ["experimental_get_single_element", "experimental_ignore_errors",
           "experimental_take_while", "experimental_unique", "get_single_element", "ignore_errors",
           "take_while", "unique"]
