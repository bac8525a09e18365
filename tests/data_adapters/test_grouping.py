"""``scan``, ``group_by_window``, ``bucket_by_sequence_length`` and
``choose_from_datasets`` against TensorFlow 2.21 (``make_grouping_fixture.py``, cases in
``grouping_cases.py``): each dataset's ``repr``, ``element_spec``, cardinality and
elements (their values and dtypes), and the errors of bad arguments."""
import json
import os

import pytest

from .grouping_cases import make_cases, make_errors, plain

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "grouping.json"), encoding="utf-8") as f:
    TF = json.load(f)




def test_every_case_was_recorded(tf):
    assert sorted(make_cases(tf)) == sorted(TF["cases"])
    assert sorted(make_errors(tf)) == sorted(TF["errors"])


@pytest.mark.parametrize("name", sorted(TF["cases"]))
def test_regrouped_dataset_is_tensorflow_s(tf, name):
    dataset = make_cases(tf)[name]()
    expected = TF["cases"][name]
    assert repr(dataset.element_spec) == expected["element_spec"]
    assert repr(dataset) == expected["repr"]
    assert int(dataset.cardinality()) == expected["cardinality"]
    assert [plain(e) for e in dataset.as_numpy_iterator()] == expected["elements"]


@pytest.mark.parametrize("name", sorted(TF["errors"]))
def test_a_bad_argument_is_refused_as_tensorflow_refuses_it(tf, name):
    expected = TF["errors"][name]
    with pytest.raises(Exception) as caught:
        list(make_errors(tf)[name]().as_numpy_iterator())
    assert (type(caught.value).__name__, str(caught.value)) == (expected["type"],
                                                                 expected["message"])
