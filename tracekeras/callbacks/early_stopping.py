"""``keras.callbacks.EarlyStopping``: stop training when a monitored metric stops improving.

Owns: the best value seen, the epochs waited without improvement (``wait``),
the stop decision (sets ``model.stop_training``; the fit loop ends after the
epoch) and, with ``restore_best_weights``, a copy of the best epoch's weights
(``model.get_weights()``) put back at ``on_train_end``. Receives the epoch
logs. Keras's rules kept: ``mode="auto"`` maximises names ending in ``acc``,
``accuracy`` or ``auc`` and minimises the rest; an improvement is
``monitor_op(current - min_delta, best)`` (``min_delta`` signed by the mode);
``wait`` restarts only when the value also beats ``baseline``; no stop at
epoch 0; epochs before ``start_from_epoch`` are ignored; with
``restore_best_weights`` the first counted epoch's weights are kept even if no
improvement ever comes. Messages (verbose > 0): "Epoch 5: early stopping",
"Restoring model weights from the end of the best epoch: 3."; a missing
monitor logs (logger "tracekeras", WARNING) "Early stopping conditioned on
metric `val_loss` which is not available. Available metrics are: loss,accuracy".
Emits no trace events.
"""
import logging

import numpy as np

from tracekeras.callbacks.callback import Callback
from tracekeras.utils.progbar import print_msg

logger = logging.getLogger("tracekeras")


class EarlyStopping(Callback):
    """Stop training when a monitored metric has stopped improving.

    Args: monitor ("val_loss"), min_delta (0), patience (0), verbose (0), mode
    ("auto"|"min"|"max"), baseline (None), restore_best_weights (False),
    start_from_epoch (0).
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.wait = 0
        self.stopped_epoch = 0
        self.restore_best_weights = restore_best_weights
        self.best_weights = None
        self.start_from_epoch = start_from_epoch
        if mode not in ["auto", "min", "max"]:
            logger.warning("EarlyStopping mode %s is unknown, fallback to auto mode.", mode)
            mode = "auto"
        if mode == "min":
            self.monitor_op = np.less
        elif mode == "max":
            self.monitor_op = np.greater
        elif monitor.endswith(("acc", "accuracy", "auc")):
            self.monitor_op = np.greater
        else:
            self.monitor_op = np.less
        self.min_delta *= 1 if self.monitor_op == np.greater else -1
        self.best = np.inf if self.monitor_op == np.less else -np.inf
        self.best_epoch = 0

    def on_train_begin(self, logs=None):
        # Allow instances to be re-used.
        self.wait = 0
        self.stopped_epoch = 0
        self.best = np.inf if self.monitor_op == np.less else -np.inf
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        current = self.get_monitor_value(logs)
        if current is None or epoch < self.start_from_epoch:
            return   # no monitor value, or still warming up
        if self.restore_best_weights and self.best_weights is None:
            # Keep the first counted epoch's weights in case no progress is ever made.
            self.best_weights = self.model.get_weights()
            self.best_epoch = epoch
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            # Only restart wait if we beat both the baseline and our previous best.
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print_msg(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print_msg("Restoring model weights from the end of the best epoch: "
                          f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)

    def get_monitor_value(self, logs):
        logs = logs or {}
        monitor_value = logs.get(self.monitor)
        if monitor_value is None:
            logger.warning("Early stopping conditioned on metric `%s` which is not available. "
                           "Available metrics are: %s", self.monitor, ",".join(list(logs.keys())))
        return monitor_value

    def _is_improvement(self, monitor_value, reference_value):
        return self.monitor_op(monitor_value - self.min_delta, reference_value)


__all__ = ["EarlyStopping"]
