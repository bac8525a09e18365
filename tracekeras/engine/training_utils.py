"""Small helpers of ``Model.compile`` and ``Model.fit`` (Keras keeps them in
``keras.engine.training`` and ``keras.engine.training_utils``).

What it owns: the ``Config`` that holds compile arguments
(``keras.saving.serialization_lib.Config``), the argument checks
``compile`` makes before anything changes (``fit``'s: ``training_arguments``), and the conversion of
logs and outputs to Python numbers and NumPy arrays, and how a subclassed
model is built from a shape (``build_on_placeholders``). It receives arguments and
results from ``Model`` (``training.py``), never the model class itself, so it
imports nothing of ``training.py``. No trace events.
"""
import inspect
import logging

import numpy as np

from tracekeras import losses
from tracekeras.backend import Tensor, floatx
from tracekeras.utils import nest


class Config:
    """The compile arguments, kept so ``get_compile_config()`` can return them."""

    def __init__(self, **config):
        self.config = config

    def serialize(self):
        """Each argument as ``serialize_keras_object`` writes it (an optimizer or a metric
        object in the new form, a name as it is), as tf_keras 2.21's ``Config.serialize``."""
        from tracekeras.saving import serialization_lib  # it imports the engine
        return serialization_lib.serialize_keras_object(self.config)


def check_strategy_scopes(model, optimizer, metrics):
    """``_validate_compile``'s strategy checks (tf_keras 2.21): a model built in one
    strategy's scope (or none) cannot be compiled in another's, and a metric or an
    optimizer object must come from the model's strategy's scope."""
    from tracekeras.distribute import distribution_strategy_context as context  # cheap
    if model.built and context.has_strategy():
        strategy = context.get_strategy()
        for v in model.variables:
            if not strategy.extended.variable_created_in_scope(v):
                raise ValueError(
                    f"Variable ({v!s}) was not created in the distribution strategy scope of "
                    f"({strategy}). It is most likely because some layers, model, or "
                    "optimizer was being created outside the distribution strategy scope. "
                    "Try to make sure your code looks similar to the following.\n"
                    "with strategy.scope():\n  model=_create_model()\n  model.compile(...)")
    strategy = model.distribute_strategy
    for metric in nest.flatten(metrics):
        if not all(strategy.extended.variable_created_in_scope(v)
                   for v in getattr(metric, "variables", [])):
            raise ValueError(
                f"Metric ({metric}) passed to `model.compile` was created inside a different "
                "distribution strategy scope than the model. All metrics must be created in "
                f"the same distribution strategy scope as the model (in this case {strategy})."
                " If you pass in a string identifier for a metric to compile, the metric will "
                "automatically be created in the correct distribution strategy scope.")
    for opt in nest.flatten(optimizer):
        if not all(strategy.extended.variable_created_in_scope(v)
                   for v in getattr(opt, "_weights", None) or []):
            raise ValueError(
                f"Optimizer ({optimizer}) passed to `model.compile` was created inside a "
                "different distribution strategy scope than the model. All optimizers must "
                "be created in the same distribution strategy scope as the model (in this "
                f"case {strategy}). If you pass in a string identifier for an optimizer to "
                "compile, the optimizer will automatically be created in the correct "
                "distribution strategy scope.")


def check_loss_names(spec, kind="loss function"):
    """Reject an unknown loss name now (Keras only finds it on the first train step)."""
    for item in nest.flatten(spec):
        if isinstance(item, str) and not losses.is_known(item):
            raise ValueError(f"Unknown {kind}: {item!r}. Please ensure you are using a "
                             "`keras.utils.custom_object_scope` and that this object is "
                             "included in the scope. See https://www.tensorflow.org/guide/"
                             "keras/save_and_serialize#registering_the_custom_object for "
                             "details.")


def check_steps_per_execution(steps):
    """``compile``'s ``steps_per_execution``: None means 1, else a positive integer."""
    if steps is None:
        return 1
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"`steps_per_execution` must be a positive integer. Received: {steps}")
    return int(steps)


def get_verbosity(verbose):
    """Keras's ``_get_verbosity``: "auto" means 1 (a progress bar)."""
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2):
        raise ValueError(f"`verbose` must be 0, 1, 2 or 'auto'. Received: verbose={verbose!r}")
    return verbose


def describe_data(x, depth=0):
    """Shapes and dtypes of the data a user passed, for the trace (no statistics: cheap)."""
    if x is None:
        return None
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return {"shape": [int(d) for d in x.shape],
                "dtype": getattr(x.dtype, "name", None) or str(x.dtype)}
    if depth < 2 and isinstance(x, dict):
        return {str(k): describe_data(v, depth + 1) for k, v in x.items()}
    if depth < 2 and isinstance(x, (list, tuple)) and x and not np.isscalar(x[0]):
        return [describe_data(v, depth + 1) for v in x[:8]]
    if isinstance(x, (list, tuple)):
        return {"type": type(x).__name__, "len": len(x)}
    return {"type": type(x).__name__}


def to_python(value):
    value = getattr(value, "value", value)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value
    return value


def python_logs(logs):
    """Keras's ``sync_to_numpy_or_python_type``: metric results as Python numbers."""
    if logs is None:
        return None
    out = {}
    for key, value in logs.items():
        if isinstance(value, dict):
            out.update(python_logs(value))
        else:
            out[key] = to_python(value)
    return out


def flatten_metrics_in_order(logs, metrics_names):
    """``evaluate``'s list result, in ``metrics_names`` order; a single value alone."""
    results = [logs[name] for name in metrics_names if name in logs]
    results += [logs[key] for key in sorted(logs) if key not in metrics_names]
    return results[0] if len(results) == 1 else results


def should_eval(epoch, validation_freq):
    epoch = epoch + 1
    if isinstance(validation_freq, (int, np.integer)):
        return epoch % validation_freq == 0
    if isinstance(validation_freq, (list, tuple, set, range)):
        return epoch in validation_freq
    raise ValueError("Expected `validation_freq` to be a list or int. "
                     f"Received: validation_freq={validation_freq} of the type "
                     f"{type(validation_freq)}.")


def is_functional_init(args, kwargs):
    """Whether ``Model(...)`` was given a graph (inputs and outputs): then it is a Functional."""
    return (len(args) == 2 or (len(args) == 1 and "outputs" in kwargs)
            or ("inputs" in kwargs and "outputs" in kwargs))


def to_numpy(outputs):
    """``predict_on_batch``'s result: every output as a NumPy array, in the same structure."""
    if isinstance(outputs, dict):
        return {k: to_numpy(v) for k, v in outputs.items()}
    if isinstance(outputs, (list, tuple)):
        return type(outputs)(to_numpy(v) for v in outputs)
    return np.asarray(getattr(outputs, "value", outputs))


def build_on_placeholders(model, input_shape):
    """``Model.build`` for a subclass: run ``call`` once on placeholders of ``input_shape``.

    Keras runs it in a scratch graph (``FuncGraph("build_graph")``), so the layers
    inside build their weights and nothing else stays behind; here the
    placeholders are zeros (an unknown dimension is 1) and the call runs with
    no tape recording and no enclosing name scope, for the same effect.
    """
    if input_shape is None:
        raise ValueError("Input shape must be defined when calling `build()` on a `Model` "
                         "subclass.")
    if not isinstance(input_shape, (tuple, list, dict)):
        raise ValueError("Specified input shape is not one of the valid types. Please specify "
                         "a batch input shape of type tuple or list of input shapes. User "
                         f"provided input type: {type(input_shape)}.")
    if not input_shape or getattr(model, "inputs", None):
        return
    if isinstance(input_shape, list) and all(d is None or isinstance(d, int)
                                             for d in input_shape):
        input_shape = tuple(input_shape)
    kwargs = call_kwargs_for_build(model)
    if isinstance(input_shape, dict):
        x = {key: placeholder(shape) for key, shape in input_shape.items()}
    elif isinstance(input_shape, list):
        x = [placeholder(shape) for shape in input_shape]
    else:
        x = placeholder(input_shape)
    try:
        model.call(x, **kwargs)
    except TypeError as e:
        raise ValueError("You cannot build your model by calling `build` if your layers do "
                         "not support float type inputs. Instead, in order to instantiate and "
                         "build your model, call your model on real tensor data (of the "
                         f"correct dtype).\n\nThe actual error from `call` is: {e}.") from None


def placeholder(shape):
    return Tensor(np.zeros(tuple(1 if d is None else int(d) for d in shape), dtype=floatx()))


def call_kwargs_for_build(model):
    """``training=False`` where ``call`` requires it; any other required argument is an error."""
    params = list(inspect.signature(model.call).parameters.values())
    if not params:
        raise ValueError("You can only call `build()` on a model if its `call()` method accepts "
                         "an `inputs` argument.")
    kwargs = {}
    for param in params[1:]:
        if param.default is not inspect.Parameter.empty or param.kind in (
                param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.name != "training":
            raise ValueError("Currently, you cannot build your model if it has positional or "
                             "keyword arguments that are not inputs to the model, but are "
                             "required for its `call()` method. Instead, in order to "
                             "instantiate and build your model, `call()` your model on real "
                             "tensor data with all expected call arguments. The argument for "
                             "`call()` can be a single list/tuple that contains multiple "
                             "inputs.")
        kwargs["training"] = False
    return kwargs


def check_sample_weight_warning(model, x, sample_weight):
    """Keras's ``_check_sample_weight_warning``: sample weights given to ``evaluate`` (or as
    the third element of a Dataset's elements), but ``compile`` had no ``weighted_metrics``:
    the weights reach the loss, not the metrics, and Keras says so on the ``tensorflow``
    logger."""
    from tracekeras.data import Dataset
    present = sample_weight is not None or (
        isinstance(x, Dataset) and isinstance(x.element_spec, tuple)
        and len(x.element_spec) == 3)
    if present and model.compiled_metrics._user_weighted_metrics is None:
        logging.getLogger("tensorflow").warning(
            "`evaluate()` received a value for `sample_weight`, but `weighted_metrics` were "
            "not provided.  Did you mean to pass metrics to `weighted_metrics` in "
            "`compile()`?  If this is intentional you can pass `weighted_metrics=[]` to "
            "`compile()` in order to silence this warning.")
