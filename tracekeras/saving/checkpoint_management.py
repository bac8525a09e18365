"""``tf.train.CheckpointManager``, ``latest_checkpoint`` and the ``checkpoint`` state file.

What it owns: the text file named ``checkpoint`` that TensorFlow keeps in a checkpoint
folder (a ``CheckpointState`` protocol buffer in text form: ``model_checkpoint_path``, the
``all_model_checkpoint_paths`` kept, with a manager their timestamps and
``last_preserved_timestamp``; paths relative to the folder), written as TensorFlow writes
it and read back by ``get_checkpoint_state`` and ``latest_checkpoint`` (the newest path
joined to the folder, or None when there is no state file or its checkpoint's ``.index``
file, or the weights file ``save_weights`` writes at the path itself, is gone); and
``CheckpointManager``, which numbers saves by the checkpoint's ``save_counter`` (or
``checkpoint_number``), keeps the newest ``max_to_keep`` and deletes the files of older
ones, and picks up the checkpoints a state file already lists.
``keep_checkpoint_every_n_hours`` and ``checkpoint_interval`` work as in TensorFlow.
No trace events (the Checkpoint's ``save`` traces its own).
"""
import collections
import glob
import logging
import os
import re
import time

from tracekeras.tracing.jsonl import atomic_file

STATE_FILE = "checkpoint"
logger = logging.getLogger("tensorflow")


class CheckpointState:
    """The fields of the state file (``tf.train.get_checkpoint_state``'s answer)."""

    def __init__(self, model_checkpoint_path="", all_model_checkpoint_paths=(),
                 all_model_checkpoint_timestamps=(), last_preserved_timestamp=0.0):
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = list(all_model_checkpoint_paths)
        self.all_model_checkpoint_timestamps = list(all_model_checkpoint_timestamps)
        self.last_preserved_timestamp = last_preserved_timestamp

    def __str__(self):
        lines = [f'model_checkpoint_path: "{self.model_checkpoint_path}"']
        lines += [f'all_model_checkpoint_paths: "{p}"' for p in self.all_model_checkpoint_paths]
        lines += [f"all_model_checkpoint_timestamps: {t!r}"
                  for t in self.all_model_checkpoint_timestamps]
        if self.last_preserved_timestamp:
            lines.append(f"last_preserved_timestamp: {self.last_preserved_timestamp!r}")
        return "\n".join(lines) + "\n"

    __repr__ = __str__


def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths,
                            all_model_checkpoint_timestamps=(), last_preserved_timestamp=0.0):
    """Write the folder's state file, paths relative to the folder."""
    def relative(path):
        return os.path.relpath(path, save_dir) if os.path.isabs(path) == os.path.isabs(
            save_dir) else path
    state = CheckpointState(relative(model_checkpoint_path),
                            [relative(p) for p in all_model_checkpoint_paths],
                            all_model_checkpoint_timestamps, last_preserved_timestamp)
    with atomic_file(os.path.join(save_dir, STATE_FILE), "w") as f:
        f.write(str(state))


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The folder's state, its relative paths joined to ``checkpoint_dir``; None without one."""
    path = os.path.join(os.fspath(checkpoint_dir), latest_filename or STATE_FILE)
    if not os.path.isfile(path):
        return None
    fields = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            found = re.match(r'\s*(\w+):\s*"?(.*?)"?\s*$', line)
            if found:
                fields[found.group(1)].append(found.group(2))

    def joined(p):
        return p if os.path.isabs(p) else os.path.join(os.fspath(checkpoint_dir), p)
    return CheckpointState(
        joined(fields["model_checkpoint_path"][0]) if fields["model_checkpoint_path"] else "",
        [joined(p) for p in fields["all_model_checkpoint_paths"]],
        [float(t) for t in fields["all_model_checkpoint_timestamps"]],
        float(fields["last_preserved_timestamp"][0]) if fields["last_preserved_timestamp"]
        else 0.0)


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """``tf.train.latest_checkpoint``: the newest checkpoint's path, or None."""
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state and state.model_checkpoint_path:
        # TensorFlow accepts a V2 checkpoint (``<path>.index``) or a V1 one, a file at the
        # path itself: here, the weights file a TF-format ``save_weights`` writes
        if (os.path.exists(state.model_checkpoint_path + ".index")
                or os.path.isfile(state.model_checkpoint_path)):
            return state.model_checkpoint_path
        logger.error("Couldn't match files for checkpoint %s", state.model_checkpoint_path)
    return None


class CheckpointManager:
    """``tf.train.CheckpointManager``: numbered saves in ``directory``, the newest kept."""

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt", step_counter=None, checkpoint_interval=None,
                 init_fn=None):
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError(f"Expected a positive integer or `None` for `max_to_keep`, got "
                             f"{max_to_keep}.")
        if checkpoint_interval is not None and step_counter is None:
            raise ValueError("`step_counter` should be passed if `checkpoint_interval` is not "
                             "None.")
        self._checkpoint = checkpoint
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._directory = os.fspath(directory)
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._init_fn = init_fn
        self._step_counter, self._checkpoint_interval = step_counter, checkpoint_interval
        self._last_checkpoint_step = None
        self._recover_state()

    def _recover_state(self):
        state = get_checkpoint_state(self._directory)
        now = time.time()
        self._maybe_delete = collections.OrderedDict()
        if state is None:
            self._latest_checkpoint = None
            self._last_preserved_timestamp = now - 1.0
            return
        self._latest_checkpoint = state.model_checkpoint_path
        self._last_preserved_timestamp = min(state.last_preserved_timestamp, now)
        stamps = state.all_model_checkpoint_timestamps or (
            [self._last_preserved_timestamp] * len(state.all_model_checkpoint_paths))
        for filename, stamp in zip(state.all_model_checkpoint_paths, stamps):
            if min(stamp, now) > self._last_preserved_timestamp:
                self._maybe_delete[filename] = min(stamp, now)

    @property
    def directory(self):
        return self._directory

    @property
    def checkpoint(self):
        return self._checkpoint

    @property
    def checkpoint_interval(self):
        return self._checkpoint_interval

    @property
    def latest_checkpoint(self):
        return self._latest_checkpoint

    @property
    def checkpoints(self):
        """The managed checkpoints still kept, oldest first."""
        return list(self._maybe_delete)

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        """Save ``<directory>/<checkpoint_name>-<n>``, keep the newest, return its path."""
        if self._checkpoint_interval is not None:
            step = int(getattr(self._step_counter, "value", self._step_counter))
            if self._last_checkpoint_step is not None and (
                    step == self._last_checkpoint_step or (check_interval and step < (
                        self._last_checkpoint_step + self._checkpoint_interval))):
                return None
            self._last_checkpoint_step = step
        counter = self._checkpoint.save_counter
        counter.assign_add(1)
        number = counter if checkpoint_number is None else checkpoint_number
        path = self._checkpoint.write(f"{self._prefix}-{int(getattr(number, 'value', number))}")
        self._maybe_delete.pop(path, None)
        self._maybe_delete[path] = time.time()
        self._latest_checkpoint = path
        self._sweep()
        self._record_state()
        return path

    def _sweep(self):
        if not self._max_to_keep:
            return
        while len(self._maybe_delete) > self._max_to_keep:
            filename, stamp = self._maybe_delete.popitem(last=False)
            hours = self._keep_checkpoint_every_n_hours
            if hours and stamp - hours * 3600.0 >= self._last_preserved_timestamp:
                self._last_preserved_timestamp = stamp
                continue
            for doomed in [filename + ".index"] + glob.glob(filename + ".data-?????-of-?????"):
                if os.path.exists(doomed):
                    os.remove(doomed)

    def _record_state(self):
        update_checkpoint_state(self._directory, self._latest_checkpoint,
                                list(self._maybe_delete), list(self._maybe_delete.values()),
                                self._last_preserved_timestamp)

    def restore_or_initialize(self):
        """Restore the latest checkpoint (its path), or call ``init_fn`` (None)."""
        if self._latest_checkpoint is not None:
            self._checkpoint.restore(self._latest_checkpoint)
            if self._checkpoint_interval is not None:
                self._last_checkpoint_step = int(getattr(self._step_counter, "value",
                                                         self._step_counter))
            return self._latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None
