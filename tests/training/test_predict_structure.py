"""``predict`` concatenates each output over the batches and keeps the structure of one
batch's outputs (a list of tuples stays a list of tuples), as tf_keras 2.21 does
(data/predict_structures.json, from tests/make_scenario_facts.py)."""
import json
import os

import pytest

import tracekeras as keras

from .predict_structure_scenarios import CASES

with open(os.path.join(os.path.dirname(__file__), "data", "predict_structures.json")) as f:
    KERAS = json.load(f)["structures"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_predict_keeps_the_structure_of_the_outputs(name):
    assert sorted(KERAS) == sorted(CASES)
    assert CASES[name](keras) == KERAS[name]
