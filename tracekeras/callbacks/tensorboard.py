"""``keras.callbacks.TensorBoard``: epoch (and batch) scalars as TensorBoard event files.

Owns two writers (``tracekeras.callbacks.event_file.EventFileWriter``): one in
``log_dir/train``, opened at ``on_train_begin``, and one in
``log_dir/validation``, opened at the first ``on_test_begin``; both closed at
``on_train_end``. What it writes, with the tags tf_keras 2.21 uses:

- at each epoch end, ``epoch_<name>`` at step ``epoch``: names without ``val_``
  to train, ``val_<name>`` as ``epoch_<name>`` to validation;
- at each validation end, ``evaluation_<name>_vs_iterations`` to validation at
  step ``optimizer.iterations``;
- with an integer ``update_freq``, ``batch_<name>`` to train after every
  ``update_freq``-th training batch, at step = batches run in this ``fit``.

Histograms, images, the graph, profiling, embeddings and
``write_steps_per_second`` are not written: enabling any of them beyond the
default raises ``NotImplementedError`` in the constructor, before any file is
made. Trace events: ``keras.callbacks.TensorBoard.__init__`` (stage "callbacks").
"""
import os

import numpy as np

from tracekeras import tracing
from tracekeras.callbacks.callback import Callback
from tracekeras.callbacks.event_file import EventFileWriter

KERAS_MODULE = "keras.callbacks"   # Keras keeps every callback in one module

_UNSUPPORTED_DEFAULTS = (("histogram_freq", 0), ("write_images", False),
                         ("write_steps_per_second", False), ("profile_batch", 0),
                         ("embeddings_freq", 0), ("embeddings_metadata", None))


def _check_options(options, update_freq):
    for name, default in _UNSUPPORTED_DEFAULTS:
        if options[name] != default:
            raise NotImplementedError(
                f"TensorBoard(`{name}`={options[name]!r}): tracekeras writes scalars only; "
                f"expected the default `{name}`={default!r}.")
    if update_freq == "batch":
        return 1
    if update_freq != "epoch" and not (isinstance(update_freq, int) and update_freq > 0):
        raise ValueError('`update_freq` must be "epoch", "batch" or a positive integer. '
                         f"Received: update_freq={update_freq!r}")
    return update_freq


def _scalar(value):
    return float(np.asarray(value))


class TensorBoard(Callback):
    """Writes the fit's scalars where TensorBoard reads them (``write_graph`` is accepted
    and ignored: no graph is written)."""

    @tracing.traced("callbacks",
                    args=lambda self, log_dir="logs", *a, **k: {"log_dir": str(log_dir)})
    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True,
                 write_images=False, write_steps_per_second=False, update_freq="epoch",
                 profile_batch=0, embeddings_freq=0, embeddings_metadata=None, **kwargs):
        super().__init__()
        options = dict(histogram_freq=histogram_freq, write_images=write_images,
                       write_steps_per_second=write_steps_per_second,
                       profile_batch=profile_batch, embeddings_freq=embeddings_freq,
                       embeddings_metadata=embeddings_metadata)
        self.update_freq = _check_options(options, update_freq)
        self.__dict__.update(options)
        self.log_dir = os.fspath(log_dir)
        self.write_graph = write_graph
        self._log_write_dir = self.log_dir
        self._train_dir = os.path.join(self.log_dir, "train")
        self._val_dir = os.path.join(self.log_dir, "validation")
        self._train_writer = None
        self._val_writer = None
        self._train_step = 0

    def on_train_begin(self, logs=None):
        self._train_step = 0
        if self._train_writer is None:
            self._train_writer = EventFileWriter(self._train_dir)

    def on_test_begin(self, logs=None):
        if self._val_writer is None:
            self._val_writer = EventFileWriter(self._val_dir)

    def on_train_batch_end(self, batch, logs=None):
        self._train_step += 1
        if self.update_freq == "epoch" or self._train_step % self.update_freq:
            return
        for name, value in (logs or {}).items():
            self._train_writer.scalar("batch_" + name, _scalar(value), self._train_step)

    def on_test_end(self, logs=None):
        iterations = getattr(getattr(self.model, "optimizer", None), "iterations", None)
        if iterations is None or self._val_writer is None:
            return
        step = int(np.asarray(getattr(iterations, "value", iterations)))
        for name, value in (logs or {}).items():
            self._val_writer.scalar("evaluation_" + name + "_vs_iterations",
                                    _scalar(value), step)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        for name, value in logs.items():
            if not name.startswith("val_"):
                self._train_writer.scalar("epoch_" + name, _scalar(value), epoch)
        for name, value in logs.items():
            if name.startswith("val_"):
                self.on_test_begin()
                self._val_writer.scalar("epoch_" + name[4:], _scalar(value), epoch)
        for writer in (self._train_writer, self._val_writer):
            if writer is not None:
                writer.flush()

    def on_train_end(self, logs=None):
        for writer in (self._train_writer, self._val_writer):
            if writer is not None:
                writer.close()
        self._train_writer = None
        self._val_writer = None
