"""fit, evaluate and predict give real Keras's numbers (tests/data/numeric, tf_keras 2.21).

Same initial weights, same data, ``shuffle=False``: per-batch logs, per-epoch
History, final weights, evaluate results, predictions and the optimizer's
iteration count agree with Keras to float32 tolerance.
"""
import glob
import json
import os

import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.callbacks import Callback
from tracekeras.models import Sequential

DATA = os.path.join(os.path.dirname(__file__), "..", "data", "numeric")
CASES = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(DATA, "*__*.json")))


class BatchLogs(Callback):
    def on_train_begin(self, logs=None):
        self.epochs = []

    def on_epoch_begin(self, epoch, logs=None):
        self.epochs.append([])

    def on_train_batch_end(self, batch, logs=None):
        self.epochs[-1].append(dict(logs))


def load_case(case):
    with open(os.path.join(DATA, case + ".json")) as f:
        ref = json.load(f)
    arrays = dict(np.load(os.path.join(DATA, case + ".npz")))
    return ref, arrays


def build(ref, arrays):
    cfg = ref["config"]
    units, activation = cfg["hidden"]
    model = Sequential([layers.Dense(units, activation=activation, input_shape=(cfg["features"],)),
                        layers.Dense(cfg["output_units"], activation=cfg["output_activation"])])
    model.set_weights([arrays[f"init_{i}"] for i in range(4)])
    class_name = cfg["optimizer_class"].rsplit(".", 1)[-1]
    optimizer = optimizers.get({"class_name": class_name, "config": cfg["optimizer_config"]})
    model.compile(optimizer=optimizer, loss=cfg["loss"], metrics=cfg["metrics"])
    return model


@pytest.mark.parametrize("case", CASES)
def test_fit_matches_keras(case):
    ref, arrays = load_case(case)
    model = build(ref, arrays)
    logs = BatchLogs()
    history = model.fit(arrays["x_train"], arrays["y_train"], callbacks=[logs],
                        **ref["config"]["fit_kwargs"])
    for key, values in ref["history"].items():
        np.testing.assert_allclose(history.history[key], values, rtol=1e-4, err_msg=key)
    assert len(logs.epochs) == len(ref["batch_logs"])
    for got_epoch, want_epoch in zip(logs.epochs, ref["batch_logs"]):
        assert len(got_epoch) == len(want_epoch) == 10
        for got, want in zip(got_epoch, want_epoch):
            assert set(got) == set(want)
            for key in want:
                np.testing.assert_allclose(got[key], want[key], rtol=1e-4, err_msg=key)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, arrays[f"final_{i}"], atol=1e-5, rtol=0)
    assert int(model.optimizer.iterations.numpy()) == ref["optimizer_iterations"]

    results = model.evaluate(arrays["x_test"], arrays["y_test"], verbose=0, return_dict=True)
    for key, value in ref["evaluate_test"].items():
        np.testing.assert_allclose(results[key], value, rtol=1e-4, err_msg=key)
    predictions = model.predict(arrays["x_test"], verbose=0)
    assert predictions.dtype == np.float32
    np.testing.assert_allclose(predictions, arrays["predictions_test"], atol=1e-5, rtol=1e-4)


def test_the_epoch_loss_is_the_sample_weighted_mean_of_batch_losses():
    with open(os.path.join(DATA, "epoch_loss_check.json")) as f:
        check = json.load(f)["check_lr0_sparse_cce"]
    ref, arrays = load_case("sgd__sparse_categorical_crossentropy")
    model = build(ref, arrays)
    model.optimizer.learning_rate = 0.0   # weights stay put: the batch losses are fixed
    logs = BatchLogs()
    history = model.fit(arrays["x_train"], arrays["y_train"], epochs=1, batch_size=32,
                        shuffle=False, verbose=0, callbacks=[logs])
    np.testing.assert_allclose(history.history["loss"][0], check["keras_history_loss_epoch1"],
                               rtol=1e-5)
