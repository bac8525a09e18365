"""``CsvDataset``, ``TextLineDataset`` and ``make_csv_dataset`` with the "Load CSV data"
tutorial's options (gzip, ``ignore_errors``, selected and excluded columns, Python-typed
defaults) against TensorFlow 2.21 (``make_csv_reader_fixture.py``, cases in
``csv_reader_cases.py``): each dataset's ``repr``, ``element_spec``, cardinality and
elements, and TensorFlow's errors for bad records and arguments."""
import json
import os

import pytest

from .csv_reader_cases import decode_facts, make_cases, make_errors, write_files
from .dataset_methods_cases import plain

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "csv_readers.json"), encoding="utf-8") as f:
    TF = json.load(f)


def test_every_case_was_recorded(tf, tmp_path):
    assert sorted(make_cases(tf, str(tmp_path))) == sorted(TF["cases"])
    assert sorted(make_errors(tf, str(tmp_path))) == sorted(TF["errors"])


@pytest.mark.parametrize("name", sorted(TF["cases"]))
def test_csv_dataset_is_tensorflow_s(tf, tmp_path, name):
    write_files(str(tmp_path))
    dataset = make_cases(tf, str(tmp_path))[name]()
    expected = TF["cases"][name]
    assert repr(dataset.element_spec) == expected["element_spec"]
    assert repr(dataset) == expected["repr"]
    assert int(dataset.cardinality()) == expected["cardinality"]
    assert [plain(e) for e in dataset.as_numpy_iterator()] == expected["elements"]


@pytest.mark.parametrize("name", sorted(TF["errors"]))
def test_a_bad_record_or_argument_is_refused_as_tensorflow_refuses_it(tf, tmp_path, name):
    write_files(str(tmp_path))
    expected = TF["errors"][name]
    with pytest.raises(Exception) as caught:
        list(make_errors(tf, str(tmp_path))[name]().as_numpy_iterator())
    message = str(caught.value).replace(str(tmp_path), "FOLDER")
    assert (type(caught.value).__name__, message) == (expected["type"], expected["message"])


def test_zlib_is_the_one_line_error(tf, tmp_path):
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    write_files(str(tmp_path))
    path = str(tmp_path / "clean.csv")
    for make, name in ((lambda: tf.data.experimental.CsvDataset(
            path, [0, 0.0, ""], compression_type="ZLIB"),
            "tensorflow.data.experimental.CsvDataset(compression_type='ZLIB')"),
            (lambda: tf.data.TextLineDataset(path, compression_type="ZLIB"),
             "tensorflow.data.TextLineDataset(compression_type='ZLIB')")):
        with pytest.raises(OperationNotImplementedByTracekeras) as caught:
            make()
        assert str(caught.value).startswith(f"tracekeras does not implement {name} (used by ")


def test_decode_csv_select_cols_is_tensorflow_s(tf):
    assert decode_facts(tf) == TF["decode_csv"]
