"""The argument checks of ``fit``, ``evaluate`` and ``predict``, made before anything changes.

tf_keras 2.21 finds many mistakes only while it works: ``validation_data=5``
raises ``IndexError`` after the first epoch has trained (weights and the
optimizer's ``iterations`` changed), ``batch_size=2.5`` a ``TypeError`` from
deep inside a slicing op. tracekeras makes every such check here, at the top
of the call, so a mistake changes nothing. The exception TYPE is the one
tf_keras raises for the same mistake (``tests/reliability/data/
argument_errors.json``, written from tf_keras by ``make_fixtures.py`` there);
the message says what was expected and what was received, and keeps Keras's
wording where Keras words one on purpose (``Data cardinality is ambiguous``,
``Expected `validation_freq` to be a list or int``).

Where tracekeras is stricter than tf_keras (Keras runs on and does something
odd): ``validation_split`` outside ``[0, 1)`` and a negative
``validation_freq`` raise ``ValueError``.

Receives the arguments from ``Model`` (``training.py``); hands on nothing (it
raises or returns). No trace events: the caller's span records the error.
"""
import numbers
import types

import numpy as np

from tracekeras.engine.data_adapters.structure import (
    _check_data_cardinality,
    unpack_x_y_sample_weight,
)
from tracekeras.engine.input_spec import assert_input_compatibility
from tracekeras.engine.training_utils import describe_data
from tracekeras.utils import nest


def is_integer(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def check_count(name, value, minimum, allow_none):
    """An integer argument: the wrong type is a ``TypeError`` (as in tf_keras), too small a
    ``ValueError``."""
    if value is None and allow_none:
        return
    if not is_integer(value):
        expected = "an integer or None" if allow_none else "an integer"
        raise TypeError(f"`{name}` must be {expected}. Received: {name}={value!r} "
                        f"(of type {type(value).__name__}).")
    if value < minimum:
        kind = "a positive integer" if minimum > 0 else "a non-negative integer"
        raise ValueError(f"`{name}` must be {kind}{' or None' if allow_none else ''}. "
                         f"Received: {name}={value!r}")


def check_steps(name, value):
    """``steps_per_epoch``/``steps``/``validation_steps``: None or a number (tf_keras runs
    with a float too); anything else is a ``TypeError``, as tf_keras's comparison raises."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
        raise TypeError(f"`{name}` must be an integer or None. Received: {name}={value!r} "
                        f"(of type {type(value).__name__}).")


def validate_fit_arguments(model, x, y, batch_size=None, epochs=1, initial_epoch=0, steps=None,
                           needs_targets=True, custom_train_step=False, **validation):
    """The checks every ``fit``/``evaluate``/``predict`` call makes first.

    ``predict`` needs no targets; a model with its own ``train_step``
    (``custom_train_step``) may use no compiled loss. ``steps`` is ``fit``'s
    ``steps_per_epoch`` or the ``steps`` of ``evaluate``/``predict``; ``validation``
    holds ``fit``'s ``validation_*`` arguments (see ``check_validation``).
    """
    check_count("batch_size", batch_size, 1, allow_none=True)
    check_steps("steps_per_epoch" if validation else "steps", steps)
    check_count("epochs", epochs, 0, allow_none=False)
    check_count("initial_epoch", initial_epoch, 0, allow_none=False)
    if x is None:
        raise ValueError("Expected `x` to be data (arrays, a Dataset, a generator or a "
                         "keras.utils.Sequence). Received: x=None")
    if validation:
        check_validation(model, **validation)
    if needs_targets and model._is_compiled:
        check_targets(model, x, y, custom_train_step, validation.get("validation_data"))


def check_targets(model, x, y, custom_train_step, validation_data):
    """A compiled loss, and targets for it (in the training and the validation data)."""
    if model.compiled_metrics is not None:
        model.compiled_metrics.check_names()
    if custom_train_step:
        return
    if not compiled_loss_given(model):
        if model.losses or not model.built:
            return   # ``add_loss`` may be the loss: the first step finds out (as in Keras)
        raise ValueError("No loss found. You may have forgotten to provide a `loss` argument in "
                         "the `compile()` method.")
    if y is None and is_array_data(x):
        raise ValueError(f"Target data is missing. Your model was compiled with "
                         f"loss={model.loss}, and therefore expects target data to be provided "
                         "in `fit()`.")
    if validation_data is not None:
        val_x, val_y, _ = unpack_x_y_sample_weight(validation_data)
        if val_y is None and is_array_data(val_x):
            items = len(validation_data) if isinstance(validation_data, (tuple, list)) else 1
            raise ValueError(
                "Target data is missing in `validation_data`. Your model was compiled with "
                f"loss={model.loss}, and therefore expects `validation_data` to be "
                "`(x_val, y_val)` or `(x_val, y_val, val_sample_weight)`. Received "
                f"{items} item(s): {describe_data(validation_data)}.")


def check_validation(model, validation_data=None, validation_split=0.0, validation_freq=1,
                     validation_batch_size=None, validation_steps=None):
    """``fit``'s validation arguments, checked before the first epoch trains.

    tf_keras reads them only when it first validates, after an epoch of training.
    """
    if validation_data is None and validation_split is not None and not isinstance(
            validation_split, numbers.Real):
        raise TypeError("`validation_split` must be a float between 0 and 1. Received: "
                        f"validation_split={validation_split!r} (of type "
                        f"{type(validation_split).__name__}).")
    if validation_data is not None:
        check_validation_data(validation_data)
        check_validation_inputs(model, validation_data)
    if validation_data is None and not validation_split:
        return   # no validation: Keras never reads validation_freq nor validation_batch_size
    check_validation_freq(validation_freq)
    check_count("validation_batch_size", validation_batch_size, 1, allow_none=True)
    check_steps("validation_steps", validation_steps)


def check_validation_data(validation_data):
    """Arrays ``fit`` can slice into batches, all of one length."""
    parts = unpack_x_y_sample_weight(validation_data)
    for label, part in zip(("x", "y", "sample_weight"), parts):
        for item in nest.flatten(part):
            if is_scalar(item):
                # tf_keras: IndexError("tuple index out of range") when it takes the batch size
                raise IndexError(
                    "`validation_data` must be `(x_val, y_val)` or `(x_val, y_val, "
                    "val_sample_weight)` of arrays with a batch dimension, or a dataset. "
                    f"Received: validation_data={short_repr(validation_data)}, whose "
                    f"{label} is a scalar of type {type(item).__name__} (it has no batch "
                    "dimension: tuple index out of range).")
    given = parts[:2] if parts[2] is None else parts   # Keras prints no empty sample_weight
    flat = [item for item in nest.flatten(given) if item is not None]
    if flat and all(getattr(item, "ndim", 0) >= 1 for item in flat):
        _check_data_cardinality(given)


def check_validation_inputs(model, validation_data):
    """The validation inputs against a built model's input spec, the check ``evaluate`` makes
    when the model is called (tf_keras: after the first epoch; its message shows the batch
    axis as None, as traced, and a 1-D input as a column, as ``expand_1d`` makes it)."""
    val_x = unpack_x_y_sample_weight(validation_data)[0]
    spec = model.input_spec if getattr(model, "built", False) else None
    if not spec or not is_array_data(val_x):
        return
    def as_traced(array):
        return types.SimpleNamespace(shape=(None,) + (array.shape[1:] or (1,)), dtype=None)
    assert_input_compatibility(spec, nest.map_structure(as_traced, val_x), model.name)


def check_validation_freq(validation_freq):
    if isinstance(validation_freq, (list, tuple, set, range)):
        return
    if not is_integer(validation_freq):
        raise ValueError("Expected `validation_freq` to be a list or int. Received: "
                         f"validation_freq={validation_freq} of the type "
                         f"{type(validation_freq)}.")
    if validation_freq == 0:   # tf_keras: ZeroDivisionError("integer modulo by zero")
        raise ZeroDivisionError("`validation_freq` must be a positive integer (validate every "
                                "n epochs) or a collection of epochs; 0 divides by zero. "
                                "Received: validation_freq=0")
    if validation_freq < 0:
        raise ValueError("`validation_freq` must be a positive integer or a collection of "
                         f"epochs. Received: validation_freq={validation_freq!r}")


def is_scalar(item):
    return isinstance(item, (numbers.Number, str, bytes, np.generic)) or (
        isinstance(item, np.ndarray) and item.ndim == 0)


def short_repr(value, limit=60):
    text = repr(value) if is_scalar(value) else str(describe_data(value))
    return text if len(text) <= limit else text[:limit] + "..."


def compiled_loss_given(model):
    loss = model.compiled_loss._user_losses if model.compiled_loss is not None else None
    return loss not in (None, {}, [])


def is_array_data(x):
    if isinstance(x, np.ndarray):
        return True
    if isinstance(x, (list, tuple)) and x:
        return all(isinstance(v, np.ndarray) for v in x)
    if isinstance(x, dict) and x:
        return all(isinstance(v, np.ndarray) for v in x.values())
    return False


__all__ = ["check_count", "validate_fit_arguments"]
