"""Two tensors of different dtypes are refused as TensorFlow refuses them, and a NumPy
array or scalar beside a tensor converts to its dtype (data/tf_mixed_dtype.json, from
make_mixed_dtype_fixtures.py): the error type and whole message, or the value and dtype.
NumPy would promote ``float32 + int32`` to float64 silently, so a program that runs here
would fail under TensorFlow."""
import json
import os

import pytest

from . import mixed_dtype_cases as cases

with open(os.path.join(os.path.dirname(__file__), "data", "tf_mixed_dtype.json")) as f:
    RESULTS = json.load(f)["results"]


# bool beside another dtype takes paths of TensorFlow's own not reproduced here: ``+``
# checks the kernel's allowed types first (a long message listing them), and ``*`` of a
# bool tensor answers a bool tensor (TensorFlow's ``_mul_dispatch``)
NOT_REPRODUCED = {"bool_plus_float32", "float32_times_bool"}
# ops that still promote two tensors as NumPy does (TensorFlow's SelectV2 and BiasAdd
# kernels refuse them): the next to follow ``ops.same_dtype``
STILL_PROMOTED = {"where_float32_int32", "bias_add_float32_float64"}


@pytest.mark.parametrize("name, call", [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="not reproduced yet"))
    if case[0] in NOT_REPRODUCED | STILL_PROMOTED else case for case in cases.CASES],
    ids=[c[0] for c in cases.CASES])
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
