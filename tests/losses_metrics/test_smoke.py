"""First checks of the losses/metrics interface the engine uses (compile_utils)."""
import numpy as np
import pytest

from tracekeras import losses, metrics
from tracekeras.backend import GradientTape, Variable, nn, ops


def test_sparse_crossentropy_from_softmax_uses_the_logits_and_differentiates():
    logits = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], np.float32)
    labels = np.array([[0], [2]])
    w = Variable(np.eye(3, dtype=np.float32), name="w")
    with GradientTape() as tape:
        probs = nn.softmax(ops.matmul(logits, w))
        loss = losses.get("sparse_categorical_crossentropy")
        value = losses.LossFunctionWrapper(loss, name="sparse_categorical_crossentropy")(
            labels, probs
        )
    shifted = logits - logits.max(-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
    expected = -(log_p[0, 0] + log_p[1, 2]) / 2
    assert value.value == pytest.approx(expected, rel=1e-6)
    grad = tape.gradient(value, w)
    assert grad.shape == (3, 3)


def test_mean_weighted_by_batch_size():
    m = metrics.Mean(name="loss")
    m.update_state(np.float32(2.5), sample_weight=128)
    m.update_state(np.float32(1.0), sample_weight=32)
    assert m.result() == pytest.approx(2.2)
    assert m.result().dtype == np.float32
    m.reset_state()
    assert m.result() == 0.0


def test_unknown_loss_name():
    # from tf_keras 2.21 reference (the same wording as the unknown optimizer case)
    with pytest.raises(
        ValueError,
        match="Unknown loss function: 'foo'. Please ensure you are "
        "using a `keras.utils.custom_object_scope`",
    ):
        losses.get("foo")
    assert losses.is_known("mse") and not losses.is_known("foo")
