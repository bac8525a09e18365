"""``pad_sequences``, ``to_categorical`` and ``normalize`` against tf_keras 2.21's outputs
(``make_fixtures.py``)."""
import json
import os

import numpy as np
import pytest

from tracekeras import utils
from tracekeras.preprocessing import sequence

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(FIXTURES, "expected.json")) as f:
    EXPECTED = json.load(f)


@pytest.mark.parametrize("case", EXPECTED["pad_sequences"], ids=lambda c: str(c["kwargs"]))
def test_pad_sequences_like_keras(case):
    out = utils.pad_sequences(**case["kwargs"])
    assert out.dtype.name == case["dtype"]
    assert out.tolist() == case["out"]


def test_preprocessing_sequence_offers_the_same_function():
    assert sequence.pad_sequences is utils.pad_sequences


@pytest.mark.parametrize("kwargs, message", [
    ({"sequences": 3}, "`sequences` must be iterable."),
    ({"sequences": [[1], 2]}, "`sequences` must be a list of iterables. Found non-iterable: 2"),
    ({"sequences": [[1, 2]], "maxlen": 1, "padding": "middle"},
     'Padding type "middle" not understood'),
    ({"sequences": [[1, 2]], "truncating": "middle"}, 'Truncating type "middle" not understood'),
    ({"sequences": [["a"]], "value": "x"}, "`dtype` int32 is not compatible with `value`'s type"),
])
def test_pad_sequences_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        utils.pad_sequences(**kwargs)


@pytest.mark.parametrize("case", EXPECTED["to_categorical"], ids=lambda c: str(c["kwargs"]))
def test_to_categorical_like_keras(case):
    out = utils.to_categorical(**case["kwargs"])
    assert out.dtype.name == case["dtype"]
    assert out.tolist() == case["out"]


@pytest.mark.parametrize("case", EXPECTED["normalize"], ids=lambda c: str(c["kwargs"]))
def test_normalize_like_keras(case):
    kwargs = dict(case["kwargs"])
    out = utils.normalize(np.array(kwargs.pop("x")), **kwargs)
    np.testing.assert_allclose(out, case["out"], rtol=1e-12)
