"""tracekeras.data: what ``tf.data`` offers a Keras user, eager and on NumPy.

``Dataset`` (sources, transformations, ``cardinality``; ``list_files`` and
``interleave`` from ``readers``; ``scan``, ``group_by_window``,
``bucket_by_sequence_length`` and ``choose_from_datasets`` from ``grouping``; ``random``
and ``sample_from_datasets`` from ``sampling``; ``take_while``, ``unique``,
``ignore_errors`` and ``get_single_element`` from ``filtering``; ``rebatch``,
``ragged_batch`` and ``sparse_batch`` from ``rebatching``;
``rejection_resample`` from ``resampling``; ``options``/``with_options`` and
``tf.data.Options`` from ``options``; ``save``, ``load`` and ``snapshot`` from
``snapshot``),
``TextLineDataset``, ``TFRecordDataset``, the cardinality constants, ``AUTOTUNE``,
``TensorSpec``, ``experimental.assert_cardinality`` (and the ``experimental`` forms of the
regrouping steps) and ``DatasetCreator``/``InputContext`` (Keras's
``keras.utils.experimental.DatasetCreator``
and ``tf.distribute.InputContext``, kept here beside the Dataset they make).
"""
from types import SimpleNamespace

from tracekeras.data import (
    filtering,
    grouping,
    options,
    rebatching,
    resampling,
    sampling,
    snapshot,
)
from tracekeras.data.dataset import (
                                     AUTOTUNE,
                                     INFINITE_CARDINALITY,
                                     UNKNOWN_CARDINALITY,
                                     Dataset,
                                     assert_cardinality,
)
from tracekeras.data.dataset_creator import DatasetCreator, InputContext
from tracekeras.data.options import Options, ThreadingOptions
from tracekeras.data.readers import TextLineDataset, interleave, list_files
from tracekeras.data.structure import TensorSpec
from tracekeras.data.tf_record import TFRecordDataset

# the file readers and the regrouping steps live in their own modules; they are
# Dataset's methods, as in tf.data
Dataset.list_files = staticmethod(list_files)
Dataset.interleave = interleave
Dataset.scan = grouping.scan
Dataset.reduce = grouping.reduce
Dataset.group_by_window = grouping.group_by_window
Dataset.bucket_by_sequence_length = grouping.bucket_by_sequence_length
Dataset.choose_from_datasets = staticmethod(grouping.choose_from_datasets)
Dataset.random = staticmethod(sampling.random)
Dataset.sample_from_datasets = staticmethod(sampling.sample_from_datasets)
Dataset.take_while = filtering.take_while
Dataset.unique = filtering.unique
Dataset.ignore_errors = filtering.ignore_errors
Dataset.get_single_element = filtering.get_single_element
Dataset.rebatch = rebatching.rebatch
Dataset.ragged_batch = rebatching.ragged_batch
Dataset.sparse_batch = rebatching.sparse_batch
Dataset.rejection_resample = resampling.rejection_resample
Dataset.options = options.options
Dataset.with_options = options.with_options
Dataset.save = snapshot.save
Dataset.load = staticmethod(snapshot.load)
Dataset.snapshot = snapshot.snapshot

Counter = Dataset.counter   # tf.data.experimental.Counter, the same dataset

experimental = SimpleNamespace(assert_cardinality=assert_cardinality, AUTOTUNE=AUTOTUNE,
                               Counter=Counter,
                               INFINITE_CARDINALITY=INFINITE_CARDINALITY,
                               UNKNOWN_CARDINALITY=UNKNOWN_CARDINALITY,
                               scan=grouping.experimental_scan,
                               group_by_window=grouping.experimental_group_by_window,
                               bucket_by_sequence_length=(
                                   grouping.experimental_bucket_by_sequence_length),
                               choose_from_datasets=grouping.experimental_choose_from_datasets,
                               sample_from_datasets=sampling.experimental_sample_from_datasets,
                               get_single_element=filtering.experimental_get_single_element,
                               rejection_resample=resampling.experimental_rejection_resample,
                               AutoShardPolicy=options.AutoShardPolicy,
                               DistributeOptions=options.DistributeOptions,
                               ExternalStatePolicy=options.ExternalStatePolicy,
                               OptimizationOptions=options.OptimizationOptions,
                               ThreadingOptions=options.ThreadingOptions)

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "TensorSpec",
           "Options", "ThreadingOptions",
           "DatasetCreator", "InputContext", "TFRecordDataset", "TextLineDataset", "experimental"]
