"""``keras.models.clone_model``: the same architecture, new layers, new weights.

Owns: cloning a Sequential (each layer through ``clone_function``, by default
``layer.__class__.from_config(layer.get_config())``) or a Functional model
(rebuilt from its config, so every layer is new and freshly initialised, as in
Keras). A subclassed model has no graph to copy: refused with Keras's message.
Receives a model; hands on a new, uncompiled model. Trace events: those of
the layers' construction and build.
"""
from tracekeras.engine.functional import Functional
from tracekeras.engine.sequential import Sequential


def clone_layer(layer):
    return layer.__class__.from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None):
    """A new model with the same layers' configs; weights are initialised anew."""
    if input_tensors is not None:
        raise NotImplementedError("clone_model(input_tensors=...) is not implemented in "
                                  "tracekeras: clone the model, then call it on the tensors.")
    clone_function = clone_function or clone_layer
    if isinstance(model, Sequential):
        layers = list(model._flatten_layers(include_self=False, recursive=False))
        cloned = [clone_layer(layer) if type(layer).__name__ == "InputLayer" else
                  clone_function(layer) for layer in layers]
        return Sequential(cloned, name=model.name)
    if isinstance(model, Functional):
        if clone_function is not clone_layer:
            raise NotImplementedError("clone_model(clone_function=...) of a functional model is "
                                      "not implemented in tracekeras; it works for Sequential.")
        return Functional.from_config(model.get_config())
    raise ValueError("Expected `model` argument to be a functional `Model` instance, but got a "
                     f"subclassed model instead: {model}")


__all__ = ["clone_model"]
