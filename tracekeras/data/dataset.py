"""``tf.data.Dataset`` in miniature: an eager, lazy pipeline of NumPy elements.

What it owns: the ``Dataset`` class (``tf.data.Dataset``), its sources
(``from_tensor_slices``, ``from_tensors``, ``from_generator``, ``range``, ``zip``) and
transformations (``batch``, ``padded_batch`` (its padding in :mod:`tracekeras.data.padding`),
``unbatch``, ``shuffle``, ``map``, ``filter``, ``repeat``, ``take``, ``skip``, ``shard``,
``concatenate``, ``enumerate``, ``prefetch``, ``cache``, ``window`` and
``flat_map`` (``windowing``), ``apply``), the cardinality constants and ``TensorSpec``.

What it receives: NumPy arrays (or nested tuples/dicts of them), Python numbers,
generator functions. What it hands on: ``iter(dataset)`` gives a fresh Python
iterator over elements (backend Tensors in the element's structure, as TF gives
``tf.Tensor``s), which is what ``DataHandler`` feeds to ``train_function``;
``as_numpy_iterator()`` gives the same elements as NumPy arrays. ``map`` and
``filter`` functions receive Tensors; inside, elements travel as NumPy arrays.
A dataset is a recipe: nothing is computed until iterated, and each ``iter``
starts over (reshuffling if asked).

Each dataset knows the class TensorFlow makes for its step (``_TensorSliceDataset``,
``_BatchDataset``, ``CacheDataset``...) and its ``element_spec`` (``structure``), so its
``repr`` is TensorFlow's. The module is over 400 lines because ``tf.data.Dataset`` is one
class with a method per transformation.

``shuffle`` draws as tf.data's does, from TensorFlow's Philox streams with its seeds
(``tf.random.set_seed`` and the op seed, or the ``seed`` given). As in tf.data, making an
iterator makes its inputs' iterators at once (so each shuffle below takes its seeds at
``iter()``, read or not), but for ``concatenate``'s second input and ``flat_map``'s
datasets, made when reached (``LazyIterator``). A ``map``, ``filter`` or ``flat_map``
function's random ops draw as in the graph TensorFlow traces it into, one per iterator
(``backend.random.FunctionGraph``).
No trace events: the adapter that consumes a dataset is what the trace shows.
"""
import itertools

import numpy as np

from tracekeras.backend import dataset_shuffle, string_ops
from tracekeras.backend import random as krandom
from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.backend.tensor import Tensor
from tracekeras.data import padding, structure, windowing
from tracekeras.data.resumable import (
    BatchedElements,
    FilteredElements,
    MappedElements,
    TakenElements,
)
from tracekeras.data.structure import TensorSpec, spec_of
from tracekeras.shim.errors import PACKAGE, AttributeNotImplementedByTracekeras, caller
from tracekeras.utils import nest

INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2
AUTOTUNE = -1
_END = object()   # what an exhausted iterator gives ``next(iterator, _END)``


class Cardinality(int):
    """An int that also answers ``.numpy()`` as ``dataset.cardinality()`` does in TF."""

    def numpy(self):
        return int(self)


def to_numpy(value):
    """A NumPy leaf: backend Tensors give their value; Python data converts as TF would."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "OSU" and value.size \
            and string_ops.is_string(value):
        return string_ops.strings(value)
    if value is None or isinstance(value, (np.ndarray, RaggedTensor)):
        return value
    if hasattr(value, "value") and isinstance(value.value, (np.ndarray, np.generic)):
        return np.asarray(value.value)   # a tensor keeps its dtype (a 0-d one too)
    array = np.asarray(value)
    if string_ops.is_string(array):
        return string_ops.strings(array)   # tf.string: an object array of bytes
    if array.dtype == np.float64:
        return array.astype(np.float32)
    if array.dtype == np.int64 and not isinstance(value, np.generic):
        return array.astype(np.int32)
    return array


def as_tensor(value):
    """A backend Tensor for a NumPy leaf; a number scalar is held as a NumPy scalar, so that
    its ``numpy()`` is ``np.int64(0)``, as TensorFlow's is (a string one is its bytes)."""
    if isinstance(value, (np.ndarray, np.generic)):
        value = np.asarray(value)
        return Tensor(value[()] if value.ndim == 0 and value.dtype != object else value)
    if isinstance(value, bytes):   # one element of a string column
        return Tensor(np.array(value, dtype=object))
    return value


def combine_cardinality(a, b, op):
    if INFINITE_CARDINALITY in (a, b):
        return INFINITE_CARDINALITY
    if UNKNOWN_CARDINALITY in (a, b):
        return UNKNOWN_CARDINALITY
    return op(a, b)


# the public method of TensorFlow 2.21's tf.data.Dataset that tracekeras lacks: a fingerprint
# of TensorFlow's graph of the pipeline, which tracekeras does not build
TF_DATASET_METHODS = frozenset(("fingerprint",))


def declared_specs(types, shapes):
    """``from_generator``'s ``output_types`` and ``output_shapes`` (None: unknown) as the
    TensorSpecs of the same structure."""
    if isinstance(types, dict):
        return {k: declared_specs(t, None if shapes is None else shapes[k])
                for k, t in types.items()}
    if isinstance(types, (tuple, list)):
        shapes = [None] * len(types) if shapes is None else shapes
        return tuple(declared_specs(t, shape) for t, shape in zip(types, shapes))
    return TensorSpec(None if shapes is None else tuple(shapes),
                      getattr(types, "as_numpy_dtype", types))


class Dataset:
    """A lazy sequence of elements; ``iter(ds)`` restarts it from the beginning.

    ``make_iterator`` is a zero-argument callable returning a fresh iterator;
    ``cardinality`` the number of elements (or ``INFINITE_CARDINALITY`` /
    ``UNKNOWN_CARDINALITY``). Build datasets with the static constructors.
    """

    def __init__(self, make_iterator, cardinality, element_spec=None, kind="Dataset"):
        self._make_iterator = make_iterator
        self._cardinality = int(cardinality)
        self._element_spec = element_spec
        self._kind = kind      # the class TensorFlow makes for this step, named by repr
        self._spec_function = None   # map: finds the spec when first asked
        self._options = None   # the tf.data.Options it carries (``options``)

    def _derived(self, make_iterator, cardinality, kind, transform=None, lazy=False):
        """A dataset made from this one, whose element spec is ``transform`` of this one's
        (the same by default): at once when this one's is known and ``lazy`` is not asked,
        else when first asked for (a ``map`` function is traced only then)."""
        dataset = Dataset(make_iterator, cardinality, None, kind)
        dataset._options = self._options
        transform = transform or (lambda spec: spec)
        if self._element_spec is not None and not lazy:
            dataset._element_spec = transform(self._element_spec)
        else:
            dataset._spec_function = lambda: (None if self.element_spec is None
                                              else transform(self.element_spec))
        return dataset

    # -- sources ------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors):
        """One element per row of the leading dimension of every component."""
        data = nest.map_structure(to_numpy, list_to_array(tensors))
        leaves = [leaf for leaf in nest.flatten(data) if leaf is not None]
        if any(leaf.ndim == 0 for leaf in leaves):
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        sizes = sorted({leaf.shape[0] for leaf in leaves})
        if len(sizes) > 1:
            raise ValueError(f"Dimensions {sizes[-1]} and {sizes[0]} are not compatible")
        n = sizes[0] if sizes else 0

        flat = nest.flatten(data)

        def make_iterator():
            if isinstance(data, np.ndarray):
                yield from data
                return
            for i in range(n):
                yield nest.pack_sequence_as(data, [None if a is None else a[i] for a in flat])

        return Dataset(make_iterator, n, spec_of(data, drop_leading=True), "_TensorSliceDataset")

    @staticmethod
    def from_tensors(tensors):
        """A dataset of exactly one element: ``tensors`` itself."""
        data = nest.map_structure(to_numpy, list_to_array(tensors))
        return Dataset(lambda: iter([data]), 1, spec_of(data), "_TensorDataset")

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        """Elements from calling ``generator(*args)`` afresh at each iteration."""
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        args = tuple(args or ())
        if output_signature is None and output_types is not None:
            output_signature = declared_specs(output_types, output_shapes)

        def make_iterator():
            for element in generator(*args):
                if isinstance(output_signature, TensorSpec):   # one tensor, a list included
                    kind = output_signature.dtype
                    yield to_numpy(element) if kind.kind == "O" else np.asarray(element, kind)
                    continue
                element = nest.map_structure(to_numpy, nest.list_to_tuple(element))
                if output_signature is not None:   # TF converts to the declared dtypes
                    element = nest.map_structure(
                        lambda value, spec: np.asarray(value, spec.dtype), element,
                        output_signature)
                yield element

        return Dataset(make_iterator, UNKNOWN_CARDINALITY, output_signature, "_FlatMapDataset")

    @staticmethod
    def range(*args, **kwargs):
        """``range(stop)``, ``range(start, stop[, step])`` of ``output_type`` (int64); TF
        reads no other keyword (a ``dtype=`` is ignored there too)."""
        values, dtype = range(*args), kwargs.get("output_type", np.int64)
        return Dataset(lambda: (np.asarray(v, dtype) for v in values), len(values),
                       TensorSpec((), dtype), "_RangeDataset")

    @staticmethod
    def counter(start=0, step=1, dtype=np.int64, name=None):
        """``Dataset.counter`` (``tf.data.experimental.Counter``): ``start``, ``start +
        step``, ... without end, of ``dtype``."""
        dtype = np.dtype(getattr(dtype, "as_numpy_dtype", dtype))
        return Dataset(lambda: (np.asarray(v, dtype) for v in itertools.count(start, step)),
                       INFINITE_CARDINALITY, TensorSpec((), dtype), "_ScanDataset")

    @staticmethod
    def zip(datasets):
        """Elements are tuples (or dicts) of the zipped datasets' elements."""
        flat = nest.flatten(datasets)
        cardinality = min(int(d.cardinality()) for d in flat)
        if any(int(d.cardinality()) == UNKNOWN_CARDINALITY for d in flat):
            cardinality = UNKNOWN_CARDINALITY
        elif all(int(d.cardinality()) == INFINITE_CARDINALITY for d in flat):
            cardinality = INFINITE_CARDINALITY
        elif any(int(d.cardinality()) == INFINITE_CARDINALITY for d in flat):
            cardinality = min(int(d.cardinality()) for d in flat if int(d.cardinality()) >= 0)

        def make_iterator():
            return (nest.pack_sequence_as(datasets, list(elements))
                    for elements in zip(*[d.elements() for d in flat]))

        def spec():
            specs = [d.element_spec for d in flat]
            return None if None in specs else nest.pack_sequence_as(datasets, specs)

        dataset = Dataset(make_iterator, cardinality, None, "_ZipDataset")
        dataset._spec_function = spec
        for given in flat:   # the inputs' options, merged in order
            if given._options is not None:
                dataset._options = given._options if dataset._options is None \
                    else dataset._options.merge(given._options)
        return dataset

    # -- the protocol ---------------------------------------------------------------
    def __iter__(self):
        """The elements as Tensors, as iterating a ``tf.data.Dataset`` gives ``tf.Tensor``s."""
        return (nest.map_structure(as_tensor, element) for element in self._make_iterator())

    def elements(self):
        """The elements as NumPy arrays: what the transformations pass along."""
        return iter(self._make_iterator())

    def as_numpy_iterator(self):
        """The elements as ``Tensor.numpy()`` gives them: arrays, a scalar as a NumPy
        scalar (``np.int64(0)``) or, a string, as ``bytes``, a RaggedTensor as its
        ``numpy()``."""
        def numpy(a):
            if isinstance(a, RaggedTensor):   # its rows, as RaggedTensor.numpy() gives them
                return a.numpy()
            return a[()] if isinstance(a, np.ndarray) and a.ndim == 0 else a
        return NumpyIterator(nest.map_structure(numpy, element) for element in self.elements())

    def cardinality(self):
        return Cardinality(self._cardinality)

    def __getattr__(self, name):
        """A ``tf.data.Dataset`` method tracekeras lacks: the one-line error that names it."""
        if name in TF_DATASET_METHODS:
            raise AttributeNotImplementedByTracekeras(
                f"tracekeras does not implement tensorflow.data.Dataset.{name} "
                f"(used by {caller(PACKAGE)})", name=name, obj=self)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __len__(self):
        if self._cardinality == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if self._cardinality == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return self._cardinality

    def __bool__(self):
        return True

    @property
    def element_spec(self):
        """Structure of ``TensorSpec``s: known from the source and each step, traced for a
        ``map`` (``structure.traced_spec``), or else found by looking at the first element."""
        if self._element_spec is None and self._spec_function is not None:
            with structure.left_unchanged():   # TF knows it without running anything
                self._element_spec = self._spec_function()
            self._spec_function = None
        if self._element_spec is None:
            with structure.left_unchanged():
                first = next(self.elements(), None)
            if first is None:
                return None
            self._element_spec = spec_of(first)
        return self._element_spec

    def __repr__(self):
        """TensorFlow's text: ``<_BatchDataset element_spec=TensorSpec(...)>``."""
        return f"<{self._kind} element_spec={self.element_spec!r}>"

    # -- transformations ------------------------------------------------------------
    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        """Stack ``batch_size`` consecutive elements (the last batch may be smaller)."""
        if int(batch_size) <= 0:
            raise ValueError(f"`batch_size` must be positive. Received: {batch_size}")
        batch_size, source = int(batch_size), self

        def make_iterator():   # goes on after an error of its input (``resumable``)
            return BatchedElements(source.elements(), batch_size, drop_remainder,
                                   stack_elements)

        n = self._cardinality
        if n >= 0:
            n = n // batch_size if drop_remainder else -(-n // batch_size)
        kind = "_BatchDataset" if num_parallel_calls is None else "_ParallelBatchDataset"
        batched = self._derived(make_iterator, n, kind,
                                lambda spec: structure.batched(spec, batch_size, drop_remainder))
        batched._batch_size = batch_size   # as TensorFlow's batch datasets keep it
        return batched

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        """Like ``batch``, each component padded at the end of its axes to ``padded_shapes``
        (the longest in the batch where unknown) with ``padding_values`` (0 or ``b""``)."""
        if int(batch_size) <= 0:
            raise ValueError(f"`batch_size` must be positive. Received: {batch_size}")
        batch_size, source = int(batch_size), self
        if self.element_spec is not None:   # a wrong rank is refused at once, as in TF
            padding.padded_spec(self.element_spec, padded_shapes, batch_size, drop_remainder)

        def make_iterator():
            return padding.padded_batches(source.elements(), batch_size, padded_shapes,
                                          padding_values, drop_remainder)

        n = self._cardinality
        if n >= 0:
            n = n // batch_size if drop_remainder else -(-n // batch_size)
        batched = self._derived(make_iterator, n, "_PaddedBatchDataset",
                                lambda spec: padding.padded_spec(spec, padded_shapes,
                                                                 batch_size, drop_remainder))
        batched._batch_size = batch_size
        return batched

    def unbatch(self, name=None):
        source = self

        def rows(elements):
            for element in elements:
                leaves = nest.flatten(element)
                for i in range(leaves[0].shape[0]):
                    yield nest.map_structure(lambda a, i=i: a[i], element)

        def make_iterator():
            return rows(source.elements())

        return self._derived(make_iterator, self.unbatched_cardinality(), "_UnbatchDataset",
                             structure.unbatched)

    def unbatched_cardinality(self):
        """Known, as in TF, when every component's leading dimension is known and the same."""
        if self._cardinality == INFINITE_CARDINALITY:
            return INFINITE_CARDINALITY
        specs = [s for s in nest.flatten(self._element_spec) if s is not None]
        rows = {s.shape[0] if s.shape else None for s in specs}
        if self._cardinality < 0 or len(rows) != 1 or None in rows:
            return UNKNOWN_CARDINALITY
        return self._cardinality * rows.pop()

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """TF's buffered shuffle: keep ``buffer_size`` elements (every one for
        ``UNKNOWN_CARDINALITY``), emit one at random, with TensorFlow's seeds and draws
        (``backend.dataset_shuffle.shuffle_dataset``)."""
        if int(buffer_size) <= 0 and int(buffer_size) != UNKNOWN_CARDINALITY:
            raise string_ops.InvalidArgumentError(
                "buffer_size must be greater than zero or UNKNOWN_CARDINALITY")
        source, buffer_size = self, int(buffer_size)
        seeds = dataset_shuffle.ShuffleSeedGenerator(seed, reshuffle_each_iteration)

        def make_iterator():   # TF's iterator takes its seeds when made, its input's later
            return dataset_shuffle.shuffle_dataset(LazyIterator(source.elements), buffer_size,
                                           seeds.generate_seeds())

        return self._derived(make_iterator, self._cardinality, "_ShuffleDataset")

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        """``map_func(*element)`` for tuple elements, ``map_func(element)`` otherwise."""
        source, graphs = self, krandom.FunctionGraph.traced()
        map_func = structure.as_traced(map_func)   # its variables as TF's trace reads them

        def make_iterator():   # each iterator instantiates the function's graph afresh
            return MappedElements(source.elements(), call, graphs())

        def call(element, graph=None):
            element = nest.map_structure(as_tensor, element)   # map_func sees tensors, as in TF
            with (graph or graphs()).calling():
                out = map_func(*element) if isinstance(element, tuple) else map_func(element)
            return nest.map_structure(to_numpy, nest.list_to_tuple(out))

        kind = "_MapDataset" if num_parallel_calls is None else "_ParallelMapDataset"
        return self._derived(make_iterator, self._cardinality, kind,
                             lambda spec: structure.traced_spec(call, spec), lazy=True)

    def filter(self, predicate, name=None):
        source, graphs = self, krandom.FunctionGraph.traced()
        predicate = structure.as_traced(predicate)

        def kept(element, graph):
            given = nest.map_structure(as_tensor, element)
            with graph.calling():
                keep = predicate(*given) if isinstance(given, tuple) else predicate(given)
            return bool(np.asarray(getattr(keep, "value", keep)))

        def make_iterator():
            return FilteredElements(source.elements(), kept, graphs())

        card = INFINITE_CARDINALITY if self._cardinality == INFINITE_CARDINALITY \
            else UNKNOWN_CARDINALITY
        return self._derived(make_iterator, card, "_FilterDataset")

    def repeat(self, count=None, name=None):
        """The dataset ``count`` times (forever when ``count`` is None or -1)."""
        source = self
        forever = count is None or int(count) == -1

        def repetitions(first):
            yield from first
            for _ in (itertools.count() if forever else range(int(count) - 1)):
                yield from source.elements()

        def make_iterator():   # TF makes the first repetition's iterator at once
            if not forever and int(count) <= 0:
                return iter(())
            return repetitions(source.elements())

        n = self._cardinality
        if n == 0 or (not forever and int(count) == 0):
            n = 0
        elif forever:
            n = INFINITE_CARDINALITY
        elif n >= 0:
            n = n * int(count)
        return self._derived(make_iterator, n, "_RepeatDataset")

    def take(self, count, name=None):
        count, source = int(count), self
        if count == -1:
            return self._derived(source.elements, self._cardinality, "_TakeDataset")
        if count == 0:   # TF makes no iterator of the input then
            return self._derived(lambda: iter(()), 0, "_TakeDataset")
        n = count if self._cardinality == INFINITE_CARDINALITY else (
            min(count, self._cardinality) if self._cardinality >= 0 else UNKNOWN_CARDINALITY)
        return self._derived(lambda: TakenElements(source.elements(), count), n,
                             "_TakeDataset")

    def skip(self, count, name=None):
        count, source = int(count), self
        if count == -1:
            return self._derived(lambda: iter(()), 0, "_SkipDataset")
        n = self._cardinality if self._cardinality < 0 else max(self._cardinality - count, 0)
        return self._derived(lambda: itertools.islice(source.elements(), count, None), n,
                             "_SkipDataset")

    def shard(self, num_shards, index, name=None):
        """Every ``num_shards``-th element, from the ``index``-th (element ``i`` where
        ``i % num_shards == index``); TensorFlow's errors for a bad count or index."""
        num_shards, index, source = int(num_shards), int(index), self
        if num_shards <= 0:
            raise shard_error(f"Number of shards must be greater than zero (currently "
                              f"num_shards = {num_shards}).")
        if not 0 <= index < num_shards:
            raise shard_error(f"Index must be between 0 and {num_shards - 1} (currently "
                              f"index = {index}).")
        n = self._cardinality
        if n >= 0:
            n = n // num_shards + (1 if index < n % num_shards else 0)
        return self._derived(
            lambda: itertools.islice(source.elements(), index, None, num_shards), n,
            "_ShardDataset")

    def concatenate(self, dataset, name=None):
        first, second = self, dataset
        n = combine_cardinality(self._cardinality, int(dataset.cardinality()),
                                lambda a, b: a + b)
        def make_iterator():   # the second input's iterator is made when first reaches it
            return itertools.chain(first.elements(), LazyIterator(second.elements))

        return self._derived(make_iterator, n,
                             "_ConcatenateDataset",
                             lambda spec: structure.most_specific(spec, second.element_spec),
                             lazy=True)

    def enumerate(self, start=0, name=None):
        source = self
        return self._derived(
            lambda: ((np.int64(i), e) for i, e in enumerate(source.elements(), start)),
            self._cardinality, "_ZipDataset", lambda spec: (TensorSpec((), np.int64), spec))

    def prefetch(self, buffer_size, name=None):
        """The same elements: everything runs eagerly in one thread."""
        return self._derived(self.elements, self._cardinality, "_PrefetchDataset")

    def cache(self, filename="", name=None):
        """Keep the elements of the first full pass in memory and replay them.

        A pass is full once an iterator has handed out the last element, its end unseen:
        TensorFlow puts a prefetch at the end of every pipeline, which has asked for the
        next element by then and met the end. So ``fit`` fills the cache in its first
        epoch, which reads exactly the dataset's batches; an iterator left earlier leaves
        it empty, and the next one reads the source again (a shuffle reshuffles)."""
        source, store = self, {}

        def recorded(elements):   # a read-ahead of one element, as the prefetch's
            seen, elements = [], iter(elements)
            upcoming = next(elements, _END)
            while upcoming is not _END:
                element, upcoming = upcoming, next(elements, _END)
                seen.append(element)
                if upcoming is _END:
                    store["elements"] = seen
                yield element

        def make_iterator():
            if "elements" in store:
                return iter(store["elements"])
            return recorded(source.elements())

        return self._derived(make_iterator, self._cardinality, "CacheDataset")

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        """A dataset of windows (``windowing.windows``): each element a dataset of ``size``
        elements (a tuple or dict of them for a tuple or dict element)."""
        size, stride = int(size), int(stride)
        shift = size if shift is None else int(shift)
        if min(size, shift, stride) <= 0:
            raise ValueError(f"`size`, `shift` and `stride` must be positive. Received: "
                             f"size={size}, shift={shift}, stride={stride}")
        source = self

        def as_datasets(window):   # each a _VariantDataset, as TensorFlow's repr names it
            def one(*leaves):
                part = Dataset.from_tensor_slices(np.stack(leaves))
                part._kind = "_VariantDataset"
                return part
            return nest.map_structure(one, *window)

        def make_iterator():
            return map(as_datasets, windowing.windows(source.elements(), size, shift, stride,
                                                       drop_remainder))

        n = windowing.window_cardinality(self._cardinality, size, shift, stride,
                                         drop_remainder)
        return self._derived(make_iterator, n, "_WindowDataset",
                             lambda spec: nest.map_structure(windowing.DatasetSpec, spec))

    def flat_map(self, map_func, name=None):
        """The elements of the dataset ``map_func`` returns for each element, one after
        the other (``map_func(*element)`` for a tuple element)."""
        source, graphs = self, krandom.FunctionGraph.traced()
        map_func = structure.as_traced(map_func)

        def made_from(element, graph):
            with graph.calling():
                return map_func(*element) if isinstance(element, tuple) else map_func(element)

        def datasets():
            graph = graphs()
            return (made_from(element, graph) for element in source.elements())

        def make_iterator():   # the input's iterator now, each dataset's when reached
            return itertools.chain.from_iterable(
                LazyIterator(dataset.elements) for dataset in datasets())

        def spec():
            first = next(datasets(), None)
            return None if first is None else first.element_spec

        dataset = Dataset(make_iterator, UNKNOWN_CARDINALITY, None, "_FlatMapDataset")
        dataset._spec_function = spec
        return dataset

    def apply(self, transformation_func):
        return transformation_func(self)


def list_to_array(structure):
    """``tf.data`` treats a Python list as one tensor and a tuple as a structure."""
    if isinstance(structure, list):
        if any(isinstance(v, (np.ndarray, np.generic)) for v in structure):
            return np.asarray(structure)  # NumPy data keeps its dtype
        return to_numpy(structure)  # Python numbers: float32 / int32, as TF converts them
    if isinstance(structure, tuple) and not hasattr(structure, "_fields"):
        return tuple(list_to_array(v) for v in structure)
    if isinstance(structure, dict):
        return {k: list_to_array(v) for k, v in structure.items()}
    return structure


class LazyIterator:
    """An iterator made by ``make`` when first asked for an element: where tf.data makes an
    input's iterator only on reaching it (``concatenate``'s second input, ``flat_map``'s
    datasets), which matters when making it takes a shuffle's seeds."""

    def __init__(self, make):
        self.make, self.iterator = make, None

    def __iter__(self):
        return self

    def __next__(self):
        if self.iterator is None:
            self.iterator = self.make()
        return next(self.iterator)


def stack_elements(elements):
    """One batch from a list of same-structured elements (``np.stack`` leaf by leaf)."""
    flats = [nest.flatten(e) for e in elements]
    for leaf in flats[0]:
        structure.refuse_ragged(leaf, "batch")
    stacked = [np.stack([f[i] for f in flats]) for i in range(len(flats[0]))]
    return nest.pack_sequence_as(elements[0], stacked)


def assert_cardinality(expected_cardinality):
    """``tf.data.experimental.assert_cardinality``: declare how many elements there are."""
    def apply(dataset):
        return dataset._derived(dataset._make_iterator, expected_cardinality,
                                "_AssertCardinalityDataset")
    return apply


def cardinality(input_dataset):
    """``tf.data.experimental.cardinality``: the dataset's ``cardinality()``."""
    return input_dataset.cardinality()


def shard_error(message):
    return string_ops.InvalidArgumentError(
        "{{function_node __wrapped__ShardDataset_device_/job:localhost/replica:0/task:0/"
        f"device:CPU:0}}}} {message} [Op:ShardDataset] name: ")


class NumpyIterator:
    """What ``as_numpy_iterator`` returns: an iterator over the elements as NumPy values,
    which also has TensorFlow's ``next()`` method (``ds.as_numpy_iterator().next()``)."""

    def __init__(self, elements):
        self.elements = elements

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.elements)

    def next(self):
        return next(self.elements)
