"""The bodies of ``Model.fit``, ``Model.evaluate`` and ``Model.predict``.

Keras writes these loops inline in ``keras/engine/training.py``; they live here
so that ``training.py`` stays readable, and they read in the same order::

    data_handler = get_data_handler(...)       # picks one of eight adapters
    callbacks = CallbackList(..., add_history=True, add_progbar=verbose != 0)
    train_function = model.make_train_function()
    callbacks.on_train_begin()
    for epoch, iterator in data_handler.enumerate_epochs():
        model.reset_metrics(); callbacks.on_epoch_begin(epoch)
        for step in data_handler.steps():
            callbacks.on_train_batch_begin(step)
            logs = train_function(iterator)    # -> step_function -> train_step
            callbacks.on_train_batch_end(step, logs)
        (validation: model.evaluate(...), logs prefixed "val_")
        callbacks.on_epoch_end(epoch, epoch_logs)
    callbacks.on_train_end()

What it receives: the model and the arguments of the public method (its
``locals()``). What it hands on: ``model.history`` (fit), the results (evaluate),
the stacked predictions (predict). Trace events: each epoch pass is an
``epoch_scope`` named ``keras.engine.data_adapter.DataHandler.enumerate_epochs``
and each step a ``step_scope``; everything else is traced where it is defined.
Tracing off, each costs a check or two per epoch or step.
"""
import math

import numpy as np

from tracekeras import tracing
from tracekeras.backend import threads
from tracekeras.engine.training_utils import (DEFAULT_STRATEGY, flatten_metrics_in_order,
                                              get_verbosity, python_logs, should_eval)

EPOCHS = tracing.EPOCHS_NAME


def callback_list(model, callbacks, verbose, epochs, steps, add_history):
    from tracekeras import callbacks as callbacks_module
    if isinstance(callbacks, callbacks_module.CallbackList):
        return callbacks
    return callbacks_module.CallbackList(callbacks, add_history=add_history,
                                         add_progbar=verbose != 0, model=model, verbose=verbose,
                                         epochs=epochs, steps=steps)


def fit_loop(model, a):
    """The body of ``Model.fit`` (``a`` holds its arguments)."""
    from tracekeras.engine import data_adapter
    verbose = get_verbosity(a["verbose"])
    x, y, sample_weight = a["x"], a["y"], a["sample_weight"]
    validation_data = a["validation_data"]
    if a["validation_split"] and validation_data is None:
        (x, y, sample_weight), validation_data = data_adapter.train_validation_split(
            (x, y, sample_weight), validation_split=a["validation_split"])
    if validation_data:
        val_x, val_y, val_sw = data_adapter.unpack_x_y_sample_weight(validation_data)
    if a["epochs"] == 0:
        return no_epochs(model, a, verbose)
    with DEFAULT_STRATEGY.scope("fit"):
        data_handler = data_adapter.get_data_handler(
            x=x, y=y, sample_weight=sample_weight, batch_size=a["batch_size"],
            steps_per_epoch=a["steps_per_epoch"], initial_epoch=a["initial_epoch"],
            epochs=a["epochs"], shuffle=a["shuffle"], class_weight=a["class_weight"],
            max_queue_size=a["max_queue_size"], workers=a["workers"],
            use_multiprocessing=a["use_multiprocessing"], model=model,
            steps_per_execution=model._steps_per_execution)
        callbacks = callback_list(model, a["callbacks"], verbose, a["epochs"],
                                  data_handler.inferred_steps, add_history=True)
        model.stop_training = False
        model.nan_flagged = False
        train_function = model.make_train_function()
        model._train_counter = 0
        callbacks.on_train_begin()
        training_logs = None
        with threads.blas_threads_for(model, batch_size=a["batch_size"]):
            for epoch, iterator in data_handler.enumerate_epochs():
                with tracing.epoch_scope(EPOCHS, "fit", epoch):
                    logs = train_epoch(model, callbacks, data_handler, train_function, epoch,
                                       iterator)
                    epoch_logs = dict(logs)
                    if validation_data and should_eval(epoch, a["validation_freq"]):
                        if getattr(model, "_eval_data_handler", None) is None:
                            model._eval_data_handler = data_adapter.get_data_handler(
                                x=val_x, y=val_y, sample_weight=val_sw,
                                batch_size=a["validation_batch_size"] or a["batch_size"],
                                steps_per_epoch=a["validation_steps"], initial_epoch=0,
                                epochs=1, max_queue_size=a["max_queue_size"],
                                workers=a["workers"],
                                use_multiprocessing=a["use_multiprocessing"], model=model,
                                steps_per_execution=model._steps_per_execution)
                        val_logs = model.evaluate(
                            x=val_x, y=val_y, sample_weight=val_sw,
                            batch_size=a["validation_batch_size"] or a["batch_size"],
                            steps=a["validation_steps"], callbacks=callbacks,
                            max_queue_size=a["max_queue_size"], workers=a["workers"],
                            use_multiprocessing=a["use_multiprocessing"], return_dict=True,
                            _use_cached_eval_dataset=True)
                        epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
                    callbacks.on_epoch_end(epoch, epoch_logs)
                    training_logs = epoch_logs
                if model.stop_training:
                    break
        model._eval_data_handler = None
        model.optimizer.finalize_variable_values(model.trainable_variables)
        callbacks.on_train_end(logs=training_logs)
        return model.history


def no_epochs(model, a, verbose):
    """``epochs=0`` trains nothing and returns an empty History.

    tf_keras 2.21's DataHandler refuses epochs=0 ("Expected epochs to be
    positive"); older Keras, and tracekeras, treat it as a run of no epochs, so a
    script can switch training off without another code path.
    """
    callbacks = callback_list(model, a["callbacks"], verbose, 0, None, add_history=True)
    model.stop_training = False
    callbacks.on_train_begin()
    callbacks.on_train_end()
    return model.history


def train_epoch(model, callbacks, data_handler, train_function, epoch, iterator):
    """One epoch of ``fit``: reset the metrics, then one train_function call per step."""
    model.reset_metrics()
    callbacks.on_epoch_begin(epoch)
    logs = None
    with data_handler.catch_stop_iteration():
        for step in data_handler.steps():
            with tracing.step_scope("train", epoch, step,
                                    last=is_last_step(data_handler, step)):
                callbacks.on_train_batch_begin(step)
                logs = train_function(iterator)
                if tracing.active():
                    flag_first_nan(model, logs)
                callbacks.on_train_batch_end(step + data_handler.step_increment, logs)
                if model.stop_training:
                    tracing.stop_requested()
                    break
    logs = python_logs(logs)
    if logs is None:
        raise ValueError("Unexpected result of `train_function` (Empty logs). This could be due "
                         "to issues in input pipeline that resulted in an empty dataset.")
    return logs


def is_last_step(data_handler, step):
    """Whether ``step`` is the epoch's last; None while the number of steps is unknown.

    Only the trace asks (``tracing.step_scope``): a folded step known not to be the
    last runs light.
    """
    steps = data_handler.inferred_steps
    if steps is None:
        return None
    return step + data_handler.step_increment + 1 >= steps


def flag_first_nan(model, logs):
    """Mark, in the trace, the first step of a fit whose loss is NaN or infinite."""
    loss = (logs or {}).get("loss")
    if loss is None or getattr(model, "nan_flagged", False):
        return
    value = getattr(loss, "value", loss)
    finite = math.isfinite(value) if type(value) in (float, np.float32, np.float64) \
        else np.isfinite(np.asarray(value)).all()
    if not finite:
        model.nan_flagged = True
        tracing.flag_step(nan_loss=True)


def evaluate_loop(model, a):
    """The body of ``Model.evaluate``."""
    from tracekeras.engine import data_adapter
    verbose = get_verbosity(a["verbose"])
    cached = getattr(model, "_eval_data_handler", None)
    if a["kwargs"].get("_use_cached_eval_dataset") and cached is not None:
        data_handler = cached
    else:
        data_handler = data_adapter.get_data_handler(
            x=a["x"], y=a["y"], sample_weight=a["sample_weight"], batch_size=a["batch_size"],
            steps_per_epoch=a["steps"], initial_epoch=0, epochs=1,
            max_queue_size=a["max_queue_size"], workers=a["workers"],
            use_multiprocessing=a["use_multiprocessing"], model=model,
            steps_per_execution=model._steps_per_execution)
    callbacks = callback_list(model, a["callbacks"], verbose, 1, data_handler.inferred_steps,
                              add_history=False)
    test_function = model.make_test_function()
    model._test_counter = 0
    callbacks.on_test_begin()
    logs = None
    with threads.blas_threads_for(model, batch_size=a["batch_size"]):
        for _, iterator in data_handler.enumerate_epochs():
            with tracing.epoch_scope(EPOCHS, "evaluate"):
                model.reset_metrics()
                with data_handler.catch_stop_iteration():
                    for step in data_handler.steps():
                        with tracing.step_scope("test", None, step,
                                                last=is_last_step(data_handler, step)):
                            callbacks.on_test_batch_begin(step)
                            logs = test_function(iterator)
                            callbacks.on_test_batch_end(step + data_handler.step_increment, logs)
    logs = python_logs(logs) or {}
    callbacks.on_test_end(logs=logs)
    if a["return_dict"]:
        return logs
    return flatten_metrics_in_order(logs, model.metrics_names)


def predict_loop(model, a):
    """The body of ``Model.predict``: batches of outputs, stacked at the end."""
    from tracekeras.engine import data_adapter
    verbose = get_verbosity(a["verbose"])
    data_handler = data_adapter.get_data_handler(
        x=a["x"], batch_size=a["batch_size"], steps_per_epoch=a["steps"], initial_epoch=0,
        epochs=1, max_queue_size=a["max_queue_size"], workers=a["workers"],
        use_multiprocessing=a["use_multiprocessing"], model=model,
        steps_per_execution=model._steps_per_execution)
    callbacks = callback_list(model, a["callbacks"], verbose, 1, data_handler.inferred_steps,
                              add_history=False)
    predict_function = model.make_predict_function()
    model._predict_counter = 0
    callbacks.on_predict_begin()
    batches = []
    with threads.blas_threads_for(model, batch_size=a["batch_size"]):
        for _, iterator in data_handler.enumerate_epochs():
            with tracing.epoch_scope(EPOCHS, "predict"):
                with data_handler.catch_stop_iteration():
                    for step in data_handler.steps():
                        with tracing.step_scope("predict", None, step,
                                                last=is_last_step(data_handler, step)):
                            callbacks.on_predict_batch_begin(step)
                            outputs = to_arrays(predict_function(iterator))
                            batches.append(outputs)
                            callbacks.on_predict_batch_end(step + data_handler.step_increment,
                                                           {"outputs": outputs})
    if not batches:
        raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). Please "
                         "use `Model.compile(..., run_eagerly=True)`, or "
                         "`tf.config.run_functions_eagerly(True)` for more information of where "
                         "went wrong, or file a issue/bug to `tf.keras`.")
    callbacks.on_predict_end()
    return stack_batches(batches)


def to_arrays(outputs):
    if isinstance(outputs, dict):
        return {k: to_arrays(v) for k, v in outputs.items()}
    if isinstance(outputs, (list, tuple)):
        return [to_arrays(v) for v in outputs]
    return np.asarray(getattr(outputs, "value", outputs))


def stack_batches(batches):
    first = batches[0]
    if isinstance(first, dict):
        return {k: np.concatenate([b[k] for b in batches]) for k in first}
    if isinstance(first, list):
        return [np.concatenate([b[i] for b in batches]) for i in range(len(first))]
    return np.concatenate(batches)


__all__ = ["fit_loop", "evaluate_loop", "predict_loop", "flatten_metrics_in_order"]
