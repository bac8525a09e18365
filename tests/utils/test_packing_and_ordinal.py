"""``keras.utils.to_ordinal`` and ``pack_x_y_sample_weight``/``unpack_x_y_sample_weight``
against real tf_keras 2.21 (data/packing_and_ordinal.json, written by
make_packing_and_ordinal_fixtures.py)."""
import json
import os

import numpy as np
import pytest

from tests.utils.make_packing_and_ordinal_fixtures import packing_cases
from tracekeras import utils

with open(os.path.join(os.path.dirname(__file__), "data", "packing_and_ordinal.json")) as f:
    REF = json.load(f)


@pytest.mark.parametrize("case", REF["ordinal"], ids=lambda c: f"{c['y']}-{c['num_classes']}")
def test_to_ordinal_matches_keras(case):
    out = utils.to_ordinal(case["y"], num_classes=case["num_classes"], dtype=case["dtype"])
    assert out.dtype.name == case["out_dtype"]
    np.testing.assert_array_equal(out, np.asarray(case["out"]))


def test_packing_and_unpacking_match_keras():
    assert packing_cases(utils) == REF["packing"]
