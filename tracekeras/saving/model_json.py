"""A model's architecture as JSON: ``Model.to_json`` and ``keras.models.model_from_json``.

Owns the JSON text: ``{"class_name", "config", "keras_version", "backend"}``
with the config ``serialization_lib`` writes in ``.keras`` files (layers with
their module and build config). Receives a model or that text; hands on the
text or a new, uncompiled model with fresh weights. No trace events of its own.
"""
import json

from tracekeras.saving import serialization_lib
from tracekeras.shim.namespaces import KERAS_VERSION


def model_to_json(model, **kwargs):
    """tf_keras's ``Model.to_json``: class name, config, ``keras_version`` and ``backend``."""
    entry = serialization_lib.serialize_keras_object(model)
    return json.dumps({"class_name": entry["class_name"], "config": entry["config"],
                       "keras_version": KERAS_VERSION, "backend": "tensorflow"}, **kwargs)


def model_from_json(json_string, custom_objects=None):
    """The (uncompiled, new-weights) model a ``to_json`` string describes."""
    config = json.loads(json_string)
    if not isinstance(config, dict) or "class_name" not in config or "config" not in config:
        raise ValueError("Expected a JSON object with `class_name` and `config` (the output of "
                         f"`model.to_json()`). Received: {json_string[:200]!r}")
    entry = {"class_name": config["class_name"], "config": config["config"]}
    return serialization_lib.deserialize_keras_object(entry, custom_objects)


__all__ = ["model_from_json", "model_to_json"]
