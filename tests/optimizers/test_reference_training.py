"""Three epochs of the reference MLP trained with tracekeras's optimizers reach Keras's weights.

The data, initial/final weights and configs are the lead's copy of the tf_keras 2.21
reference runs (tests/data/numeric, see its README). The model is written here with
backend ops (Dense relu -> Dense, sparse softmax crossentropy from logits, batch 32,
no shuffling) so the optimizer is checked without the engine.
"""
import json
import os

import numpy as np
import pytest

from tracekeras import optimizers
from tracekeras.backend import GradientTape, Variable, nn, ops

NUMERIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "numeric")
CASES = ["rmsprop__sparse_categorical_crossentropy", "adam__sparse_categorical_crossentropy",
         "sgd__sparse_categorical_crossentropy"]


def load(case):
    path = os.path.join(NUMERIC, case)
    if not os.path.exists(path + ".npz"):
        pytest.skip("tests/data/numeric (the lead's reference copy) is not there")
    with open(path + ".json") as f:
        meta = json.load(f)
    return meta, np.load(path + ".npz")


@pytest.mark.parametrize("case", CASES)
def test_three_epochs_reach_keras_weights(case):
    meta, data = load(case)
    config = meta["config"]
    opt = optimizers.get({"class_name": config["optimizer"],
                          "config": config["optimizer_config"]})
    weights = [Variable(data[f"init_{i}"], name=n) for i, n in enumerate(
        ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"])]
    x, y = data["x_train"], data["y_train"]
    batch = config["fit_kwargs"]["batch_size"]
    for _ in range(config["fit_kwargs"]["epochs"]):
        for start in range(0, len(x), batch):
            xb, yb = x[start:start + batch], y[start:start + batch]
            with GradientTape() as tape:
                hidden = nn.relu(ops.bias_add(ops.matmul(xb, weights[0]), weights[1]))
                logits = ops.bias_add(ops.matmul(hidden, weights[2]), weights[3])
                loss = ops.reduce_mean(nn.sparse_softmax_cross_entropy_with_logits(yb, logits))
            opt.minimize(loss, weights, tape=tape)
    assert int(opt.iterations.numpy()) == meta["optimizer_iterations"]
    for i, w in enumerate(weights):
        np.testing.assert_allclose(w.numpy(), data[f"final_{i}"], rtol=1e-5, atol=1e-6,
                                   err_msg=f"{case} weight {i}")
