"""``keras.utils.split_dataset`` under the shim against tf_keras 2.21 (data/split_dataset.json,
written by make_split_dataset_fixtures.py): the parts of arrays, tuples and Datasets, with
and without a seeded shuffle, and the errors of bad sizes and inputs."""
import json
import os

import pytest

from tests.utils.make_split_dataset_fixtures import facts
from tracekeras import shim

with open(os.path.join(os.path.dirname(__file__), "data", "split_dataset.json")) as f:
    EXPECTED = json.load(f)["facts"]


@pytest.fixture(scope="module")
def got():
    with shim.activated():
        import tensorflow
        return facts(tensorflow)


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n != "errors"))
def test_parts_match_keras(got, name):
    assert got[name] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED["errors"]))
def test_errors_match_keras(got, name):
    assert got["errors"][name] == EXPECTED["errors"][name]
