"""Scenarios run identically on real tf_keras 2.21 and on tracekeras (see data/README.md).

``run_all(kc, make_variable, set_clock)`` drives ``kc`` (the ``keras.callbacks``
module of either library) through fits, evaluations and predictions with a fake
clock and a stand-in model, and returns every printed byte and every outcome
(history, restored weights, learning rates, files, CSV text) as JSON-safe data.
data/keras_callbacks_reference.json is its result on tf_keras 2.21
(make_fixtures.py); test_keras_parity.py compares tracekeras's.
"""
import io
import os
import shutil
import sys
import tempfile
import types

import numpy as np


class Clock:
    def __init__(self):
        self.t = 1000.0

    def time(self):
        return self.t


class Optimizer:
    def __init__(self, make_variable):
        self.learning_rate = make_variable(0.1)

    @property
    def lr(self):
        return self.learning_rate


class Model:
    distribute_strategy = None

    def __init__(self, make_variable, metrics=()):
        self.stop_training = False
        self.history = None
        self.optimizer = Optimizer(make_variable)
        self.w = [np.zeros(2)]
        self.metrics = [types.SimpleNamespace(name=n) for n in metrics]

    def get_weights(self):
        return [x.copy() for x in self.w]

    def set_weights(self, weights):
        self.w = [x.copy() for x in weights]

    def save_weights(self, filepath, overwrite=True, options=None):
        with open(filepath, "w") as f:
            f.write("weights")

    def save(self, filepath, overwrite=True, options=None):
        with open(filepath, "w") as f:
            f.write("model")


def captured(fn):
    buf, old = io.StringIO(), sys.stdout
    sys.stdout = buf
    try:
        result = fn()
    except Exception as e:      # the error is part of the outcome
        result = {"error": f"{type(e).__name__}: {e}"}
    finally:
        sys.stdout = old
    return result, buf.getvalue()


def progbar_run(kc, clock, model, verbose, epochs, steps, val):
    cl = kc.CallbackList(None, add_history=True, add_progbar=True, model=model, verbose=verbose,
                         epochs=epochs, steps=steps)
    cl.on_train_begin()
    for e in range(epochs):
        cl.on_epoch_begin(e)
        for s in range(steps or 5):
            cl.on_train_batch_begin(s)
            clock.t += 0.125
            cl.on_train_batch_end(s, {"loss": 0.5 / (s + 1), "accuracy": 0.25 * s})
        logs = {"loss": 0.3, "accuracy": 0.75}
        if val:
            cl.on_test_begin()
            cl.on_test_batch_begin(0)
            cl.on_test_batch_end(0, {"loss": 9.0})
            cl.on_test_end({"loss": 9.0})
            logs.update(val_loss=0.35, val_accuracy=0.0001)
        cl.on_epoch_end(e, logs)
    cl.on_train_end(logs)
    cl = kc.CallbackList(None, add_progbar=True, model=model, verbose=verbose, epochs=1,
                         steps=steps)
    cl.on_test_begin()
    for s in range(steps or 5):
        cl.on_test_batch_begin(s)
        clock.t += 0.125
        cl.on_test_batch_end(s, {"loss": 0.5, "accuracy": -0.5})
    cl.on_test_end({"loss": 0.5, "accuracy": -0.5})
    cl.on_predict_begin()
    for s in range(steps or 5):
        cl.on_predict_batch_begin(s)
        clock.t += 0.125
        cl.on_predict_batch_end(s, {"outputs": [1]})
    cl.on_predict_end()


def epochs_run(kc, make_variable, cbs, vals, steps=2, batch_loss=None):
    model = Model(make_variable)

    def fit():
        cl = kc.CallbackList(cbs, add_history=True, model=model, verbose=0, epochs=len(vals),
                             steps=steps)
        cl.on_train_begin()
        for e, v in enumerate(vals):
            cl.on_epoch_begin(e)
            model.w = [np.full(2, e, float)]
            for s in range(steps):
                cl.on_train_batch_begin(s)
                cl.on_train_batch_end(s, {"loss": batch_loss(e, s) if batch_loss else 1.0})
                if model.stop_training:
                    break
            logs = {"loss": 1.0, "val_loss": v, "val_accuracy": 1 - v}
            cl.on_epoch_end(e, logs)
            if model.stop_training:
                break
        cl.on_train_end(logs)
        lr = model.optimizer.learning_rate
        return {"hist": {k: [float(x) for x in vv] for k, vv in model.history.history.items()},
                "w": model.w[0].tolist(), "lr": float(np.asarray(lr.numpy()))}
    result, out = captured(fit)
    return dict(result, out=out)


def run_all(kc, make_variable, set_clock):
    clock = Clock()
    set_clock(clock.time)
    out = {}
    for i, args in enumerate([(1, 2, 3, True), (2, 2, 3, True), (1, 1, None, False),
                              (2, 2, None, False), (1, 1, 12, False)]):
        model = Model(make_variable, metrics=("loss", "accuracy"))
        _, out[f"progbar{i}"] = captured(
            lambda model=model, args=args: progbar_run(kc, clock, model, *args))
    vals = [1.0, 0.9, 0.95, 0.92, 0.91, 0.5, 0.6, 0.7, 0.8]
    es, rlr, lrs = kc.EarlyStopping, kc.ReduceLROnPlateau, kc.LearningRateScheduler
    runs = {
        "es1": ([es(patience=2, verbose=1)], vals),
        "es2": ([es(patience=2, verbose=1, restore_best_weights=True)], vals),
        "es3": ([es(patience=1, verbose=1, baseline=0.5, restore_best_weights=True)], vals),
        "es4": ([es(patience=1, verbose=1, start_from_epoch=3, restore_best_weights=True)], vals),
        "es5": ([es(monitor="val_accuracy", min_delta=0.05, patience=1, verbose=1)], vals),
        "rlr1": ([rlr(factor=0.5, patience=1, cooldown=2, verbose=1)], vals),
        "rlr2": ([rlr(factor=0.2, patience=0, min_lr=0.01, verbose=1, min_delta=0.05)], vals),
        "rlr3": ([rlr(monitor="val_accuracy", factor=0.3, patience=1, verbose=1)], vals),
        "lrs1": ([lrs(lambda e, lr: lr * 0.5 if e % 2 else lr, verbose=1)], vals),
        "lrs2": ([lrs(lambda e: 0.01 * (e + 1), verbose=1)], vals[:3]),
        "lrs3": ([lrs(lambda e: 1, verbose=1)], vals[:3]),
    }
    for name, (cbs, v) in runs.items():
        out[name] = epochs_run(kc, make_variable, cbs, v)
    out["nan"] = epochs_run(kc, make_variable, [kc.TerminateOnNaN()], vals, steps=4,
                            batch_loss=lambda e, s: float("nan") if (e, s) == (1, 2) else 1.0)
    d = tempfile.mkdtemp()
    mc = kc.ModelCheckpoint
    checkpoints = {
        "ck1": ([mc(os.path.join(d, "a.{epoch:02d}-{val_loss:.2f}.h5"), verbose=1,
                    save_weights_only=True)], vals[:3], 2),
        "ck2": ([mc(os.path.join(d, "b.h5"), verbose=1, save_best_only=True,
                    save_weights_only=True)], vals, 2),
        "ck3": ([mc(os.path.join(d, "c.h5"), monitor="val_accuracy", verbose=1,
                    save_best_only=True, initial_value_threshold=0.05)], vals, 2),
        "ck4": ([mc(os.path.join(d, "d{epoch}-{batch}.h5"), verbose=1, save_freq=3,
                    save_weights_only=True)], vals[:3], 4),
    }
    for name, (cbs, v, steps) in checkpoints.items():
        out[name] = epochs_run(kc, make_variable, cbs, v, steps=steps)
        out[name]["out"] = out[name]["out"].replace(d, "<DIR>")
    out["ck_files"] = sorted(os.listdir(d))
    for sep, append in [(",", False), (";", True)]:
        path = os.path.join(d, f"log{sep}.csv")
        out["csv" + sep] = epochs_run(kc, make_variable, [kc.CSVLogger(path, sep, append)],
                                      vals[:3])
        if append:
            out["csv2" + sep] = epochs_run(kc, make_variable, [kc.CSVLogger(path, sep, append)],
                                           vals[:2])
        with open(path, newline="") as f:
            out["csvtext" + sep] = f.read()
    shutil.rmtree(d)
    return out
