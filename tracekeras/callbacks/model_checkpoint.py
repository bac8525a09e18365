"""``keras.callbacks.ModelCheckpoint``: save the model or its weights while training.

Owns: when to save (every epoch, every ``save_freq`` batches, or only on an
improvement of ``monitor`` with ``save_best_only``; ``initial_value_threshold``
seeds ``best``), the file name (``filepath.format(epoch=epoch + 1, **logs)``,
and ``batch=batch + 1`` when saving by batch: "w.{epoch:02d}-{val_loss:.2f}"),
the directory (created when missing) and Keras's messages ("\\nEpoch 3:
val_loss improved from 0.50000 to 0.40000, saving model to ck.03.weights",
"\\nEpoch 4: val_loss did not improve from 0.40000", "\\nEpoch 1: saving model
to ck"). Receives the batch/epoch logs; hands the writing on to
``model.save_weights`` (``save_weights_only=True``) or, for the full model,
``model.save`` when the model has one, else
``tracekeras.saving.weights_format.save_weights(..., include_config=True)``:
the same weights file with the model's ``get_config()`` in its manifest (there
is no ``load_model`` in tracekeras; read such a file back with
``model.load_weights``). Emits no trace events (the saving does).
"""
import logging
import os

import numpy as np

from tracekeras.callbacks.callback import Callback
from tracekeras.saving import weights_format
from tracekeras.utils.progbar import print_msg

logger = logging.getLogger("tracekeras")


class ModelCheckpoint(Callback):
    """Callback to save the model or model weights at some frequency.

    Args: filepath (may hold ``{epoch}`` and log-name placeholders), monitor
    ("val_loss"), verbose (0), save_best_only (False), save_weights_only
    (False), mode ("auto"|"min"|"max"), save_freq ("epoch" or an int number of
    batches), options (kept, unused), initial_value_threshold (None),
    period (deprecated: epochs between saves).
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch", options=None,
                 initial_value_threshold=None, **kwargs):
        super().__init__()
        self.monitor = monitor
        self.verbose = verbose
        self.filepath = os.fspath(filepath)
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._options = options
        self.epochs_since_last_save = 0
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1
        self._current_epoch = 0
        self.best = initial_value_threshold
        self.period = kwargs.get("period", 1)
        if "period" in kwargs:
            logger.warning("`period` argument is deprecated. Please use `save_freq` to specify "
                           "the frequency in number of batches seen.")
        self.monitor_op = self._monitor_op(mode)
        if self.save_freq != "epoch" and not isinstance(self.save_freq, int):
            raise ValueError(f"Unrecognized save_freq: {self.save_freq}. "
                             'Expected save_freq are "epoch" or integer')

    def _monitor_op(self, mode):
        if mode not in ["auto", "min", "max"]:
            logger.warning("ModelCheckpoint mode %s is unknown, fallback to auto mode.", mode)
            mode = "auto"
        if mode == "max" or (mode == "auto" and ("acc" in self.monitor
                                                 or self.monitor.startswith("fmeasure"))):
            if self.best is None:
                self.best = -np.inf
            return np.greater
        if self.best is None:
            self.best = np.inf
        return np.less

    def _implements_train_batch_hooks(self):
        return self.save_freq != "epoch"   # batch hooks only when saving by batch

    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model(epoch=self._current_epoch, batch=batch, logs=logs)

    def on_train_begin(self, logs=None):
        """A path that is an existing folder is refused now, before any training (Keras
        finds it at the first save, an epoch later)."""
        if "{" not in self.filepath and os.path.isdir(self.filepath):
            raise IOError("Please specify a non-directory filepath for ModelCheckpoint. "
                          f"Filepath used is an existing directory: {self.filepath}")

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        self.epochs_since_last_save += 1
        if self.save_freq == "epoch":
            self._save_model(epoch=epoch, batch=None, logs=logs)

    def _should_save_on_batch(self, batch):
        """Batch-level saving; a batch index not above the last one starts a new epoch."""
        if self.save_freq == "epoch":
            return False
        if batch <= self._last_batch_seen:
            add_batches = batch + 1
        else:
            add_batches = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += add_batches
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _save_model(self, epoch, batch, logs):
        logs = logs or {}
        if not (isinstance(self.save_freq, int) or self.epochs_since_last_save >= self.period):
            return
        self.epochs_since_last_save = 0
        filepath = self._get_file_path(epoch, batch, logs)
        dirname = os.path.dirname(filepath)
        if dirname and not os.path.exists(dirname):
            os.makedirs(dirname, exist_ok=True)
        if os.path.isdir(filepath):
            raise IOError("Please specify a non-directory filepath for ModelCheckpoint. "
                          f"Filepath used is an existing directory: {filepath}")
        if not self.save_best_only:
            if self.verbose > 0:
                print_msg(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            self._save_handler(filepath)
            return
        current = logs.get(self.monitor)
        if current is None:
            logger.warning("Can save best model only with %s available, skipping.", self.monitor)
        elif self.monitor_op(current, self.best):
            if self.verbose > 0:
                print_msg(f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} "
                          f"to {current:.5f}, saving model to {filepath}")
            self.best = current
            self._save_handler(filepath)
        elif self.verbose > 0:
            print_msg(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {self.best:.5f}")

    def _save_handler(self, filepath):
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        elif callable(getattr(self.model, "save", None)):
            self.model.save(filepath, overwrite=True)
        else:
            weights_format.save_weights(self.model, filepath, overwrite=True, include_config=True)

    def _get_file_path(self, epoch, batch, logs):
        """The file path for this checkpoint: placeholders filled from epoch, batch and logs."""
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as e:
            raise KeyError(f'Failed to format this callback filepath: "{self.filepath}". '
                           f"Reason: {e}") from e


__all__ = ["ModelCheckpoint"]
