"""Files as datasets: ``tf.data.TextLineDataset``, ``Dataset.list_files`` and
``Dataset.interleave`` (``tensorflow/python/data/ops/readers.py`` and the interleave of
``dataset_ops``), eager and on NumPy.

What it owns:

- ``TextLineDataset(filenames, compression_type=None, num_parallel_reads=None)``: the
  lines of each file in turn (gunzipped with ``compression_type="GZIP"``; ``"ZLIB"`` ends
  in the one-line error), as ``bytes`` without their line ending (``\\n`` or ``\\r\\n``), a string
  dataset of unknown cardinality; with ``num_parallel_reads`` the files are interleaved
  a line at a time, ``num_parallel_reads`` at once, as TensorFlow reads them.
- ``list_files(file_pattern, shuffle=None, seed=None)``: the files matching each pattern
  (``glob``, sorted, as TensorFlow's ``MatchingFiles``), pattern by pattern; shuffled by
  default, with ``Dataset.shuffle`` over all of them (TensorFlow's seeds, so a seeded
  order is TensorFlow's); no match raises ``InvalidArgumentError``.
- ``interleave(map_func, cycle_length=None, block_length=None, ...)``: TensorFlow's
  deterministic interleave: ``cycle_length`` open datasets made by ``map_func`` from the
  input elements, ``block_length`` elements from each in turn; an exhausted one is
  replaced, in its slot, by the next input element's dataset. ``cycle_length=None`` (and
  ``AUTOTUNE``) is the number of CPUs, as in TensorFlow.

What it hands on: ``Dataset`` objects. Trace events: none of its own (the datasets are
consumed by ``fit`` and the other loops, which trace the data stage).
"""
import glob
import gzip
import os

import numpy as np

from tracekeras.backend import random as krandom
from tracekeras.backend.string_ops import InvalidArgumentError, strings
from tracekeras.data import structure
from tracekeras.data.dataset import AUTOTUNE, UNKNOWN_CARDINALITY, Dataset, as_tensor, to_numpy
from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
from tracekeras.utils import nest


def file_names(filenames):
    """The file names of a string, a list of strings or a string tensor, as ``str``."""
    array = np.asarray(to_numpy(filenames), dtype=object).reshape(-1)
    return [os.fsdecode(name) for name in strings(array, "TextLineDataset").tolist()]


def read_lines(path, compression_type=None):
    """The lines of a file (gunzipped with ``compression_type="GZIP"``) as string scalars."""
    with (gzip.open(path, "rb") if compression_type == "GZIP" else open(path, "rb")) as f:
        for line in f:
            yield np.array(line.rstrip(b"\n").rstrip(b"\r"), dtype=object)


def TextLineDataset(filenames, compression_type=None, buffer_size=None,
                    num_parallel_reads=None, name=None):
    """``tf.data.TextLineDataset``: one string element per line of each file, in order."""
    if compression_type not in (None, "", "GZIP"):
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tensorflow.data.TextLineDataset(compression_type="
            f"{compression_type!r}) (used by {caller(PACKAGE)})")
    compression_type = compression_type or None
    paths = file_names(filenames)
    for path in paths:
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path}; No such file or directory")
    if num_parallel_reads is not None:   # TensorFlow interleaves the files, a line at a time
        return interleave(Dataset.from_tensor_slices(np.array(
            [os.fsencode(p) for p in paths], dtype=object)),
            lambda name: TextLineDataset(name, compression_type),
            cycle_length=num_parallel_reads, block_length=1)

    def make_iterator():
        for path in paths:
            yield from read_lines(path, compression_type)

    return Dataset(make_iterator, UNKNOWN_CARDINALITY, structure.TensorSpec((), object),
                   "TextLineDatasetV2")


def list_files(file_pattern, shuffle=None, seed=None, name=None):
    """``Dataset.list_files``: the matching file names, shuffled unless ``shuffle=False``."""
    matches = []
    for pattern in file_names(file_pattern):
        matches.extend(sorted(glob.glob(pattern)))
    if not matches:
        raise InvalidArgumentError(f"Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be "
                                   f"true. Summarized data: b'No files matched pattern: "
                                   f"{', '.join(file_names(file_pattern))}'")
    dataset = Dataset.from_tensor_slices(np.array([m.encode() for m in matches], dtype=object))
    if shuffle is None or shuffle:
        dataset = dataset.shuffle(len(matches), seed=seed)
    return dataset


def interleave(self, map_func, cycle_length=None, block_length=None, num_parallel_calls=None,
               deterministic=None, name=None):
    """``Dataset.interleave``: datasets made by ``map_func`` read a block at a time."""
    cycle_length = (os.cpu_count() or 1) if cycle_length in (None, AUTOTUNE) else int(cycle_length)
    block_length = 1 if block_length is None else int(block_length)
    if cycle_length <= 0 or block_length <= 0:
        raise ValueError("`cycle_length` and `block_length` must be positive. Received: "
                         f"cycle_length={cycle_length}, block_length={block_length}")
    source, graphs = self, krandom.FunctionGraph.traced()
    map_func = structure.as_traced(map_func)   # its variables as TF's trace reads them

    def made_from(element, graph=None):
        element = nest.map_structure(as_tensor, element)
        with (graph or graphs()).calling():   # the function's graph, in TF
            made = map_func(*element) if isinstance(element, tuple) else map_func(element)
        if not isinstance(made, Dataset):
            raise TypeError("The `map_func` of `interleave` must return a Dataset. "
                            f"Received: {type(made).__name__}")
        return made

    def open_element(element, graph):
        return made_from(element, graph).elements()

    def spec():
        """The spec of the datasets ``map_func`` makes, from the first input element (where
        TensorFlow traces ``map_func`` on a placeholder)."""
        first = next(source.elements(), StopIteration)
        return None if first is StopIteration else made_from(first).element_spec

    def make_iterator():   # the input's iterator is made at once, as in tf.data
        return cycle(source.elements(), graphs())

    def cycle(inputs, graph):
        slots, cycle_index, block_index, end_of_input = [None] * cycle_length, 0, 0, False
        while not end_of_input or any(slot is not None for slot in slots):
            if slots[cycle_index] is not None:
                value = next(slots[cycle_index], StopIteration)
                if value is not StopIteration:
                    block_index += 1
                    if block_index == block_length:
                        cycle_index, block_index = (cycle_index + 1) % cycle_length, 0
                    yield value
                    continue
                slots[cycle_index] = None
                cycle_index, block_index = (cycle_index + 1) % cycle_length, 0
            elif not end_of_input:
                element = next(inputs, StopIteration)
                if element is StopIteration:
                    end_of_input = True
                else:
                    slots[cycle_index] = open_element(element, graph)
            else:
                cycle_index, block_index = (cycle_index + 1) % cycle_length, 0

    kind = "_InterleaveDataset" if num_parallel_calls is None else "_ParallelInterleaveDataset"
    dataset = Dataset(make_iterator, UNKNOWN_CARDINALITY, None, kind)
    dataset._spec_function = spec
    return dataset


__all__ = ["TextLineDataset", "interleave", "list_files"]
