"""``tf.cast`` of what TensorFlow cannot cast to a number, with TensorFlow 2.21's errors
(seen with ``tf.cast(None, "float32")``, ``tf.cast([None, 1.0], "float32")`` and
``tf.cast(["1"], "float32")`` in TensorFlow 2.21)."""
import pytest

from tracekeras.backend import ops


@pytest.mark.parametrize("value", [None, [None, 1.0]])
def test_none_is_no_tensor(value):
    with pytest.raises(ValueError, match=r"^Attempt to convert a value \(None\) with an "
                       r"unsupported type \(<class 'NoneType'>\) to a Tensor\.$"):
        ops.cast(value, "float32")


def test_strings_are_not_cast_to_numbers():
    with pytest.raises(ops.UnimplementedError, match="^Cast string to float is not supported$"):
        ops.cast(["1"], "float32")
    assert ops.cast(["1"], object).value.tolist() == ["1"]
