"""Every loss class against real Keras: the value and its gradient (tf_keras 2.21 reference)."""
import numpy as np
import pytest

from tracekeras import losses
from tracekeras.backend import GradientTape, Variable, nn, ops

from .helpers import array, labels, load

CASES = load("losses")


def run(case, loss, source):
    with GradientTape() as tape:
        pred = source if case["activation"] is None else getattr(nn, case["activation"])(source)
        value = loss(labels(case["y_true"]), pred, sample_weight=array(case["sample_weight"]))
        # Reduction.NONE: the fixture holds the gradient of the sum of the per-sample losses
        total = value if value.ndim == 0 else ops.reduce_sum(value)
    return value, tape.gradient(total, source)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_loss_value_and_gradient_match_keras(case):
    loss = getattr(losses, case["loss"])(reduction=case["reduction"], **case["config"])
    source = Variable(array(case["logits"] if case["logits"] is not None else case["y_pred"]),
                      name="source")
    value, grad = run(case, loss, source)
    expected = np.asarray(case["value"], np.float32)
    assert value.value.dtype == np.float32
    assert value.shape == expected.shape
    np.testing.assert_allclose(value.value, expected, rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(grad, np.asarray(case["grad"], np.float32), rtol=1e-4, atol=1e-6)
