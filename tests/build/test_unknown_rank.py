"""A Sequential model without an input shape first called on a scalar, and inputs of
unknown rank, against tf_keras 2.21 (``make_unknown_rank_fixtures.py``, cases in
``unknown_rank_cases.py``): the graph made on ``Input(batch_shape=())``, what its layers'
outputs are, and the model that gives up on its graph and runs its layers on the data."""
import json
import os

import pytest

from .unknown_rank_cases import CASES, error_of, mistakes

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "unknown_rank.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_first_call_on_a_scalar_does_what_tf_keras_does(tf, name):
    assert CASES[name](tf) == KERAS["cases"][name]


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_the_mistakes_raise_as_in_tf_keras(tf, name):
    assert error_of(mistakes(tf)[name]) == KERAS["errors"][name]
