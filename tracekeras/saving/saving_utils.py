"""The compile settings of a legacy whole-model ``.h5`` file: ``keras.saving.legacy.saving_utils``.

Owns: ``training_config`` (what ``model_metadata`` puts under the file's
``training_config`` attribute: the model's loss, its built metric objects, its
weighted metrics, loss weights and ``optimizer_config``, each callable in the legacy
``{"class_name", "config"}`` form or by its name) and
``compile_args_from_training_config`` (the keyword arguments of the ``compile``
that ``load_model`` runs on such a file), and ``try_build_compiled_arguments``, run
before the save and after that compile. tf_keras 2.21 writes the metrics that
compile built (``_get_compile_args(user_metrics=False)``): ``"mae"`` is saved as
the ``MeanMetricWrapper`` it became, and a list given for one output as one list per
output; a metric never built is saved as the user gave it. A built-in optimizer is
named ``"Custom>SGD"``, the name its registration gives it in tf_keras.

Trace events: none of its own (``saving_api`` traces the save and the load).
"""
import logging

from tracekeras import losses, metrics, optimizers
from tracekeras.utils import nest
from tracekeras.utils import serialization as legacy_serialization

# compile resolves these names itself (tf_keras's ``_deserialize_metric`` keeps them)
COMPILE_RESOLVED_METRICS = ("accuracy", "acc", "crossentropy", "ce")
logger = logging.getLogger("tracekeras")


def serialize_legacy(obj):
    """tf_keras's legacy ``serialize_keras_object``: ``{"class_name", "config"}`` whose config
    values are serialised in turn (a function by its name, an object by its config marked
    ``__passive_serialization__``), or a function's name."""
    entry = legacy_serialization.serialize_keras_object(obj)
    if not isinstance(entry, dict):
        return entry
    config = {}
    for key, item in entry["config"].items():
        if item is not None and (callable(item) or hasattr(item, "get_config")):
            item = serialize_legacy(item)
            if isinstance(item, dict):
                item["__passive_serialization__"] = True
        config[key] = item
    return {"class_name": entry["class_name"], "config": config}


def serialize_nested_config(config):
    """Every callable of ``config`` in the legacy form; other values as they are."""
    return nest.map_structure(lambda obj: serialize_legacy(obj) if callable(obj) else obj,
                              config)


def deserialize_nested_config(deserialize_fn, config):
    """Rebuild what ``serialize_nested_config`` wrote: a name or a ``{"class_name", ...}``
    entry is one object; other dicts and lists are walked."""
    if config is None:
        return None
    if isinstance(config, str) or (isinstance(config, dict) and "class_name" in config):
        return deserialize_fn(config)
    if isinstance(config, dict):
        return {key: deserialize_nested_config(deserialize_fn, value)
                for key, value in config.items()}
    if isinstance(config, (tuple, list)):
        return [deserialize_nested_config(deserialize_fn, value) for value in config]
    raise ValueError("Saved configuration not understood. Configuration should be a "
                     f"dictionary, string, tuple or list. Received: config={config}.")


def try_build_compiled_arguments(model):
    """tf_keras builds a compiled model's loss and metrics containers on its symbolic outputs
    (the outputs standing for the targets too) before it saves and after it loads a legacy
    file; a model without outputs, or one they cannot be built on, is left to its first
    step, with tf_keras's warning."""
    if getattr(model, "outputs", None) is None:
        return
    try:
        if not model.compiled_loss.built:
            model.compiled_loss.build(model.outputs)
        if not model.compiled_metrics.built:
            model.compiled_metrics.build(model.outputs, model.outputs)
    except Exception:   # as tf_keras: any failure leaves the containers to the first step
        logger.warning("Compiled the loaded model, but the compiled metrics have yet to be "
                       "built. `model.compile_metrics` will be empty until you train or "
                       "evaluate the model.")


def compile_args(model):
    """tf_keras's ``Model._get_compile_args(user_metrics=False)`` without the optimizer."""
    compiled_metrics = model.compiled_metrics
    saved_metrics = compiled_metrics._user_metrics
    saved_weighted_metrics = compiled_metrics._user_weighted_metrics
    if compiled_metrics.built:
        if saved_metrics is not None:
            saved_metrics = compiled_metrics._metrics
        if saved_weighted_metrics is not None:
            saved_weighted_metrics = compiled_metrics._weighted_metrics
    return {"loss": model.compiled_loss._user_losses, "metrics": saved_metrics,
            "weighted_metrics": saved_weighted_metrics,
            "loss_weights": model._compile_config.config.get("loss_weights")}


def training_config(model):
    """The ``training_config`` of ``model``'s legacy ``.h5`` file (JSON-safe)."""
    config = serialize_nested_config(compile_args(model))
    optimizer = model.optimizer
    registered = (f"Custom>{type(optimizer).__name__}"
                  if type(optimizer) in set(optimizers.ALL_CLASSES.values())
                  else type(optimizer).__name__)
    config["optimizer_config"] = {"class_name": registered, "config": optimizer.get_config()}
    return config


def deserialize_metric(config, custom_objects=None):
    if config in COMPILE_RESOLVED_METRICS:
        return config
    return metrics.deserialize(config, custom_objects=custom_objects)


def deserialize_optimizer(config, custom_objects=None):
    """The optimizer of ``optimizer_config``; ``"Custom>SGD"`` names the built-in SGD."""
    name = config.get("class_name")
    if (isinstance(name, str) and name.startswith("Custom>")
            and name[len("Custom>"):].lower() in optimizers.ALL_CLASSES
            and name not in (custom_objects or {})):
        config = {**config, "class_name": name[len("Custom>"):]}
    return optimizers.deserialize(config, custom_objects=custom_objects)


def compile_args_from_training_config(training_config, custom_objects=None):
    """The keyword arguments of ``compile`` for a file's ``training_config``."""
    if not isinstance(training_config, dict) or "optimizer_config" not in training_config:
        raise ValueError("The file's `training_config` should be a dict with an "
                         f"`optimizer_config` entry. Received: {training_config!r}")
    return {
        "optimizer": deserialize_optimizer(training_config["optimizer_config"],
                                           custom_objects),
        "loss": deserialize_nested_config(
            lambda c: losses.deserialize(c, custom_objects), training_config.get("loss")),
        "metrics": deserialize_nested_config(
            lambda c: deserialize_metric(c, custom_objects), training_config.get("metrics")),
        "weighted_metrics": deserialize_nested_config(
            lambda c: deserialize_metric(c, custom_objects),
            training_config.get("weighted_metrics")),
        "loss_weights": training_config.get("loss_weights"),
    }


__all__ = ["compile_args_from_training_config", "training_config",
           "try_build_compiled_arguments"]
