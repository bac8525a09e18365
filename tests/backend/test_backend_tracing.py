"""Tracing the backend: level "full" records each op as a backend instant; no level changes a
value or a gradient."""
import numpy as np
import pytest

import tracekeras
from tracekeras.backend import GradientTape, Variable, nn, ops


def step():
    """A Dense-relu-Dense-softmax forward and backward on fixed float32 data."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 6)).astype(np.float32)
    k1 = Variable(rng.normal(size=(6, 5)).astype(np.float32), name="dense/kernel")
    k2 = Variable(rng.normal(size=(5, 3)).astype(np.float32), name="dense_1/kernel")
    with GradientTape() as tape:
        h = nn.relu(ops.matmul(x, k1))
        logits = ops.matmul(h, k2)
        loss = ops.reduce_mean(nn.sparse_softmax_cross_entropy_with_logits(
            np.array([0, 1, 2, 0]), logits))
    return loss.value, tape.gradient(loss, [k1, k2])


def test_full_level_records_backend_instants():
    with tracekeras.trace(level="full") as t:
        step()
    backend = [r for r in t.records if r.get("stage") == "backend" and r["ph"] == "i"]
    assert [r["name"] for r in backend] == [
        "tf.linalg.matmul", "tf.nn.relu", "tf.linalg.matmul",
        "tf.nn.sparse_softmax_cross_entropy_with_logits", "tf.math.reduce_mean"]
    first = backend[0]["args"]
    assert first["shape"] == [4, 5] and first["dtype"] == "float32" and first["taped"] is True
    spans = [r for r in t.records if r["name"] == "tf.GradientTape.gradient" and r["ph"] == "B"]
    assert len(spans) == 1 and spans[0]["args"] == {"ops": 5, "sources": 2}


@pytest.mark.parametrize("level", ["stages", "steps"])
def test_lower_levels_record_no_op_instants(level):
    with tracekeras.trace(level=level) as t:
        step()
    assert not [r for r in t.records if r["ph"] == "i" and r.get("stage") == "backend"]


@pytest.mark.parametrize("level", ["stages", "steps", "full"])
def test_tracing_changes_no_value(level):
    loss, grads = step()
    with tracekeras.trace(level=level):
        traced_loss, traced_grads = step()
    assert traced_loss.dtype == loss.dtype == np.float32
    np.testing.assert_array_equal(traced_loss, loss)
    for a, b in zip(grads, traced_grads):
        assert a.dtype == b.dtype == np.float32
        np.testing.assert_array_equal(a, b)
