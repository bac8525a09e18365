"""``keras.optimizers``: finding an optimizer by name, config or instance.

What it owns: ``get`` (what ``Model.compile`` calls through ``_get_optimizer``),
``serialize``/``deserialize`` and the table of built-in optimizers Keras 2.11+
uses (case-insensitive names; the "experimental*" names and the
loss-scale-optimizer names included).
What it receives: an identifier — a string ("rmsprop"), a config dict
``{"class_name": ..., "config": {...}}`` or an ``Optimizer`` instance.
What it hands on: an ``Optimizer`` instance; a string becomes the dict
``{"class_name": name, "config": {}}`` and goes through
``keras.saving.legacy.serialization.deserialize_keras_object``
(``tracekeras.utils.serialization``), which raises Keras's ``Unknown optimizer``.
Trace events (stage compile): ``keras.optimizers.get`` (identifier),
``keras.optimizers.deserialize`` (config), then the deserialize_keras_object span.
A request for a legacy optimizer (``use_legacy_optimizer=True`` or a config without
``is_legacy_optimizer``) gets the class of ``keras.optimizers.legacy`` (``legacy/``) where
tracekeras has it (SGD, Adam, RMSprop, Adagrad); for the others it gets the v2.11+ class,
and the trace notes it.
"""
from tracekeras import tracing
from tracekeras.utils import serialization

from . import legacy, schedules
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .ftrl import Ftrl
from .loss_scale_optimizer import LossScaleOptimizer, LossScaleOptimizerV3
from .nadam import Nadam
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

ALL_CLASSES = {
    "adadelta": Adadelta, "adagrad": Adagrad, "adam": Adam, "adamw": AdamW, "adamax": Adamax,
    "experimentaladadelta": Adadelta, "experimentaladagrad": Adagrad,
    "experimentaladam": Adam, "experimentalsgd": SGD, "nadam": Nadam, "rmsprop": RMSprop,
    "sgd": SGD, "ftrl": Ftrl, "lossscaleoptimizer": LossScaleOptimizerV3,
    "lossscaleoptimizerv3": LossScaleOptimizerV3,
    # Keras turns the removed LossScaleOptimizerV1 into a LossScaleOptimizer.
    "lossscaleoptimizerv1": LossScaleOptimizer,
}

LEGACY_CLASSES = {"adagrad": legacy.Adagrad, "adam": legacy.Adam, "rmsprop": legacy.RMSprop,
                  "sgd": legacy.SGD}
OPTIMIZER_TYPES = (Optimizer, legacy.Optimizer)


def shown(identifier):
    """What the trace records of an identifier: the name, or the dict's class_name."""
    if isinstance(identifier, str):
        return identifier
    if isinstance(identifier, dict):
        return identifier.get("class_name")
    if isinstance(identifier, OPTIMIZER_TYPES):
        return type(identifier).__name__
    return repr(identifier)


def serialize(optimizer):
    """Keras 2.11+'s format: ``{"module", "class_name", "config", "registered_name"}``.

    A built-in optimizer has module "keras.optimizers" and no registered name; a
    user's class has no module and its class name as registered name.
    """
    if optimizer is None:
        return None
    cls = type(optimizer)
    if cls is LossScaleOptimizerV3:
        module, registered = "keras.mixed_precision.loss_scale_optimizer", cls.__name__
    elif cls in set(ALL_CLASSES.values()):
        module, registered = "keras.optimizers", None
    elif cls in set(LEGACY_CLASSES.values()):
        module, registered = "keras.optimizers.legacy", None
    else:
        module, registered = None, cls.__name__
    return {"module": module, "class_name": cls.__name__, "config": optimizer.get_config(),
            "registered_name": registered}


@tracing.traced("compile", args=lambda config, *a, **k: {"config": shown(config)})
def deserialize(config, custom_objects=None, **kwargs):
    """An optimizer instance from ``{"class_name": ..., "config": {...}}`` (names ignore case)."""
    use_legacy_optimizer = kwargs.pop("use_legacy_optimizer", False)
    kwargs.pop("use_legacy_format", None)
    if kwargs:
        raise TypeError(f"Invalid keyword arguments: {kwargs}")
    if not isinstance(config, dict):
        raise ValueError(f"Could not interpret optimizer identifier: {config}")
    config = dict(config)
    if config.get("config"):
        use_legacy_optimizer = config["config"].get("is_legacy_optimizer", True)
    name = config.get("class_name")
    module_objects = ALL_CLASSES
    if use_legacy_optimizer:
        if isinstance(name, str) and name.lower() in LEGACY_CLASSES:
            module_objects = LEGACY_CLASSES
            tracing.note(legacy_requested=True, decision="keras.optimizers.legacy")
        else:
            tracing.note(legacy_requested=True,
                         decision="tracekeras has no legacy class of this optimizer; using "
                                  "the v2.11+ one")
    if isinstance(name, str) and name.lower() in module_objects:
        config["class_name"] = name.lower()
    return serialization.deserialize_keras_object(
        config, module_objects=module_objects, custom_objects=custom_objects,
        printable_module_name="optimizer")


@tracing.traced("compile",
                args=lambda identifier, **k: {"identifier": shown(identifier)},
                result=lambda ret: {"resolved": serialization.qualified(type(ret))})
def get(identifier, **kwargs):
    """An Optimizer for ``identifier``: an instance (returned as is), a dict, or a name."""
    use_legacy_optimizer = kwargs.pop("use_legacy_optimizer", False)
    if kwargs:
        raise TypeError(f"Invalid keyword arguments: {kwargs}")
    if isinstance(identifier, OPTIMIZER_TYPES):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier, use_legacy_optimizer=use_legacy_optimizer)
    if isinstance(identifier, str):   # as in Keras: the name becomes a config, handed to get
        return get({"class_name": str(identifier), "config": {}},
                   use_legacy_optimizer=use_legacy_optimizer)
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")


__all__ = ["Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "Ftrl", "LossScaleOptimizer",
           "LossScaleOptimizerV3", "Nadam", "Optimizer", "RMSprop", "SGD", "deserialize", "get",
           "legacy", "schedules", "serialize"]
