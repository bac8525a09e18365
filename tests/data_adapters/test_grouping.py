"""``scan``, ``reduce``, ``group_by_window``, ``bucket_by_sequence_length``,
``choose_from_datasets`` and ``from_generator``'s declared specs against TensorFlow 2.21
(``make_grouping_fixture.py``, cases in ``grouping_cases.py``): each dataset's ``repr``,
``element_spec``, cardinality and elements (their values and dtypes), and the errors of bad
arguments; a window's repr, and the one-line error of a Dataset method tracekeras lacks."""
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


def test_a_window_is_a_variant_dataset_as_tensorflow_prints_it(tf):
    # TensorFlow 2.21 prints each window of tf.data.Dataset.range(n).window(k) so
    # (the tf.data guide's window cells)
    window = next(iter(tf.data.Dataset.range(3).window(2)))
    assert repr(window) == ("<_VariantDataset element_spec=TensorSpec(shape=(), "
                            "dtype=tf.int64, name=None)>")


def test_a_dataset_method_tracekeras_lacks_ends_in_the_one_line_error(tf):
    from tracekeras.shim.errors import AttributeNotImplementedByTracekeras
    dataset = tf.data.Dataset.range(3)
    with pytest.raises(AttributeNotImplementedByTracekeras) as caught:
        dataset.fingerprint()
    assert str(caught.value).startswith(
        "tracekeras does not implement tensorflow.data.Dataset.fingerprint (used by ")
    assert not hasattr(dataset, "no_such_method")   # any other name: a plain AttributeError
