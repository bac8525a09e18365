"""``Model(inputs, outputs)`` from intermediate tensors against tf_keras 2.21
(``make_intermediate_input_fixtures.py``, cases in ``intermediate_input_cases.py``): new
Inputs for them, the nodes in between made again, the old graph left working."""
import json
import os

import pytest

from .intermediate_input_cases import CASES, error_of, mistakes

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "intermediate_inputs.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_model_from_intermediate_inputs_is_what_tf_keras_makes(tf, name):
    assert CASES[name](tf) == KERAS["cases"][name]


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_inputs_the_outputs_do_not_need_raise_as_in_tf_keras(tf, name):
    assert error_of(mistakes(tf)[name]) == KERAS["errors"][name]
