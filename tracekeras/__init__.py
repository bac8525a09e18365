"""tracekeras: the Keras 2 training engine on NumPy, with its execution traced.

Importing ``tracekeras`` loads nothing heavy: submodules (``layers``,
``models``, ``optimizers`` ...) load on first use, so that ``visualize`` can
import ``tracekeras.tracing`` without the engine or NumPy.
"""
import importlib
import os

__version__ = "0.1.0"

SUBMODULES = ("activations", "applications", "backend", "callbacks", "constraints", "data",
              "datasets", "engine",
              "initializers", "layers", "losses", "metrics", "mixed_precision", "models",
              "optimizers", "saving", "tracing", "utils", "compat")


def __getattr__(name):
    # on first use: importing tracekeras (or tracekeras.tracing) must not load the engine
    if name in SUBMODULES:
        return importlib.import_module(f"tracekeras.{name}")
    if name in ("trace", "load"):
        return getattr(importlib.import_module("tracekeras.tracing"), name)
    if name in ("Input", "Sequential", "Model"):
        module = "tracekeras.models" if name != "Input" else "tracekeras.layers"
        return getattr(importlib.import_module(module), name)
    raise AttributeError(f"module 'tracekeras' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(SUBMODULES)
                  + ["trace", "load", "Input", "Sequential", "Model"])


if os.environ.get("TRACEKERAS_TRACE"):  # TRACEKERAS_TRACE=path python script.py: trace this run
    from tracekeras.run import trace_from_environment  # only then: it loads the shim and renderers
    trace_from_environment()
