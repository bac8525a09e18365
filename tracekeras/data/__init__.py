"""tracekeras.data: what ``tf.data`` offers a Keras user, eager and on NumPy.

``Dataset`` (sources, transformations, ``cardinality``; ``list_files`` and
``interleave`` from ``readers``; ``scan``, ``group_by_window``,
``bucket_by_sequence_length`` and ``choose_from_datasets`` from ``grouping``; ``random``
and ``sample_from_datasets`` from ``sampling``),
``TextLineDataset``, ``TFRecordDataset``, the cardinality constants, ``AUTOTUNE``,
``TensorSpec``, ``experimental.assert_cardinality`` (and the ``experimental`` forms of the
regrouping steps) and ``DatasetCreator``/``InputContext`` (Keras's
``keras.utils.experimental.DatasetCreator``
and ``tf.distribute.InputContext``, kept here beside the Dataset they make).
"""
from types import SimpleNamespace

from tracekeras.data import grouping, sampling
from tracekeras.data.dataset import (
                                     AUTOTUNE,
                                     INFINITE_CARDINALITY,
                                     UNKNOWN_CARDINALITY,
                                     Dataset,
                                     assert_cardinality,
)
from tracekeras.data.dataset_creator import DatasetCreator, InputContext
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
                               sample_from_datasets=sampling.experimental_sample_from_datasets)

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "TensorSpec",
           "DatasetCreator", "InputContext", "TFRecordDataset", "TextLineDataset", "experimental"]
