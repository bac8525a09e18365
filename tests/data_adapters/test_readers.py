"""``TextLineDataset``, ``Dataset.list_files``, ``Dataset.interleave``,
``tf.io.decode_csv`` and ``tf.lookup.StaticVocabularyTable`` against TensorFlow 2.21
(``make_reader_fixtures.py``): the lines read, the seeded file order, the interleaved
order for several cycle and block lengths, the decoded columns and the error messages,
the table's ids."""
import json
import os

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import reader_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "readers.json")) as f:
    KERAS = json.load(f)


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def test_text_lines_file_order_and_interleave(tf, tmp_path):
    assert cases.readers(tf, str(tmp_path)) == KERAS["readers"]


def test_decode_csv_columns_and_errors(tf):
    assert cases.decode_csv(tf) == KERAS["decode_csv"]


def test_static_vocabulary_table_ids_and_buckets(tf):
    assert cases.lookup(tf) == KERAS["lookup"]


def test_list_files_without_a_match_and_bad_lengths(tf, tmp_path):
    with pytest.raises(tf.errors.InvalidArgumentError, match="No files matched pattern"):
        tf.data.Dataset.list_files(str(tmp_path / "none_*.csv"))
    with pytest.raises(ValueError, match="cycle_length"):
        tf.data.Dataset.range(3).interleave(lambda x: tf.data.Dataset.range(x),
                                            cycle_length=0)
