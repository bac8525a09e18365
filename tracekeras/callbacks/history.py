"""``keras.callbacks.History`` and ``keras.callbacks.BaseLogger``: epoch results kept.

History owns ``history`` (metric name -> list of epoch values, appended across
several ``fit`` calls, as Keras does) and ``epoch`` (the epoch indices of the
current ``fit``, reset by ``on_train_begin``); it is what ``fit`` returns and
``CallbackList.set_model``/``on_epoch_end`` set it as ``model.history``.

BaseLogger (the Keras 2.2 ``training_arrays.fit_loop`` adds it first) averages
the batch logs into the epoch logs: each batch's value weighted by its
``size`` (times ``num_steps``), names in ``stateful_metrics`` kept as the last
value; only the names in ``params["metrics"]`` are written into the epoch logs.

Trace events: ``keras.callbacks.History.__init__`` (stage "callbacks").
"""
from tracekeras import tracing
from tracekeras.callbacks.callback import Callback

KERAS_MODULE = "keras.callbacks"   # Keras keeps every callback in one module


class History(Callback):
    """Callback that records events into a ``History`` object (returned by ``fit``)."""

    @tracing.traced("callbacks")
    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.epoch.append(epoch)
        for k, v in logs.items():
            self.history.setdefault(k, []).append(v)
        # The model holds the latest History (as Keras sets it after each epoch).
        self.model.history = self


class BaseLogger(Callback):
    """Callback that accumulates epoch averages of metrics (Keras 2.2 loop).

    Args: stateful_metrics: names logged as-is at epoch end, not averaged.
    """

    @tracing.traced("callbacks",
                    args=lambda self, stateful_metrics=None: {
                        "stateful_metrics": sorted(stateful_metrics or [])})
    def __init__(self, stateful_metrics=None):
        super().__init__()
        self.stateful_metrics = set(stateful_metrics or [])
        self.seen = 0
        self.totals = {}

    def on_epoch_begin(self, epoch, logs=None):
        self.seen = 0
        self.totals = {}

    @tracing.traced("callbacks", level="steps",
                    args=lambda self, batch, logs=None: {"batch": batch,
                                                         "size": (logs or {}).get("size")})
    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        batch_size = logs.get("size", 0)
        num_steps = logs.get("num_steps", 1)
        self.seen += batch_size * num_steps
        for k, v in logs.items():
            if k in self.stateful_metrics:
                self.totals[k] = v
            elif k in self.totals:
                self.totals[k] += v * batch_size
            else:
                self.totals[k] = v * batch_size

    @tracing.traced("callbacks",
                    args=lambda self, epoch, logs=None: {"epoch": epoch, "seen": self.seen})
    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            for k in self.params["metrics"]:
                if k in self.totals:
                    if k in self.stateful_metrics:
                        logs[k] = self.totals[k]
                    else:
                        logs[k] = self.totals[k] / self.seen
            tracing.note(averaged={k: logs[k] for k in self.params["metrics"] if k in self.totals})


__all__ = ["BaseLogger", "History"]
