"""make_csv_dataset and StaticHashTable against real TensorFlow (data/tf_csv_dataset.json,
from make_csv_dataset_fixtures.py): inferred column types (int32, int64, float32, string,
missing fields as 0 and b""), an OrderedDict of features and the label, a "|"-separated
file without a header, dtypes as column defaults read for ever (a fixed batch size), a
shuffled read, TensorFlow's messages for bad arguments; a hash table's values, default
and size."""
import json
import os

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import csv_dataset_scenarios

with open(os.path.join(os.path.dirname(__file__), "data", "tf_csv_dataset.json")) as f:
    TF = json.load(f)


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("csv"))
    clear_session()
    with shim.activated():
        import tensorflow
        return json.loads(json.dumps(csv_dataset_scenarios.cases(tensorflow, folder)))


@pytest.mark.parametrize("case", sorted(k for k in TF if k != "_meta"))
def test_make_csv_dataset_and_static_hash_table_are_tensorflow_s(ours, case):
    assert ours[case] == TF[case]


def test_options_tracekeras_does_not_read_end_in_the_one_line_message(tmp_path):
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    path = csv_dataset_scenarios.write(str(tmp_path), "h.csv", csv_dataset_scenarios.HEADER_CSV)
    with shim.activated():
        import tensorflow as tf
        with pytest.raises(OperationNotImplementedByTracekeras,
                           match=r"^tracekeras does not implement tensorflow\.data\.experimental"
                                 r"\.make_csv_dataset\(compression_type='ZLIB'\)"):
            tf.data.experimental.make_csv_dataset(path, batch_size=2, compression_type="ZLIB")
