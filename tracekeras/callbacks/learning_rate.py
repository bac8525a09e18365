"""``keras.callbacks.ReduceLROnPlateau`` and ``LearningRateScheduler``: change the optimizer's rate.

Owns: when and to what the learning rate changes. Receives the epoch logs and
``model.optimizer``; hands on the new rate by assigning the optimizer's
``learning_rate`` Variable in place (``.assign``), or through its
``learning_rate`` setter when it is a plain number. Both write the current rate
into the epoch logs as ``lr`` (so ``History`` records it, as in Keras).

ReduceLROnPlateau (Keras's rules): ``mode="auto"`` maximises names containing
"acc", minimises the rest; an improvement beats ``best`` by more than
``min_delta``; after ``patience`` epochs without one, ``lr *= factor`` (not
below ``min_lr``; only if ``lr > min_lr``) and ``cooldown`` epochs follow in
which waiting does not count. LearningRateScheduler calls ``schedule(epoch, lr)``
(or ``schedule(epoch)`` for a one-argument function) at each epoch begin; the
result must be a float. Messages as Keras prints them ("\\nEpoch 3:
ReduceLROnPlateau reducing learning rate to 0.0001.", "\\nEpoch 1:
LearningRateScheduler setting learning rate to 0.01."). Emits no trace events.
"""
import logging

import numpy as np

from tracekeras.callbacks.callback import Callback
from tracekeras.utils.progbar import print_msg

logger = logging.getLogger("tracekeras")


def get_lr(optimizer):
    """The optimizer's learning rate as a NumPy scalar (Keras's ``backend.get_value(opt.lr)``)."""
    lr = getattr(optimizer, "learning_rate", None)
    if lr is None:
        lr = optimizer.lr
    if hasattr(lr, "numpy"):
        lr = lr.numpy()
    return np.asarray(lr)[()]


def set_lr(optimizer, value):
    """Assign the rate in place when it is a Variable, else through the setter."""
    lr = getattr(optimizer, "learning_rate", None)
    if hasattr(lr, "assign"):
        lr.assign(value)
    else:
        optimizer.learning_rate = value


class ReduceLROnPlateau(Callback):
    """Reduce learning rate when a metric has stopped improving.

    Args: monitor ("val_loss"), factor (0.1; ``new_lr = lr * factor``),
    patience (10), verbose (0), mode ("auto"), min_delta (1e-4), cooldown (0),
    min_lr (0).
    """

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0, **kwargs):
        super().__init__()
        self.monitor = monitor
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Got {factor}")
        if "epsilon" in kwargs:
            min_delta = kwargs.pop("epsilon")
            logger.warning("`epsilon` argument is deprecated and will be removed, use "
                           "`min_delta` instead.")
        self.factor = factor
        self.min_lr = min_lr
        self.min_delta = min_delta
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0
        self.best = 0
        self.mode = mode
        self.monitor_op = None
        self._reset()

    def _reset(self):
        """Resets wait counter and cooldown counter."""
        if self.mode not in ["auto", "min", "max"]:
            logger.warning("Learning rate reduction mode %s is unknown, fallback to auto mode.",
                           self.mode)
            self.mode = "auto"
        if self.mode == "min" or (self.mode == "auto" and "acc" not in self.monitor):
            self.monitor_op = lambda a, b: np.less(a, b - self.min_delta)
            self.best = np.inf
        else:
            self.monitor_op = lambda a, b: np.greater(a, b + self.min_delta)
            self.best = -np.inf
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        logs["lr"] = get_lr(self.model.optimizer)
        current = logs.get(self.monitor)
        if current is None:
            logger.warning("Learning rate reduction is conditioned on metric `%s` which is not "
                           "available. Available metrics are: %s", self.monitor,
                           ",".join(list(logs.keys())))
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self.monitor_op(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                self._reduce(epoch)

    def _reduce(self, epoch):
        old_lr = get_lr(self.model.optimizer)
        if old_lr > np.float32(self.min_lr):
            new_lr = max(old_lr * self.factor, self.min_lr)
            set_lr(self.model.optimizer, new_lr)
            if self.verbose > 0:
                print_msg(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to "
                          f"{new_lr}.")
            self.cooldown_counter = self.cooldown
            self.wait = 0

    def in_cooldown(self):
        return self.cooldown_counter > 0


def is_float_result(lr):
    if isinstance(lr, (float, np.float32, np.float64)):
        return True
    dtype = getattr(lr, "dtype", None)
    return hasattr(lr, "shape") and dtype is not None and np.issubdtype(np.dtype(dtype),
                                                                        np.floating)


class LearningRateScheduler(Callback):
    """Set the learning rate from ``schedule(epoch, lr)`` at the start of every epoch.

    Args: schedule (a function of the epoch index and the current rate, or of the
    epoch alone, returning a float), verbose (0 quiet, 1 update messages).
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        if not (hasattr(optimizer, "lr") or hasattr(optimizer, "learning_rate")):
            raise ValueError('Optimizer must have a "lr" attribute.')
        try:   # new API
            lr = float(get_lr(optimizer))
            lr = self.schedule(epoch, lr)
        except TypeError:   # old API: schedule(epoch)
            lr = self.schedule(epoch)
        if not is_float_result(lr):
            if hasattr(lr, "dtype") and hasattr(lr, "shape"):
                raise ValueError(f"The dtype of `lr` Tensor should be float. Got: {lr.dtype}")
            raise ValueError(f'The output of the "schedule" function should be float. Got: {lr}')
        value = getattr(lr, "value", lr)
        set_lr(optimizer, float(np.asarray(value)))
        if self.verbose > 0:
            print_msg(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = get_lr(self.model.optimizer)


__all__ = ["LearningRateScheduler", "ReduceLROnPlateau"]
