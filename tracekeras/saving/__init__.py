"""tracekeras.saving: models and weights to files and back (``keras.saving``).

``saving_api`` picks the format from the path; ``saving_lib`` is the ``.keras``
archive and the ``.weights.h5`` file; ``hdf5_format`` Keras's legacy ``.h5``
weights; ``weights_format`` tracekeras's own weights file (where Keras would
write a TensorFlow checkpoint); ``file_checks`` what the loaders share so a bad
file changes nothing (``BadWeightsFile``, declared sizes and shapes checked
before reading, all-or-nothing assignment); ``serialization_lib`` objects to
configs and back; ``model_json`` ``to_json``/``model_from_json``; ``object_registration``
the names of user classes; ``cloning`` ``clone_model``. Submodules load on first
use (the engine imports this package lazily).
"""
import importlib

LOCATIONS = {
    "save_model": ("tracekeras.saving.saving_api", "save_model"),
    "load_model": ("tracekeras.saving.saving_api", "load_model"),
    "serialize_keras_object": ("tracekeras.saving.serialization_lib", "serialize_keras_object"),
    "deserialize_keras_object": ("tracekeras.saving.serialization_lib",
                                 "deserialize_keras_object"),
    "register_keras_serializable": ("tracekeras.saving.object_registration",
                                    "register_keras_serializable"),
    "get_registered_name": ("tracekeras.saving.object_registration", "get_registered_name"),
    "get_registered_object": ("tracekeras.saving.object_registration", "get_registered_object"),
    "get_custom_objects": ("tracekeras.saving.object_registration", "get_custom_objects"),
    "custom_object_scope": ("tracekeras.saving.object_registration", "custom_object_scope"),
    "CustomObjectScope": ("tracekeras.saving.object_registration", "CustomObjectScope"),
}


def __getattr__(name):
    if name in LOCATIONS:
        module, attr = LOCATIONS[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'tracekeras.saving' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(LOCATIONS))
