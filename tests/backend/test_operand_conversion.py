"""A Python number beside a tensor converts as TensorFlow converts it
(data/tf_operand_conversion.json, from make_operand_conversion_fixtures.py): a Python
float beside an integer tensor is refused with TensorFlow's error type and message
(NumPy would truncate ``0.5 * x`` of an int64 ``x`` to 0 silently: a learning-rate
schedule fed the optimizer's int64 step then gave a rate of 0 instead of failing),
and what converts gives TensorFlow's value and dtype."""
import json
import os

import pytest

from . import operand_conversion_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_operand_conversion.json")) as f:
    RESULTS = json.load(f)["results"]


@pytest.mark.parametrize("name, call", cases.CASES, ids=[c[0] for c in cases.CASES])
def test_converts_as_tensorflow_does(shim_tf, name, call):
    expected = RESULTS[name]
    if "error" in expected:
        with pytest.raises(Exception) as raised:
            call(shim_tf)
        assert type(raised.value).__name__ == expected["error"]
        assert str(raised.value) == expected["message"]
    else:
        value = call(shim_tf)
        assert value.numpy().tolist() == expected["value"]
        assert value.dtype.name == expected["dtype"]


def test_every_case_has_a_fixture():
    assert sorted(RESULTS) == sorted(name for name, _ in cases.CASES)
