"""``Dataset.padded_batch`` against real TensorFlow (data/tf_padded_batch.json, from
make_padded_batch_fixtures.py): ragged token and tag rows padded with b"" and 0 to the
batch's longest, fixed padded shapes and padding values, drop_remainder in the element
spec, a rank-2 component, the error for an element longer than its padded shape and
the one for a padded shape of the wrong rank (when the batch is made)."""
import json
import os

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import padded_batch_scenarios

with open(os.path.join(os.path.dirname(__file__), "data", "tf_padded_batch.json")) as f:
    TF = json.load(f)


@pytest.fixture(scope="module")
def ours():
    clear_session()
    with shim.activated():
        import tensorflow
        return json.loads(json.dumps(padded_batch_scenarios.cases(tensorflow)))


@pytest.mark.parametrize("case", sorted(k for k in TF if k != "_meta"))
def test_padded_batch_is_tensorflow_s(ours, case):
    assert ours[case] == TF[case]

