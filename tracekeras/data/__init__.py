"""tracekeras.data: what ``tf.data`` offers a Keras user, eager and on NumPy.

``Dataset`` (sources, transformations, ``cardinality``; ``list_files`` and
``interleave`` from ``readers``), ``TextLineDataset``, ``TFRecordDataset``, the cardinality
constants, ``AUTOTUNE``, ``TensorSpec``, ``experimental.assert_cardinality`` and
``DatasetCreator``/``InputContext`` (Keras's ``keras.utils.experimental.DatasetCreator``
and ``tf.distribute.InputContext``, kept here beside the Dataset they make).
"""
from types import SimpleNamespace

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

# the file readers live in their own module; they are Dataset's methods, as in tf.data
Dataset.list_files = staticmethod(list_files)
Dataset.interleave = interleave

experimental = SimpleNamespace(assert_cardinality=assert_cardinality, AUTOTUNE=AUTOTUNE,
                               INFINITE_CARDINALITY=INFINITE_CARDINALITY,
                               UNKNOWN_CARDINALITY=UNKNOWN_CARDINALITY)

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "TensorSpec",
           "DatasetCreator", "InputContext", "TFRecordDataset", "TextLineDataset", "experimental"]
