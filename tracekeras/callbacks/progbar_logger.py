"""``keras.callbacks.ProgbarLogger``: prints the progress bar of fit/evaluate/predict.

Owns: one ``tracekeras.utils.progbar.Progbar`` per epoch (or per evaluate /
predict run), "Epoch 1/5" before each epoch when ``epochs > 1``, and the rule
that validation inside ``fit`` is silent (``on_train_begin`` marks the logger
as called in fit; the test hooks then print nothing). Receives params
``{verbose, epochs, steps}`` (``count_mode="steps"``: the bar counts steps, the
target is ``params["steps"]``; when unknown, it is taken from the model's step
counter or the steps seen at the end of the first epoch) and the batch/epoch
logs. With ``count_mode="steps"`` (fit/evaluate/predict) the logs carry the
running means of the model's metrics, so every model metric is "stateful",
shown as given; with ``count_mode="samples"`` (the Keras 2.2 ``fit_loop``) the
logs carry per-batch values and the bar averages them weighted by ``size``,
as Keras 2.2 did. Per-batch hooks run only for ``verbose == 1``.

Trace events: ``keras.callbacks.ProgbarLogger.__init__`` (stage "callbacks").
"""
from tracekeras import tracing
from tracekeras.callbacks import callback_list
from tracekeras.callbacks.callback import Callback
from tracekeras.utils.progbar import Progbar, print_msg

KERAS_MODULE = "keras.callbacks"   # Keras keeps every callback in one module

COUNTERS = {"train": "_train_counter", "test": "_test_counter", "predict": "_predict_counter"}


class ProgbarLogger(Callback):
    """Callback that prints metrics to stdout.

    Args: count_mode ("steps" or "samples"), stateful_metrics (names shown
    as-is; the model's metrics are added).
    """

    @tracing.traced("callbacks",
                    args=lambda self, count_mode="samples", stateful_metrics=None: {
                        "count_mode": count_mode})
    def __init__(self, count_mode="samples", stateful_metrics=None):
        super().__init__()
        if count_mode == "samples":
            self.use_steps = False
        elif count_mode == "steps":
            self.use_steps = True
        else:
            raise ValueError(f"Unknown `count_mode`: {count_mode}. "
                             'Expected values are ["samples", "steps"]')
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._call_batch_hooks = True
        self._called_in_fit = False

    def set_params(self, params):
        self.params = params
        self.verbose = params["verbose"]
        self.epochs = params["epochs"]
        if self.use_steps and "steps" in params:
            self.target = params["steps"]
        elif not self.use_steps and "samples" in params:
            self.target = params["samples"]
        else:
            self.target = None   # inferred at the end of the first epoch
        self._call_batch_hooks = self.verbose == 1
        if self.target is None:
            # Keras reads the model's live step counter Variables here; tracekeras's
            # counters may be plain numbers, so the batches seen are counted instead.
            self._call_batch_hooks = True

    def on_train_begin(self, logs=None):
        self._called_in_fit = True   # validation inside fit is silent

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_predict_begin(self, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_epoch_begin(self, epoch, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            print_msg(f"Epoch {epoch + 1}/{self.epochs}")

    def on_train_batch_end(self, batch, logs=None):
        self._batch_update_progbar(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        if not self._called_in_fit:
            self._batch_update_progbar(batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._batch_update_progbar(batch, None)   # prediction outputs are not shown

    def on_epoch_end(self, epoch, logs=None):
        self._finalize_progbar(logs, "train")

    def on_test_end(self, logs=None):
        if not self._called_in_fit:
            self._finalize_progbar(logs, "test")

    def on_predict_end(self, logs=None):
        self._finalize_progbar(logs, "predict")

    def _reset_progbar(self):
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self):
        """Create the Progbar if needed; the model's metrics are stateful (shown as-is)."""
        self.stateful_metrics = set(self.stateful_metrics)
        if self.model is not None and self.use_steps:
            names = {m.name for m in (getattr(self.model, "metrics", None) or [])}
            self.stateful_metrics = self.stateful_metrics.union(names)
        if self.progbar is None:
            self.progbar = Progbar(target=self.target, verbose=self.verbose,
                                   stateful_metrics=self.stateful_metrics,
                                   unit_name="step" if self.use_steps else "sample")
        self.progbar._update_stateful_metrics(self.stateful_metrics)

    def _implements_train_batch_hooks(self):
        return self._call_batch_hooks

    def _implements_test_batch_hooks(self):
        return self._call_batch_hooks

    def _implements_predict_batch_hooks(self):
        return self._call_batch_hooks

    def _batch_update_progbar(self, batch, logs=None):
        logs = logs or {}
        self._maybe_init_progbar()
        if self.use_steps:
            self.seen = batch + 1   # one-indexed
        else:
            logs = dict(logs)
            batch_size = logs.pop("size", 0)
            num_steps = logs.pop("num_steps", 1)
            logs.pop("batch", None)
            self.seen += num_steps * batch_size
        if self.verbose == 1:
            self.progbar.update(self.seen, list(logs.items()), finalize=False)

    def _finalize_progbar(self, logs, mode):
        # Python numbers again, as Keras makes them here: a callback before this one may
        # have added a NumPy scalar (ReduceLROnPlateau's float32 ``lr``, which NumPy would
        # then compare with 1e-3 in float32 and print as 1.0000e-03)
        logs = {k: callback_list.to_python(v) for k, v in (logs or {}).items()}
        if self.progbar is None:
            self._maybe_init_progbar()
        if self.target is None:
            counter = getattr(self.model, COUNTERS[mode], None) if self.model is not None else None
            if counter is not None and hasattr(counter, "numpy"):
                counter = counter.numpy()
            if counter is not None and not self.use_steps:
                counter *= logs.get("size", 1)
            self.target = counter or self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, list(logs.items()), finalize=True)


__all__ = ["ProgbarLogger"]
