"""A dataset written to a folder and read back: ``Dataset.save``, ``Dataset.load`` and
``Dataset.snapshot`` (tf.data's ``save_op``, ``load_op`` and ``snapshot``).

What it owns: tracekeras's own folder format, which keeps a dataset's elements and its
``element_spec`` exactly (TensorFlow writes a folder of snapshot shards, protocol buffers
and TFRecord-framed records, which tracekeras neither writes nor reads):

- ``tracekeras_dataset.json``: the format's name and version, the element spec (nested
  tuples, dicts, ``OrderedDict``s and ``TensorSpec``s, unknown dimensions and strings
  kept), the cardinality, the compression and the shard files;
- ``NNNNNNNN.shard`` (gzipped with ``compression="GZIP"``): the elements of one shard,
  each the ``.npy`` records of its components in order (a string component as its
  lengths and its bytes, so that no pickle is written or read).

``save(path, compression=None, shard_func=None)`` writes every element (to the shard
``shard_func(element)`` gives, else shard 0); ``load(path, element_spec=None,
compression=None, reader_func=None)`` is a ``_LoadDataset`` of the saved cardinality whose
shards are read by ``reader_func`` (a function of the dataset of shard datasets; by
default TensorFlow's, an ``interleave`` over them). A folder without the description
file ends in TensorFlow's ``NotFoundError`` for its missing ``dataset_spec.pb``, or, when
TensorFlow wrote it, in the one-line error saying tracekeras does not read TensorFlow's
snapshot format. ``snapshot(path)`` hands on the same elements (a ``_MapDataset``, as in
TensorFlow), writing them under ``path`` as they pass the first time; once a pass has
reached the end, later iterators read the files. Each snapshot dataset writes its own
folder under ``path``: a later run does not find an earlier run's files (TensorFlow
finds them by the pipeline's fingerprint; ``docs/differences.md``).

``tf.data.experimental.save``, ``load`` and ``snapshot`` are the same.

What it receives: a ``Dataset`` and a folder. What it hands on: ``Dataset``s. No trace
events.
"""
import collections
import gzip
import json
import os
import uuid

import numpy as np

from tracekeras.backend.op_errors import NotFoundError
from tracekeras.data import readers, windowing
from tracekeras.data.dataset import Dataset, as_tensor
from tracekeras.data.structure import RaggedTensorSpec, TensorSpec
from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
from tracekeras.utils import nest

DESCRIPTION = "tracekeras_dataset.json"
FORMAT = "tracekeras-dataset"


def not_implemented(what):
    return OperationNotImplementedByTracekeras(
        f"tracekeras does not implement {what} (used by {caller(PACKAGE)})")


# -- the element spec as JSON ---------------------------------------------------------
def spec_json(spec):
    if spec is None:
        return None
    if isinstance(spec, RaggedTensorSpec):
        raise not_implemented("tensorflow.data.Dataset.save of RaggedTensor elements")
    if isinstance(spec, TensorSpec):
        return {"shape": None if spec.shape is None else list(spec.shape),
                "dtype": "string" if spec.dtype == object else spec.dtype.name}
    if isinstance(spec, dict):
        kind = "OrderedDict" if isinstance(spec, collections.OrderedDict) else "dict"
        return {kind: [[key, spec_json(value)] for key, value in spec.items()]}
    if isinstance(spec, (tuple, list)):
        return {"tuple": [spec_json(value) for value in spec]}
    raise not_implemented(f"tensorflow.data.Dataset.save of {type(spec).__name__} elements")


def spec_from_json(data):
    if data is None:
        return None
    if "dtype" in data:
        return TensorSpec(data["shape"], object if data["dtype"] == "string" else data["dtype"])
    if "tuple" in data:
        return tuple(spec_from_json(value) for value in data["tuple"])
    if "OrderedDict" in data:
        return collections.OrderedDict((key, spec_from_json(value))
                                       for key, value in data["OrderedDict"])
    return {key: spec_from_json(value) for key, value in data["dict"]}   # the saved order


# -- elements as .npy records ----------------------------------------------------------
def write_leaf(f, leaf):
    leaf = np.asarray(leaf)
    if leaf.dtype.kind in "OS":   # strings: their lengths, then their bytes
        leaf = leaf.astype(object)
        items = [bytes(item) for item in leaf.reshape(-1)]
        np.lib.format.write_array(f, np.array([len(b) for b in items], np.int64).reshape(
            leaf.shape), allow_pickle=False)
        np.lib.format.write_array(f, np.frombuffer(b"".join(items), np.uint8),
                                  allow_pickle=False)
    else:
        np.lib.format.write_array(f, leaf, allow_pickle=False)


def read_leaf(f, spec):
    array = np.lib.format.read_array(f, allow_pickle=False)
    if spec.dtype != object:
        return array
    data, strings, start = np.lib.format.read_array(f, allow_pickle=False).tobytes(), [], 0
    for length in array.reshape(-1).tolist():
        strings.append(data[start:start + length])
        start += length
    out = np.empty(len(strings), dtype=object)
    out[:] = strings
    return out.reshape(array.shape)


def opened(path, mode, compression):
    return gzip.open(path, mode) if compression == "GZIP" else open(path, mode)


def shard_elements(path, spec, compression):
    """The elements of one shard file."""
    leaf_specs = nest.flatten(spec)
    with opened(path, "rb", compression) as f:
        while f.peek(1):   # both a file and a gzip file look ahead
            leaves = [None if s is None else read_leaf(f, s) for s in leaf_specs]
            yield nest.pack_sequence_as(spec, leaves)


class Writer:
    """The shard files of one folder, opened as elements come, and the description."""

    def __init__(self, path, compression):
        os.makedirs(path, exist_ok=True)
        self.path, self.compression, self.files, self.count = path, compression, {}, 0

    def write(self, element, shard=0):
        if shard not in self.files:
            name = os.path.join(self.path, f"{shard:08d}.shard")
            self.files[shard] = opened(name, "wb", self.compression)
        for leaf in nest.flatten(element):
            if leaf is not None:
                write_leaf(self.files[shard], leaf)
        self.count += 1

    def close(self, spec):
        for f in self.files.values():
            f.close()
        description = {"format": FORMAT, "version": 1, "element_spec": spec_json(spec),
                       "cardinality": self.count, "compression": self.compression,
                       "shards": [f"{shard:08d}.shard" for shard in sorted(self.files)]}
        with open(os.path.join(self.path, DESCRIPTION), "w", encoding="utf-8") as f:
            json.dump(description, f, indent=1)


def checked_compression(compression):
    if compression not in (None, "", "GZIP", "NONE", "AUTO"):
        raise not_implemented(f"tensorflow.data.Dataset.save(compression={compression!r})")
    return "GZIP" if compression == "GZIP" else None


def shard_of(shard_func, element):
    """The shard ``shard_func`` gives an element (a tuple unpacked, as ``map`` does)."""
    if shard_func is None:
        return 0
    given = nest.map_structure(as_tensor, element)
    shard = shard_func(*given) if isinstance(given, tuple) else shard_func(given)
    return int(np.asarray(getattr(shard, "value", shard)))


def save(self, path, compression=None, shard_func=None, checkpoint_args=None):
    """``Dataset.save``: every element written under ``path`` (tracekeras's format)."""
    if checkpoint_args is not None:
        raise not_implemented("tensorflow.data.Dataset.save(checkpoint_args=...)")
    spec = self.element_spec
    spec_json(spec)   # refused before anything is written
    writer = Writer(os.fspath(path), checked_compression(compression))
    for element in self.elements():
        writer.write(element, shard_of(shard_func, element))
    writer.close(spec)


def description_of(path):
    name = os.path.join(path, DESCRIPTION)
    if not os.path.exists(name):
        if any(os.path.exists(os.path.join(path, f)) for f in ("dataset_spec.pb",
                                                               "snapshot.metadata")):
            raise not_implemented(
                "tensorflow.data.Dataset.load of a folder TensorFlow saved (its snapshot "
                "format: dataset_spec.pb, snapshot.metadata and shard files of records); "
                "tracekeras loads what its own Dataset.save wrote")
        raise NotFoundError("tf.data snapshot element_spec file not found: "
                            f"{os.path.join(path, 'dataset_spec.pb')}.")
    with open(name, encoding="utf-8") as f:
        return json.load(f)


def default_reader(datasets):
    """TensorFlow's default ``reader_func``: the shards interleaved."""
    return readers.interleave(datasets, lambda shard: shard)


def load(path, element_spec=None, compression=None, reader_func=None, wait=False):
    """``Dataset.load``: the dataset ``save`` wrote under ``path``."""
    path = os.fspath(path)
    description = description_of(path)
    saved = spec_from_json(description["element_spec"])
    spec = saved if element_spec is None else element_spec
    stored = description["compression"]

    def shard(name):
        return Dataset(lambda: shard_elements(os.path.join(path, name), saved, stored), -2,
                       spec, "_VariantDataset")

    shards = [shard(name) for name in description["shards"]]
    datasets = Dataset(lambda: iter(shards), len(shards), windowing.DatasetSpec(spec),
                       "_VariantDataset")
    read = (reader_func or default_reader)(datasets)
    return Dataset(read.elements, description["cardinality"], spec, "_LoadDataset")


def snapshot(self, path, compression="AUTO", reader_func=None, shard_func=None, name=None):
    """``Dataset.snapshot``: the same elements, kept under ``path`` after a full pass."""
    source = self
    compression = checked_compression(compression)
    done = []   # the folder of the first pass that reached the end

    def written(elements):   # each pass writes its own folder
        folder = os.path.join(os.fspath(path), f"tracekeras-{uuid.uuid4().hex}")
        writer = Writer(folder, compression)
        for element in elements:
            writer.write(element, shard_of(shard_func, element))
            yield element
        writer.close(source.element_spec)
        done.append(folder)

    def make_iterator():
        if done:
            return load(done[0], reader_func=reader_func).elements()
        return written(source.elements())

    return self._derived(make_iterator, self._cardinality, "_MapDataset")


def experimental_save(dataset, path, compression=None, shard_func=None, checkpoint_args=None):
    """``tf.data.experimental.save(dataset, path, ...)``: ``dataset.save(path, ...)``."""
    return save(dataset, path, compression, shard_func, checkpoint_args)


def experimental_snapshot(path, compression="AUTO", reader_func=None, shard_func=None):
    """``tf.data.experimental.snapshot``: the transformation, for ``apply``."""
    return lambda dataset: snapshot(dataset, path, compression, reader_func, shard_func)


__all__ = ["experimental_save", "experimental_snapshot", "load", "save", "snapshot"]
