"""``Dataset.random`` and ``sample_from_datasets`` against TensorFlow 2.21
(``make_sampling_fixture.py``, cases in ``sampling_cases.py``): with the same seeds, the
same random values and the same elements in the same order (TensorFlow's Philox streams
and its stateless multinomial), each dataset's ``repr``, ``element_spec`` and cardinality,
and the errors of bad arguments."""
import json
import os

import pytest

from .grouping_cases import plain
from .sampling_cases import make_cases, make_errors

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "sampling.json"), encoding="utf-8") as f:
    TF = json.load(f)




def test_every_case_was_recorded(tf):
    assert sorted(make_cases(tf)) == sorted(TF["cases"])
    assert sorted(make_errors(tf)) == sorted(TF["errors"])


@pytest.mark.parametrize("name", sorted(TF["cases"]))
def test_sampled_dataset_is_tensorflow_s(tf, name):
    made = make_cases(tf)[name]()
    expected = TF["cases"][name]
    if isinstance(made, list):   # several iterations of one dataset
        assert plain(made) == expected["iterations"]
        return
    assert repr(made.element_spec) == expected["element_spec"]
    assert repr(made) == expected["repr"]
    assert int(made.cardinality()) == expected["cardinality"]
    assert [plain(e) for e in made.as_numpy_iterator()] == expected["elements"]


@pytest.mark.parametrize("name", sorted(TF["errors"]))
def test_a_bad_argument_is_refused_as_tensorflow_refuses_it(tf, name):
    expected = TF["errors"][name]
    with pytest.raises(Exception) as caught:
        make_errors(tf)[name]()
    assert (type(caught.value).__name__, str(caught.value)) == (expected["type"],
                                                                 expected["message"])
