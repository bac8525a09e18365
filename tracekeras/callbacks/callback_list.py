"""``keras.callbacks.CallbackList``: the container ``fit``/``evaluate``/``predict`` call.

Owns: the assembly of the callbacks for one run (``_add_default_callbacks``
appends ``History`` and ``ProgbarLogger(count_mode="steps")`` when asked and
not already given, in that order), handing every callback the model and the
params (``{verbose, epochs, steps}``), dispatching each hook, turning logs into
Python numbers (Keras's ``sync_to_numpy_or_python_type``), and Keras's
slow-callback check. Receives the user's callbacks and the loop's hook calls
(``Model.fit``/``evaluate``/``predict`` in ``tracekeras/engine/training.py`` and
their step loops in ``training_loops.py``); hands on ``model.history`` (the
History callback, set in ``set_model``).

Trace events (stage "callbacks"): ``keras.callbacks.CallbackList.__init__``,
``._add_default_callbacks`` (end args: ``added``, ``given``),
``.set_params`` (the params), ``.set_model`` (level "steps"; the
tf_keras 2.21 reference stages do not list it), one span per hook
``keras.callbacks.CallbackList.on_<hook>`` with ``epoch``/``batch`` where the hook
takes one, and an instant ``keras.callbacks.CallbackList._call_batch_end_hook``
when the slow-callback warning fires. Batch hooks run every step: with no
callback implementing them, a hook costs the trace check and one attribute test.
The sixteen hooks are written out as Keras writes them, one traced method each.

The slow-callback rule (Keras's ``_check_timing``): only when a callback of a
class not defined in ``keras.callbacks`` is present; batch times are taken from
the second batch on; once 5 are collected, a begin or end hook whose mean time
exceeds the mean batch time is reported once as
"Callback method `on_train_batch_end` is slow compared to the batch time (batch
time: 0.0010s vs `on_train_batch_end` time: 0.0200s). Check your callbacks."
(logger "tracekeras", level WARNING), then the check stops.
"""
import logging
import time

import numpy as np

from tracekeras import tracing

logger = logging.getLogger("tracekeras")
clock = time.time
KERAS_MODULE = "keras.callbacks"   # Keras keeps every callback in one module
NAME = "keras.callbacks.CallbackList."
SLOW_MESSAGE = ("Callback method `{hook}` is slow compared to the batch time (batch time: "
                "{batch_time:.4f}s vs `{hook}` time: {hook_time:.4f}s). Check your callbacks.")


def to_python(value):
    """A Tensor or Variable as NumPy, a 0-d array or NumPy scalar as a Python number."""
    if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
        value = value.numpy()
    elif hasattr(value, "value") and isinstance(value.value, np.ndarray):
        value = value.value
    if isinstance(value, (np.ndarray, np.generic)) and np.ndim(value) == 0:
        return value.item()
    return value


def flatten(callbacks):
    if callbacks is None:
        return []
    if isinstance(callbacks, (list, tuple)):
        return [cb for item in callbacks for cb in flatten(item)]
    return [callbacks]


def init_args(self, callbacks=None, add_history=False, add_progbar=False, model=None, **params):
    return {"callbacks": [type(cb).__name__ for cb in flatten(callbacks)],
            "add_history": add_history, "add_progbar": add_progbar}


def epoch_args(self, epoch, logs=None):
    return {"epoch": epoch}


def epoch_end_args(self, epoch, logs=None):
    """The epoch and its logs (the numbers History will keep), as plain floats."""
    return {"epoch": epoch, "logs": {key: float(value) for key, value in (logs or {}).items()
                                     if np.ndim(value) == 0}}


def batch_args(self, batch, logs=None):
    return {"batch": batch}


def builtin_names():
    from tracekeras import callbacks as module
    return set(module.__all__)


class CallbackList:
    """Container abstracting a list of callbacks (``keras.callbacks.CallbackList``).

    Args: callbacks (list of Callback), add_history / add_progbar (add the
    default History / ProgbarLogger unless one is given), model, ``**params`` (given
    to every callback's ``set_params``).
    """

    @tracing.traced("callbacks", args=init_args)
    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params):
        self.callbacks = flatten(callbacks)
        self.model = None
        self.params = {}
        self._add_default_callbacks(add_history, add_progbar)
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)
        self._should_call_train_batch_hooks = any(
            cb._implements_train_batch_hooks() for cb in self.callbacks)
        self._should_call_test_batch_hooks = any(
            cb._implements_test_batch_hooks() for cb in self.callbacks)
        self._should_call_predict_batch_hooks = any(
            cb._implements_predict_batch_hooks() for cb in self.callbacks)
        builtins = builtin_names()
        self._check_timing = any(type(cb).__name__ not in builtins for cb in self.callbacks)
        self._num_batches_for_timing_check = 5
        self._hook_times = {}
        self._batch_start_time = None
        self._batch_times = []

    @tracing.traced("callbacks",
                    args=lambda self, add_history, add_progbar: {
                        "add_history": add_history, "add_progbar": add_progbar})
    def _add_default_callbacks(self, add_history, add_progbar):
        """Adds the ``Callback``s that are always present (History, ProgbarLogger)."""
        from tracekeras.callbacks.history import History
        from tracekeras.callbacks.progbar_logger import ProgbarLogger
        self._progbar = None
        self._history = None
        for cb in self.callbacks:
            if isinstance(cb, ProgbarLogger):
                self._progbar = cb
            elif isinstance(cb, History):
                self._history = cb
        given = [type(cb).__name__ for cb in (self._history, self._progbar) if cb is not None]
        added = []
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
            added.append("History")
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger(count_mode="steps")
            self.callbacks.append(self._progbar)
            added.append("ProgbarLogger")
        tracing.note(added=added, given=given)

    def _process_logs(self, logs):
        """Turns tensors into NumPy arrays or Python scalars."""
        if logs is None:
            return {}
        return {k: to_python(v) for k, v in logs.items()}

    def append(self, callback):
        self.callbacks.append(callback)

    @tracing.traced("callbacks", args=lambda self, params: dict(params))
    def set_params(self, params):
        self.params = params
        for callback in self.callbacks:
            callback.set_params(params)

    @tracing.traced("callbacks", level="steps",
                    args=lambda self, model: {"model": getattr(model, "name", None)})
    def set_model(self, model):
        self.model = model
        if self._history:
            model.history = self._history
        for callback in self.callbacks:
            callback.set_model(model)

    # -- batch hooks --------------------------------------------------------------
    def _call_batch_hook(self, mode, hook, batch, logs=None):
        """Helper for all ``on_*_batch_{begin,end}`` methods."""
        if not self.callbacks:
            return
        if hook == "begin":
            self._call_batch_begin_hook(mode, batch, logs)
        elif hook == "end":
            self._call_batch_end_hook(mode, batch, logs)
        else:
            raise ValueError(f"Unrecognized hook: {hook}. "
                             'Expected values are ["begin", "end"]')

    def _call_batch_begin_hook(self, mode, batch, logs):
        self._call_batch_hook_helper(f"on_{mode}_batch_begin", batch, logs)
        if self._check_timing:
            self._batch_start_time = clock()

    def _call_batch_end_hook(self, mode, batch, logs):
        hook_name = f"on_{mode}_batch_end"
        if self._check_timing and batch >= 1 and self._batch_start_time is not None:
            self._batch_times.append(clock() - self._batch_start_time)
        self._call_batch_hook_helper(hook_name, batch, logs)
        if len(self._batch_times) >= self._num_batches_for_timing_check:
            self._warn_slow_hooks(mode)

    def _warn_slow_hooks(self, mode):
        """Keras's one-time report of batch hooks slower than the batch itself."""
        avg_batch_time = sum(self._batch_times) / len(self._batch_times)
        for hook in (f"on_{mode}_batch_begin", f"on_{mode}_batch_end"):
            times = self._hook_times.get(hook) or [0.0]
            avg_hook_time = sum(times) / len(times)
            if avg_hook_time > 1.0 * avg_batch_time:
                message = SLOW_MESSAGE.format(hook=hook, batch_time=avg_batch_time,
                                              hook_time=avg_hook_time)
                logger.warning(message)
                tracing.instant(NAME + "_call_batch_end_hook", "callbacks", warning=message)
        self._check_timing = False
        self._batch_start_time = None
        self._batch_times = []
        self._hook_times = {}

    def _call_batch_hook_helper(self, hook_name, batch, logs):
        if self._check_timing:
            start_time = clock()
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            getattr(callback, hook_name)(batch, logs)
        if self._check_timing:
            self._hook_times.setdefault(hook_name, []).append(clock() - start_time)

    # -- the hooks the loops call, as Keras writes them: batch hooks run only when a
    # callback implements them; the others pass every callback the logs as Python numbers
    @tracing.traced("callbacks", args=batch_args)
    def on_batch_begin(self, batch, logs=None):
        """Calls the `on_batch_begin` methods of its callbacks."""
        if self._should_call_train_batch_hooks:
            self._call_batch_hook("train", "begin", batch, logs=logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_batch_end(self, batch, logs=None):
        """Calls the `on_batch_end` methods of its callbacks."""
        if self._should_call_train_batch_hooks:
            self._call_batch_hook("train", "end", batch, logs=logs)

    @tracing.traced("callbacks", args=epoch_args)
    def on_epoch_begin(self, epoch, logs=None):
        """Calls the `on_epoch_begin` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_epoch_begin(epoch, logs)

    @tracing.traced("callbacks", args=epoch_end_args)
    def on_epoch_end(self, epoch, logs=None):
        """Calls the `on_epoch_end` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_epoch_end(epoch, logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_train_batch_begin(self, batch, logs=None):
        """Calls the `on_train_batch_begin` methods of its callbacks."""
        if self._should_call_train_batch_hooks:
            self._call_batch_hook("train", "begin", batch, logs=logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_train_batch_end(self, batch, logs=None):
        """Calls the `on_train_batch_end` methods of its callbacks."""
        if self._should_call_train_batch_hooks:
            self._call_batch_hook("train", "end", batch, logs=logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_test_batch_begin(self, batch, logs=None):
        """Calls the `on_test_batch_begin` methods of its callbacks."""
        if self._should_call_test_batch_hooks:
            self._call_batch_hook("test", "begin", batch, logs=logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_test_batch_end(self, batch, logs=None):
        """Calls the `on_test_batch_end` methods of its callbacks."""
        if self._should_call_test_batch_hooks:
            self._call_batch_hook("test", "end", batch, logs=logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_predict_batch_begin(self, batch, logs=None):
        """Calls the `on_predict_batch_begin` methods of its callbacks."""
        if self._should_call_predict_batch_hooks:
            self._call_batch_hook("predict", "begin", batch, logs=logs)

    @tracing.traced("callbacks", args=batch_args)
    def on_predict_batch_end(self, batch, logs=None):
        """Calls the `on_predict_batch_end` methods of its callbacks."""
        if self._should_call_predict_batch_hooks:
            self._call_batch_hook("predict", "end", batch, logs=logs)

    @tracing.traced("callbacks")
    def on_train_begin(self, logs=None):
        """Calls the `on_train_begin` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_train_begin(logs)

    @tracing.traced("callbacks")
    def on_train_end(self, logs=None):
        """Calls the `on_train_end` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_train_end(logs)

    @tracing.traced("callbacks")
    def on_test_begin(self, logs=None):
        """Calls the `on_test_begin` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_test_begin(logs)

    @tracing.traced("callbacks")
    def on_test_end(self, logs=None):
        """Calls the `on_test_end` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_test_end(logs)

    @tracing.traced("callbacks")
    def on_predict_begin(self, logs=None):
        """Calls the `on_predict_begin` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_predict_begin(logs)

    @tracing.traced("callbacks")
    def on_predict_end(self, logs=None):
        """Calls the `on_predict_end` methods of its callbacks."""
        logs = self._process_logs(logs)
        for callback in self.callbacks:
            callback.on_predict_end(logs)

    def __iter__(self):
        return iter(self.callbacks)


__all__ = ["CallbackList"]
