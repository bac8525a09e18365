"""The compile containers over our losses and metrics: fit's epoch means against real Keras.

The fixture ran tf_keras 2.21's own ``LossesContainer``/``MetricsContainer`` over three
batches of unequal size (tf_keras 2.21 reference). The containers are the lead's
(``engine/compile_utils.py``); what is checked here is what they get from losses/metrics.
"""
import numpy as np
import pytest

from tracekeras.backend import Tensor, nn
from tracekeras.engine import compile_utils

from .helpers import load

CASES = load("containers")


def prediction(case, logits):
    logits = np.asarray(logits, np.float32)
    if case["target"] == "regression":
        return Tensor(logits)
    return nn.sigmoid(logits) if case["target"] == "binary" else nn.softmax(logits)


def target(case, y):
    y = np.asarray(y)
    return y if y.dtype.kind in "iu" else y.astype(np.float32)


CROSSENTROPY = ("crossentropy", "ce")


def run(case):
    losses_c = compile_utils.LossesContainer(case["loss"])
    metrics_c = compile_utils.MetricsContainer(case["metrics"])
    for batch, expected in zip(case["batches"], case["batch_losses"]):
        y, pred = target(case, batch["y"]), prediction(case, batch["logits"])
        value = losses_c(y, pred)
        assert float(value.value) == pytest.approx(expected, rel=1e-5)
        metrics_c.update_state(y, pred)
    return {m.name: float(m.result()) for m in losses_c.metrics + metrics_c.metrics}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_batch_losses_and_epoch_means_match_keras(case):
    results = run(case)
    assert set(results) == set(case["results"])
    for name, expected in case["results"].items():
        if name not in CROSSENTROPY:
            assert results[name] == pytest.approx(expected, rel=1e-5), name


@pytest.mark.parametrize("case", [c for c in CASES if set(c["metrics"]) & set(CROSSENTROPY)],
                         ids=lambda c: c["id"])
def test_crossentropy_metrics_equal_the_loss_like_keras(case):
    results = run(case)
    for name in set(case["metrics"]) & set(CROSSENTROPY):
        assert results[name] == pytest.approx(case["results"][name], rel=1e-5), name
        assert case["results"][name] == pytest.approx(case["results"]["loss"], rel=1e-6)
