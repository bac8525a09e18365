"""``keras.callbacks.BackupAndRestore``: resume an interrupted ``fit`` where it stopped.

Owns: the backup folder ``backup_dir`` and what it holds - a weights file
(``tracekeras.saving.saving_lib.save_weights_only``: the layers' weights, the
optimizer's ``iterations`` and slots, the metrics' state) and a small JSON,
``training_state.json``, naming that file and the epoch and batch it was
written at. Each backup writes a fresh weights file, then the JSON (through
``tracing.jsonl.atomic_file``), then removes the previous weights file, so a
crash at any point leaves a consistent pair. Receives the train hooks;
``on_train_begin`` restores the backup into the model and hands the saved
counters to ``fit`` through ``model._training_state`` (Keras's
``WorkerTrainingState``): ``fit`` then starts at the epoch after the saved one
(``Model._maybe_load_initial_counters_from_ckpt``). ``on_train_end`` removes
the backup when ``delete_checkpoint``.

Trace events (stage "callbacks"): ``keras.callbacks.BackupAndRestore.__init__``,
``keras.callbacks.BackupAndRestore.on_train_begin`` (note: restored epoch),
``keras.callbacks.BackupAndRestore._backup``; the saving emits its own.
"""
import json
import logging
import os

from tracekeras import tracing
from tracekeras.callbacks.callback import Callback
from tracekeras.saving import saving_lib
from tracekeras.tracing.jsonl import atomic_file

KERAS_MODULE = "keras.callbacks"   # Keras keeps every callback in one module
STATE_FILENAME = "training_state.json"
logger = logging.getLogger("tracekeras")


class TrainingState:
    """The backup on disk and the counters saved with it (Keras's ``WorkerTrainingState``)."""

    def __init__(self, model, backup_dir, save_freq):
        self.model = model
        self.backup_dir = backup_dir
        self.save_freq = save_freq
        self.saved_epoch = -1   # -1: nothing restored (Keras's "unused" value)
        self.saved_batch = -1
        self.count = 0

    def state_path(self):
        return os.path.join(self.backup_dir, STATE_FILENAME)

    def read_state(self):
        path = self.state_path()
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def back_up(self, epoch, batch=0):
        previous = self.read_state()
        self.count = (previous["count"] + 1) if previous else self.count + 1
        weights = f"ckpt-{self.count}.weights.h5"
        saving_lib.save_weights_only(self.model, os.path.join(self.backup_dir, weights))
        state = {"epoch": int(epoch), "batch": int(batch), "weights": weights,
                 "count": self.count}
        with atomic_file(self.state_path(), durable=True) as f:
            json.dump(state, f)
        if previous and previous["weights"] != weights:
            old = os.path.join(self.backup_dir, previous["weights"])
            if os.path.exists(old):
                os.unlink(old)

    def restore(self):
        """Loads the backup into the model; True when there was one."""
        state = self.read_state()
        if state is None:
            return False
        saving_lib.load_weights_only(self.model, os.path.join(self.backup_dir, state["weights"]))
        self.saved_epoch, self.saved_batch = state["epoch"], state["batch"]
        self.count = state["count"]
        return True

    def delete_backup(self):
        state = self.read_state()
        if state is None:
            return
        weights = os.path.join(self.backup_dir, state["weights"])
        if os.path.exists(weights):
            os.unlink(weights)
        os.unlink(self.state_path())
        if os.path.isdir(self.backup_dir) and not os.listdir(self.backup_dir):
            os.rmdir(self.backup_dir)

    def maybe_load_initial_counters_from_ckpt(self, steps_per_epoch, initial_epoch):
        """(initial_epoch, initial_step) for ``fit``: after the saved point, when there is one."""
        if isinstance(self.save_freq, int):
            if self.saved_batch >= 0:
                if steps_per_epoch is not None and self.saved_batch == steps_per_epoch - 1:
                    return self.saved_epoch + 1, 0
                return self.saved_epoch, self.saved_batch + 1
        elif self.saved_epoch >= 0:
            return self.saved_epoch + 1, 0
        return initial_epoch, 0


class BackupAndRestore(Callback):
    """Callback to back up and restore the training state.

    Args: backup_dir (folder of the backup, must be non-empty), save_freq
    ("epoch", or an int number of batches between backups, or False),
    delete_checkpoint (True: remove the backup when ``fit`` ends normally),
    save_before_preemption (kept; there is no preemption outside a cluster).
    """

    @tracing.traced("callbacks", args=lambda self, backup_dir, save_freq="epoch", **k: {
        "backup_dir": os.fspath(backup_dir) if backup_dir else backup_dir,
        "save_freq": save_freq})
    def __init__(self, backup_dir, save_freq="epoch", delete_checkpoint=True,
                 save_before_preemption=False):
        super().__init__()
        if not backup_dir:
            raise ValueError("Empty `backup_dir` argument passed")
        if (not save_freq) and (not save_before_preemption):
            raise ValueError("Either `save_freq` or `save_before_preemption` must be set.")
        if save_freq and save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(f"Unrecognized save_freq: {save_freq}. "
                             'Expected save_freq are "epoch" or integer')
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.delete_checkpoint = delete_checkpoint
        self.save_before_preemption = save_before_preemption
        self._batches_count = 0
        self._current_epoch = 0
        self._training_state = None

    @tracing.traced("callbacks")
    def on_train_begin(self, logs=None):
        model = self.model
        if model.built:
            optimizer = getattr(model, "optimizer", None)
            if optimizer is not None and callable(getattr(optimizer, "build", None)):
                optimizer.build(model.trainable_variables)
        else:
            logger.warning("To use the BackupAndRestore callback, you model must be built "
                           f"before you call `fit()`. Model {model} is unbuilt. You can build "
                           "it beforehand by calling it on a batch of data.")
        self._training_state = TrainingState(model, self.backup_dir, self.save_freq)
        model._training_state = self._training_state
        restored = self._training_state.restore()
        tracing.note(restored=restored, epoch=self._training_state.saved_epoch,
                     batch=self._training_state.saved_batch)

    def on_train_batch_begin(self, batch, logs=None):
        self._training_state.saved_batch = batch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq and self.save_freq != "epoch":
            self._batches_count += 1
            if self._batches_count >= self.save_freq:
                self._batches_count = 0
                self._backup(epoch=self._current_epoch, batch=batch)

    def _implements_train_batch_hooks(self):
        return self.save_freq != "epoch"   # batch hooks only when saving by batch

    def on_train_end(self, logs=None):
        if self.delete_checkpoint:
            self._training_state.delete_backup()
        self._training_state = None
        if getattr(self.model, "_training_state", None) is not None:
            del self.model._training_state

    def on_epoch_begin(self, epoch, logs=None):
        self._training_state.saved_epoch = epoch
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._backup(epoch=epoch)

    @tracing.traced("callbacks", args=lambda self, epoch, batch=0: {"epoch": epoch,
                                                                       "batch": batch})
    def _backup(self, epoch, batch=0):
        self._training_state.back_up(epoch=epoch, batch=batch)


__all__ = ["BackupAndRestore"]
