"""The adapters for data that arrives already batched: datasets, generators, Sequences.

What it owns four of Keras's eight adapters:

- ``DatasetAdapter``: a ``tracekeras.data.Dataset`` used as is (its elements are
  the batches; an unbatched dataset gives one sample per step). Steps come from
  its cardinality; an infinite dataset needs ``steps_per_epoch``.
- ``GeneratorDataAdapter``: a Python generator or iterator. It peeks at the first
  batch (building an unbuilt model on it, as Keras does), then serves the batches
  with floating arrays cast to floatx. The size is unknown until the first epoch
  runs out; one iterator serves all epochs.
- ``KerasSequenceAdapter``: a ``keras.utils.Sequence``; ``len(seq)`` batches per
  epoch, ``shuffle=True`` shuffles the batch order (Python's ``random.shuffle``),
  ``on_epoch_end`` is called after every epoch.
- ``DatasetCreatorAdapter``: a ``DatasetCreator`` called with an ``InputContext``;
  ``steps_per_epoch`` is required.

``workers``/``use_multiprocessing`` are accepted and recorded; batches are always
produced in the calling thread. What it receives and hands on: as the array
adapters (a Dataset of batches). Trace events: each ``__init__`` is a span named
``keras.engine.data_adapter.<Adapter>.__init__`` (the generator's peek is noted).
"""
import itertools
import random

import numpy as np

from tracekeras import tracing
from tracekeras.backend import floatx
from tracekeras.data import INFINITE_CARDINALITY
from tracekeras.data.dataset import Dataset, assert_cardinality
from tracekeras.data.dataset_creator import DatasetCreator, InputContext
from tracekeras.engine.data_adapters.array_adapters import DataAdapter, init_args, note_batching
from tracekeras.engine.data_adapters.structure import (
    _process_tensorlike,
    describe,
    is_none_or_empty,
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from tracekeras.utils import nest
from tracekeras.utils.data_utils import Sequence

KERAS_MODULE = "keras.engine.data_adapter"   # Keras keeps every adapter in one module


def check_no_targets(kind, y, sample_weights):
    """Datasets, generators and Sequences carry their own targets: ``y`` must not be given."""
    if not is_none_or_empty(y):
        raise ValueError(f"`y` argument is not supported when using {kind} as input.")
    if not is_none_or_empty(sample_weights):
        raise ValueError(f"`sample_weight` argument is not supported when using {kind} as "
                         "input.")


class DatasetAdapter(DataAdapter):
    """Adapter for a ``Dataset``: its elements are the batches."""

    @staticmethod
    def can_handle(x, y=None):
        return isinstance(x, Dataset)   # (Keras also takes distributed datasets: none here)

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, sample_weights=None, steps=None, **kwargs):
        super().__init__(x, y, **kwargs)
        self._dataset = x
        self._user_steps = steps
        self._validate_args(y, sample_weights, steps)
        if tracing.active():
            tracing.note(cardinality=int(x.cardinality()), batch_size_ignored=kwargs.get(
                "batch_size"), should_recreate_iterator=self.should_recreate_iterator())

    def get_dataset(self):
        return self._dataset

    def get_size(self):
        return None  # inferred by DataHandler from the cardinality

    def batch_size(self):
        return None

    def has_partial_batch(self):
        return False

    def partial_batch_size(self):
        return None

    def should_recreate_iterator(self):
        return self._user_steps is None or int(self._dataset.cardinality()) == self._user_steps

    def _validate_args(self, y, sample_weights, steps):
        check_no_targets("dataset", y, sample_weights)
        if steps is None and int(self._dataset.cardinality()) == INFINITE_CARDINALITY:
            raise ValueError("When providing an infinite dataset, you must specify the number "
                             "of steps to run (if you did not intend to create an infinite "
                             "dataset, make sure to not call `repeat()` on the dataset).")


class GeneratorDataAdapter(DataAdapter):
    """Adapter for Python generators and iterators (one batch per ``next``)."""

    @staticmethod
    def can_handle(x, y=None):
        return ((hasattr(x, "__next__") or hasattr(x, "next")) and hasattr(x, "__iter__")
                and not isinstance(x, Sequence))

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, sample_weights=None, workers=1, use_multiprocessing=False,
                 max_queue_size=10, model=None, **kwargs):
        kwargs.pop("shuffle", None)
        check_no_targets(self.input_kind(), y, sample_weights)
        super().__init__(x, y, **kwargs)
        peek, x = self._peek_and_restore(x)
        peek = _process_tensorlike(self._standardize_batch(peek))
        if model is not None and not getattr(model, "built", True):
            concrete_x, _, _ = unpack_x_y_sample_weight(peek)
            try:
                model(concrete_x, training=False)
            except NotImplementedError:
                pass
        self._first_batch_size = int(nest.flatten(peek)[0].shape[0])
        generator_fn = self._handle_multiprocessing(x, workers, use_multiprocessing,
                                                    max_queue_size)

        def wrapped_generator():
            for data in generator_fn():
                yield self._standardize_batch(data)

        self._dataset = self.make_dataset(wrapped_generator)
        if tracing.active():
            tracing.note(peeked=describe(peek), first_batch_size=self._first_batch_size,
                         batch_size_ignored=kwargs.get("batch_size"),
                         workers=workers, use_multiprocessing=use_multiprocessing,
                         steps=self.get_size(),
                         should_recreate_iterator=self.should_recreate_iterator())

    @staticmethod
    def input_kind():
        return "python generator"

    def make_dataset(self, wrapped_generator):
        return Dataset.from_generator(wrapped_generator)

    def _standardize_batch(self, data):
        """The batch as ``(x, y, sample_weight)`` convention, tuples, floats as floatx."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        data = nest.list_to_tuple(pack_x_y_sample_weight(x, y, sample_weight))

        def convert_dtype(t):
            if isinstance(t, np.ndarray) and issubclass(t.dtype.type, np.floating):
                return np.asarray(t, dtype=floatx())
            return t

        return nest.map_structure(convert_dtype, data)

    @staticmethod
    def _peek_and_restore(x):
        peek = next(x)
        return peek, itertools.chain([peek], x)

    def _handle_multiprocessing(self, x, workers, use_multiprocessing, max_queue_size):
        return lambda: x

    def get_dataset(self):
        return self._dataset

    def get_size(self):
        return None

    def batch_size(self):
        return None

    def representative_batch_size(self):
        return self._first_batch_size

    def has_partial_batch(self):
        return False

    def partial_batch_size(self):
        return None

    def should_recreate_iterator(self):
        return False


class KerasSequenceAdapter(GeneratorDataAdapter):
    """Adapter for ``keras.utils.Sequence``: batch ``i`` is ``seq[i]``."""

    @staticmethod
    def can_handle(x, y=None):
        return isinstance(x, Sequence)

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, sample_weights=None, shuffle=False, workers=1,
                 use_multiprocessing=False, max_queue_size=10, model=None, **kwargs):
        check_no_targets(self.input_kind(), y, sample_weights)
        self._shuffle_sequence = shuffle
        self._shuffle = shuffle
        self._keras_sequence = x
        super().__init__(x, shuffle=False, workers=workers,
                         use_multiprocessing=use_multiprocessing,
                         max_queue_size=max_queue_size, model=model, **kwargs)
        note_batching(self)

    @staticmethod
    def input_kind():
        return "`keras.utils.Sequence`"

    def make_dataset(self, wrapped_generator):
        return Dataset.from_generator(wrapped_generator).apply(
            assert_cardinality(len(self._keras_sequence)))

    @staticmethod
    def _peek_and_restore(x):
        return x[0], x

    def _handle_multiprocessing(self, x, workers, use_multiprocessing, max_queue_size):
        def generator_fn():
            order = range(len(x))
            if self._shuffle_sequence:   # Python's random, as tf_keras (OrderedEnqueuer's way)
                order = list(order)
                random.shuffle(order)
            for i in order:
                yield x[i]
        return generator_fn

    def get_size(self):
        return len(self._keras_sequence)

    def should_recreate_iterator(self):
        return True

    @tracing.traced("data")
    def on_epoch_end(self):
        self._keras_sequence.on_epoch_end()


class DatasetCreatorAdapter(DataAdapter):
    """Adapter for a ``DatasetCreator``: the dataset is made by calling it."""

    @staticmethod
    def can_handle(x, y=None):
        if isinstance(x, DatasetCreator):
            assert y is None
            return True
        return False

    @tracing.traced("data", args=init_args)
    def __init__(self, x, y=None, steps=None, distribution_strategy=None, **kwargs):
        super().__init__(x, **kwargs)
        if not isinstance(x, DatasetCreator):
            raise TypeError("The input of a `DatasetCreatorAdapter` should be a "
                            f"`DatasetCreator` but it received type {type(x)}.")
        if steps is None:
            raise ValueError("When using a `tf.keras.utils.experimental.DatasetCreator`, "
                             "`steps_per_epoch`, `validation_steps`, `steps`, or "
                             "`pss_evaluation_shards` argument must be provided in "
                             "`Model.fit`, `Model.evaluate`, or `Model.predict`.")
        self.dataset_creator = x
        self.steps = steps
        self._dataset = None
        if tracing.active():
            tracing.note(steps=steps, should_recreate_iterator=False)

    def should_recreate_iterator(self):
        return False

    def get_size(self):
        return None  # inferred by DataHandler (steps_per_epoch)

    def get_dataset(self):
        """``strategy.distribute_datasets_from_function``: one pipeline, one replica."""
        if self._dataset is None:
            self._dataset = self.dataset_creator(InputContext())
        return self._dataset

    def batch_size(self):
        raise NotImplementedError()

    def has_partial_batch(self):
        raise NotImplementedError()

    def partial_batch_size(self):
        raise NotImplementedError()
