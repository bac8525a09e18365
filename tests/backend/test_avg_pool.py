"""``tf.nn.avg_pool2d`` and ``tf.nn.avg_pool`` against TensorFlow 2.21 (data/avg_pool.json,
made by make_avg_pool_fixtures.py): values and input gradients for VALID and SAME windows
and each form of ``ksize`` and ``strides``, and TensorFlow's errors."""
import json
import os

import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, nn_ops
from tracekeras.backend.op_errors import InvalidArgumentError, UnimplementedError

with open(os.path.join(os.path.dirname(__file__), "data", "avg_pool.json")) as f:
    TF = json.load(f)

CASES = {
    "avg_pool2d_valid": ("avg_pool2d", dict(ksize=2, strides=2, padding="VALID")),
    "avg_pool2d_same": ("avg_pool2d", dict(ksize=3, strides=2, padding="SAME")),
    "avg_pool2d_lists": ("avg_pool2d", dict(ksize=[1, 3, 2, 1], strides=[1, 1, 2, 1],
                                            padding="VALID")),
    "avg_pool2d_pair": ("avg_pool2d", dict(ksize=(4, 2), strides=(4, 2), padding="VALID")),
    "avg_pool_1d": ("avg_pool", dict(ksize=3, strides=2, padding="SAME")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_values_and_gradients_match_tensorflow(name):
    function, kwargs = CASES[name]
    shape = TF[name]["shape"]
    x = Variable(np.cos(np.arange(np.prod(shape), dtype="float32")).reshape(shape))
    with GradientTape() as tape:
        y = getattr(nn_ops, function)(x, **kwargs)
        # the gradient of a sum weighted by cosines, as the fixture took it
        weighted = y * np.cos(np.arange(y.value.size, dtype="float32")).reshape(y.shape)
    np.testing.assert_allclose(y.value, TF[name]["out"], rtol=1e-5, atol=1e-6)
    grad = tape.gradient(weighted, x)
    np.testing.assert_allclose(np.asarray(grad), TF[name]["grad"], rtol=1e-5, atol=1e-6)


def test_errors_are_tensorflows():
    x = np.zeros((1, 4, 4, 1), "float32")
    with pytest.raises(InvalidArgumentError) as caught:
        nn_ops.avg_pool2d(x, 2, 2, padding="FULL")
    assert [type(caught.value).__name__, str(caught.value)] == TF["bad_padding"]
    with pytest.raises(UnimplementedError) as caught:
        nn_ops.avg_pool2d(x, [2, 2, 2, 1], 1, "VALID")
    assert TF["batch_window"][1].endswith(str(caught.value).split("[Op:")[0] + "[Op:AvgPool]"
                                          " name: ")
    with pytest.raises(UnimplementedError, match="Non-spatial pooling"):
        nn_ops.avg_pool2d(np.zeros((1, 4, 4, 2), "float32"), [1, 1, 1, 2], [1, 1, 1, 2],
                          "VALID")
    with pytest.raises(InvalidArgumentError, match="must have 2 spatial dimensions"):
        nn_ops.avg_pool2d(np.zeros((4, 4, 2), "float32"), 2, 2, "VALID")

