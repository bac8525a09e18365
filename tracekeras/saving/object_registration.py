"""Names for user classes: ``keras.saving.register_keras_serializable`` and friends.

Owns: the global table of registered objects (``"package>Name"`` -> class or
function), ``get_registered_name``/``get_registered_object`` and
``get_custom_objects``. A config written by ``serialize_keras_object`` carries a
user class's registered name; ``deserialize_keras_object`` looks it up here,
then in the ``custom_objects`` passed to it and in the active
``custom_object_scope`` (``tracekeras.utils.serialization``, the scope the
name resolvers for strings already use). No trace events.
"""
import inspect

from tracekeras.utils.serialization import CUSTOM_OBJECTS, custom_object_scope

_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = {}


def register_keras_serializable(package="Custom", name=None):
    """Decorator: register a class or function under ``"<package>><name>"``.

    Refuses a class without ``get_config`` (Keras's rule: it could not be
    rebuilt). Registering a name again replaces the earlier object, as in Keras.
    """
    def decorator(arg):
        class_name = name if name is not None else arg.__name__
        registered_name = package + ">" + class_name
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        _GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg
    return decorator


def get_registered_name(obj):
    """The name ``obj`` was registered under, else its ``__name__``."""
    if obj in _GLOBAL_CUSTOM_NAMES:
        return _GLOBAL_CUSTOM_NAMES[obj]
    return obj.__name__


def get_registered_object(name, custom_objects=None, module_objects=None):
    """The object for ``name``: the active scope, then the registry, then the arguments."""
    if name in CUSTOM_OBJECTS:
        return CUSTOM_OBJECTS[name]
    if name in _GLOBAL_CUSTOM_OBJECTS:
        return _GLOBAL_CUSTOM_OBJECTS[name]
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None


def get_custom_objects():
    """The live table ``custom_object_scope`` fills (Keras's global custom objects)."""
    return CUSTOM_OBJECTS


CustomObjectScope = custom_object_scope

__all__ = ["CustomObjectScope", "custom_object_scope", "get_custom_objects",
           "get_registered_name", "get_registered_object", "register_keras_serializable"]
