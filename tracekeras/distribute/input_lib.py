"""Distributed datasets: what ``strategy.experimental_distribute_dataset`` returns.

What it teaches: TensorFlow's ``input_lib``. A ``DistributedDataset`` wraps a
dataset of *global* batches; iterating it gives each step's batch split among the
replicas (a ``PerReplica`` value), which ``strategy.run`` hands to each replica. With
one replica the split is the whole batch, so an element is the dataset's element.
``distribute_datasets_from_function`` calls the script's ``dataset_fn`` once per
input pipeline with a ``tf.distribute.InputContext`` (here: one pipeline, one
replica), and the function batches with ``get_per_replica_batch_size``.

What it owns: :class:`DistributedDataset`, :class:`DistributedDatasetsFromFunction`
and their iterator (:class:`DistributedIterator`, with ``get_next`` and
``get_next_as_optional``'s plain cousin ``next``). What it receives: a strategy and
a ``Dataset`` (or a function making one). Trace events: the instant
``tf.distribute.Strategy.experimental_distribute_dataset`` (stage ``data``) saying how
the batches are split.
"""
from tracekeras import tracing
from tracekeras.data.dataset import Dataset
from tracekeras.data.dataset_creator import InputContext


class DistributedIterator:
    """An iterator over a distributed dataset: the next element for every replica."""

    def __init__(self, strategy, iterator):
        self._strategy = strategy
        self._iterator = iterator

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._iterator)

    def get_next(self):
        """The next element; ``tf.errors.OutOfRangeError`` at the end, as TensorFlow's."""
        try:
            return next(self._iterator)
        except StopIteration:
            from tracekeras.backend.op_errors import OutOfRangeError  # only at the end
            raise OutOfRangeError("End of sequence") from None

    @property
    def element_spec(self):
        return self._element_spec


class DistributedDataset:
    """``strategy.experimental_distribute_dataset(dataset)``."""

    def __init__(self, strategy, dataset):
        if not isinstance(dataset, Dataset):
            # TensorFlow's error (an AttributeError), with what was expected said after it
            raise AttributeError(f"{type(dataset).__name__!r} object has no attribute "
                                 "'_variant_tensor': `experimental_distribute_dataset` expects "
                                 f"a `tf.data.Dataset`, received {type(dataset).__name__}")
        self._strategy = strategy
        self._dataset = dataset
        tracing.instant("tf.distribute.Strategy.experimental_distribute_dataset", "data",
                        strategy=type(strategy).__name__,
                        num_replicas_in_sync=strategy.num_replicas_in_sync,
                        split="each global batch whole to the one replica")

    def __iter__(self):
        iterator = DistributedIterator(self._strategy, iter(self._dataset))
        iterator._element_spec = self._dataset.element_spec
        return iterator

    @property
    def element_spec(self):
        return self._dataset.element_spec

    @property
    def cardinality(self):
        return self._dataset.cardinality()


class DistributedDatasetsFromFunction(DistributedDataset):
    """``strategy.distribute_datasets_from_function(dataset_fn)``: one pipeline's dataset."""

    def __init__(self, strategy, dataset_fn):
        input_context = InputContext(num_input_pipelines=1, input_pipeline_id=0,
                                     num_replicas_in_sync=strategy.num_replicas_in_sync)
        super().__init__(strategy, dataset_fn(input_context))
