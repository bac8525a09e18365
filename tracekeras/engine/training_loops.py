"""The epoch and step loops inside ``Model.fit``, ``Model.evaluate`` and ``Model.predict``.

Keras writes these loops inline in ``Model.fit``/``evaluate``/``predict``
(``keras/engine/training.py``); those methods stay in ``training.py`` and read
as Keras's do, handing each epoch to a function here::

    Model.fit:                                 # training.py
        data_handler = get_data_handler(...)   # picks one of eight adapters
        callbacks = callback_list(...)   # History, and a ProgbarLogger unless verbose=0
        train_function = model.make_train_function()
        callbacks.on_train_begin()
        for epoch, iterator in data_handler.enumerate_epochs():
            logs = train_epoch(...)            # here:
                model.reset_metrics(); callbacks.on_epoch_begin(epoch)
                for step in data_handler.steps():
                    callbacks.on_train_batch_begin(step)
                    logs = train_function(iterator)    # -> step_function -> train_step
                    callbacks.on_train_batch_end(step, logs)
            (validation: model.evaluate(...), logs prefixed "val_")
            callbacks.on_epoch_end(epoch, epoch_logs)
        callbacks.on_train_end()

What it owns: ``train_epoch``, ``test_epoch`` and ``predict_epoch`` (one pass
over the steps of an epoch), ``callback_list`` (the ``CallbackList`` each method
builds), ``no_epochs`` (``fit(epochs=0)``), ``NanWatch`` (the trace's mark on a
fit's first non-finite loss) and the stacking of ``predict``'s batches. What it
receives: the model, its ``DataHandler``, its ``CallbackList`` and the cached
step function, as explicit parameters. What it hands on: the epoch's logs or batches; the
run's state (step counters, the cached validation ``DataHandler``) stays with
the model, which sets it in its own methods; here only ``no_epochs`` resets the
public ``stop_training``. Trace events: each step is a
``step_scope``; the epoch scopes are opened by the ``Model`` methods.
Tracing off, each costs a check or two per epoch or step.
"""
import math

import numpy as np

from tracekeras import callbacks as callbacks_module
from tracekeras import tracing
from tracekeras.backend.sparse_tensor import SparseTensor, concat_rows
from tracekeras.engine.training_utils import python_logs
from tracekeras.utils import nest

EPOCHS = tracing.EPOCHS_NAME


def callback_list(model, callbacks, verbose, epochs, steps):
    """Keras's ``CallbackList`` for a run: the user's callbacks, History, ProgbarLogger.

    ``fit``, ``evaluate`` and ``predict`` all ask for a History, so after
    ``evaluate`` ``model.history`` is a new, empty one (as in Keras); the
    ProgbarLogger is added only when ``verbose`` is not 0.
    """
    if isinstance(callbacks, callbacks_module.CallbackList):
        return callbacks
    return callbacks_module.CallbackList(callbacks, add_history=True,
                                         add_progbar=verbose != 0, model=model, verbose=verbose,
                                         epochs=epochs, steps=steps)


def no_epochs(model, callbacks, verbose):
    """``epochs=0`` trains nothing and returns an empty History.

    tf_keras 2.21's DataHandler refuses epochs=0 ("Expected epochs to be
    positive"); older Keras, and tracekeras, treat it as a run of no epochs, so a
    script can switch training off without another code path.
    """
    callbacks = callback_list(model, callbacks, verbose, 0, None)
    model.stop_training = False
    callbacks.on_train_begin()
    callbacks.on_train_end()
    return model.history


class NanWatch:
    """Marks, in the trace, the first step of a fit whose loss is NaN or infinite."""

    def __init__(self):
        self.flagged = False

    def check(self, logs):
        loss = (logs or {}).get("loss")
        if loss is None or self.flagged:
            return
        value = getattr(loss, "value", loss)
        finite = math.isfinite(value) if type(value) in (float, np.float32, np.float64) \
            else np.isfinite(np.asarray(value)).all()
        if not finite:
            self.flagged = True
            tracing.flag_step(nan_loss=True)


def train_epoch(model, callbacks, data_handler, train_function, epoch, iterator, nan_watch,
                logs):
    """One epoch of ``fit``: reset the metrics, then one ``train_function`` call per step;
    the epoch's logs are the model's metric results. ``logs``: the last epoch's (Keras's
    ``fit`` keeps them from epoch to epoch, so only a first epoch that ran no step fails)."""
    model.reset_metrics()
    callbacks.on_epoch_begin(epoch)
    with data_handler.catch_stop_iteration():
        for step in data_handler.steps():
            with tracing.step_scope("train", epoch, step,
                                    last=is_last_step(data_handler, step)):
                callbacks.on_train_batch_begin(step)
                logs = train_function(iterator)
                if tracing.active():
                    nan_watch.check(logs)
                callbacks.on_train_batch_end(step + data_handler.step_increment, logs)
                if model.stop_training:
                    tracing.stop_requested()
                    break
    logs = python_logs(logs)
    if logs is None:
        raise ValueError("Unexpected result of `train_function` (Empty logs). This could be due "
                         "to issues in input pipeline that resulted in an empty dataset.")
    return model._validate_and_get_metrics_result(logs)


def test_epoch(model, callbacks, data_handler, test_function, iterator):
    """The one epoch of ``evaluate``: reset the metrics, one ``test_function`` call per step."""
    model.reset_metrics()
    logs = None
    with data_handler.catch_stop_iteration():
        for step in data_handler.steps():
            with tracing.step_scope("test", None, step, last=is_last_step(data_handler, step)):
                callbacks.on_test_batch_begin(step)
                logs = test_function(iterator)
                callbacks.on_test_batch_end(step + data_handler.step_increment, logs)
    return logs


def predict_epoch(callbacks, data_handler, predict_function, iterator, batches):
    """The one epoch of ``predict``: each step's outputs, as arrays, appended to ``batches``."""
    with data_handler.catch_stop_iteration():
        for step in data_handler.steps():
            with tracing.step_scope("predict", None, step,
                                    last=is_last_step(data_handler, step)):
                callbacks.on_predict_batch_begin(step)
                outputs = to_arrays(predict_function(iterator))
                batches.append(outputs)
                callbacks.on_predict_batch_end(step + data_handler.step_increment,
                                               {"outputs": outputs})


def is_last_step(data_handler, step):
    """Whether ``step`` is the epoch's last; None while the number of steps is unknown.

    Only the trace asks (``tracing.step_scope``): a folded step known not to be the
    last runs light.
    """
    steps = data_handler.inferred_steps
    if steps is None:
        return None
    return step + data_handler.step_increment + 1 >= steps


def to_arrays(outputs):
    if isinstance(outputs, dict):
        return {k: to_arrays(v) for k, v in outputs.items()}
    if isinstance(outputs, (list, tuple)):
        return type(outputs)(to_arrays(v) for v in outputs)
    if isinstance(outputs, SparseTensor):   # a sparse output stays sparse, as in Keras
        return outputs
    return np.asarray(getattr(outputs, "value", outputs))


def concat(batches):
    """One output's batches joined along the first axis (SparseTensors' rows too); one
    batch's output as it is."""
    if len(batches) == 1:
        return batches[0]
    if isinstance(batches[0], SparseTensor):
        return concat_rows(batches)
    return np.concatenate(batches)


def check_batches(batches):
    """``predict`` ran no step: Keras's error for an empty result."""
    if not batches:
        raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). Please "
                         "use `Model.compile(..., run_eagerly=True)`, or "
                         "`tf.config.run_functions_eagerly(True)` for more information of where "
                         "went wrong, or file a issue/bug to `tf.keras`.")


def stack_batches(batches):
    """``predict``'s result: each output of the batches concatenated along the first axis,
    in the structure of one batch's outputs (a subclassed call's tuple stays a tuple, a
    Functional model's list of a layer's tuples stays a list of tuples), as Keras's
    ``map_structure_up_to(batch_outputs, concat, outputs)``; one batch's output as it is
    (a scalar output, a model's ``K.mean``, has no axis to join, as in Keras's
    ``potentially_ragged_concat``)."""
    return nest.map_structure(lambda *leaves: concat(list(leaves)), *batches)
