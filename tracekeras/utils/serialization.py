"""Turning a name or a config into an object: ``keras.saving.legacy.serialization``.

Keras resolves every string a user passes (``"rmsprop"``,
``"sparse_categorical_crossentropy"``, ``"relu"``, ``"glorot_uniform"``) through
``keras.saving.legacy.serialization.deserialize_keras_object``: the identifier
is looked up in the module's table of objects (and the user's custom objects),
a ``{"class_name": ..., "config": ...}`` dict is rebuilt with ``from_config``.
Both forms of a config are read: the legacy ``{"class_name", "config"}`` and
the new one that also names the ``module`` and ``registered_name`` (a function
as ``{"class_name": "function", "config": <its name>}``). This module is that
function, traced with the identifier and what it resolved to.
``serialize_keras_object`` here writes the legacy form, which tf_keras 2.21
keeps only for the layers of a legacy ``.h5`` model config: each module's
``serialize`` and ``keras.utils.serialize_keras_object`` write the new form
(``tracekeras.saving.serialization_lib``).
"""
from tracekeras import tracing

KERAS_NAME = "keras.saving.legacy.serialization.deserialize_keras_object"
STAGE_OF = {"optimizer": "optimizer", "loss function": "loss", "metric function": "metrics"}

CUSTOM_OBJECTS = {}


class custom_object_scope:  # noqa: N801 - the Keras name
    """Make user objects visible to ``deserialize_keras_object`` inside a ``with`` block."""

    def __init__(self, *scopes):
        self.scopes = scopes
        self.backup = None

    def __enter__(self):
        self.backup = dict(CUSTOM_OBJECTS)
        for scope in self.scopes:
            CUSTOM_OBJECTS.update(scope)
        return self

    def __exit__(self, *exc):
        CUSTOM_OBJECTS.clear()
        CUSTOM_OBJECTS.update(self.backup)
        return False


def unknown(printable_module_name, name):
    return ValueError(
        f"Unknown {printable_module_name}: {name!r}. Please ensure you are using a "
        "`keras.utils.custom_object_scope` and that this object is included in the scope. "
        "See https://www.tensorflow.org/guide/keras/save_and_serialize"
        "#registering_the_custom_object for details.")


def qualified(obj):
    module = getattr(obj, "__module__", "") or ""
    if module.startswith("tracekeras."):
        module = "keras." + module[len("tracekeras."):]
    return f"{module}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def deserialize_keras_object(identifier, module_objects=None, custom_objects=None,
                             printable_module_name="object"):
    """Resolve ``identifier`` (a name or a ``{"class_name", "config"}`` dict) to an object.

    A name found in the table returns the object itself (a function or a class);
    a dict returns ``cls.from_config(config)``.
    """
    shown = identifier.get("class_name") if isinstance(identifier, dict) else identifier
    with tracing.span(KERAS_NAME, STAGE_OF.get(printable_module_name, "layer"),
                      identifier=shown, kind=printable_module_name) as span:
        table = dict(module_objects or {})
        table.update(CUSTOM_OBJECTS)
        table.update(custom_objects or {})
        if isinstance(identifier, dict):
            if "class_name" not in identifier or "config" not in identifier:
                raise ValueError(f"Improper config format for {identifier}. "
                                 "Expecting python dict contains `class_name` and `config` as keys")
            if identifier["class_name"] == "function":   # the new form of a function
                # a function's config is its registered name (its name if not registered)
                obj = find(table, identifier["config"], identifier["config"])
                if obj is None:
                    raise unknown(printable_module_name, identifier["config"])
                span.note(resolved=qualified(obj))
                return obj
            cls = find(table, identifier["class_name"], identifier.get("registered_name"))
            if cls is None:
                raise unknown(printable_module_name, identifier["class_name"])
            obj = cls.from_config(dict(identifier["config"]))
            span.note(resolved=qualified(cls))
            return obj
        if isinstance(identifier, str):
            obj = table.get(identifier)
            if obj is None:
                raise unknown(printable_module_name, identifier)
            span.note(resolved=qualified(obj))
            return obj
        raise ValueError(f"Could not interpret serialized {printable_module_name}: {identifier!r}")


def find(table, name, registered_name):
    """``name`` in the table, else the user's object registered under ``registered_name`` (a
    config in the new form names a registered class by that name)."""
    found = table.get(name) if isinstance(name, str) else None
    if found is None and isinstance(registered_name, str) and registered_name != "function":
        from tracekeras.saving import object_registration  # it imports this module
        found = object_registration.get_registered_object(registered_name)
    return found


def serialize_keras_object(instance):
    """The legacy form, ``{"class_name", "config"}`` for classes with ``get_config``, a
    function's name. tf_keras 2.21 writes it only for the layers of a legacy ``.h5`` model
    config; everywhere else it writes the new form (``saving.serialization_lib``)."""
    if instance is None:
        return None
    if hasattr(instance, "get_config"):
        return {"class_name": type(instance).__name__, "config": instance.get_config()}
    if hasattr(instance, "__name__"):
        return instance.__name__
    raise ValueError(f"Cannot serialize {instance!r} since it doesn't implement `get_config()`.")
