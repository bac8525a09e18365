"""tracekeras.models: ``Sequential`` and ``Model``, as ``tensorflow.keras.models`` has them,
with ``load_model``/``save_model``, ``model_from_json`` and ``clone_model`` (from
``tracekeras.saving``, loaded on first use)."""
import importlib

from tracekeras.engine.functional import Functional
from tracekeras.engine.sequential import Sequential
from tracekeras.engine.training import Model

LOCATIONS = {
    "load_model": ("tracekeras.saving.saving_api", "load_model"),
    "save_model": ("tracekeras.saving.saving_api", "save_model"),
    "model_from_json": ("tracekeras.saving.model_json", "model_from_json"),
    "clone_model": ("tracekeras.saving.cloning", "clone_model"),
}


def __getattr__(name):
    if name in LOCATIONS:
        module, attr = LOCATIONS[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'tracekeras.models' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(LOCATIONS))


__all__ = ["Functional", "Model", "Sequential"]
