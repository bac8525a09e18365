"""``keras.layers.serialize`` and ``keras.layers.deserialize``: a layer to its config and back.

``serialize`` writes the new form (``{"module": "keras.layers", "class_name", "config",
"registered_name"}``, with ``build_config`` for a built layer), as tf_keras 2.21 does;
``deserialize`` reads it (building the layer from its ``build_config``) and the legacy
``{"class_name", "config"}`` form, which it looks up among the layer classes. No trace
events of its own (``deserialize_keras_object`` has its span).
"""


def serialize(layer):
    from tracekeras.saving import serialization_lib  # it imports the engine
    return serialization_lib.serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    from tracekeras import layers
    from tracekeras.saving import serialization_lib
    from tracekeras.utils.serialization import deserialize_keras_object
    if isinstance(config, dict) and "module" in config:
        return serialization_lib.deserialize_keras_object(config, custom_objects)
    table = {name: getattr(layers, name) for name in layers.__all__}
    return deserialize_keras_object(config, module_objects=table, custom_objects=custom_objects,
                                    printable_module_name="layer")
