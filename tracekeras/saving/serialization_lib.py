"""Objects to JSON and back in the ``.keras`` format: ``keras.saving.serialization_lib``.

Owns: ``serialize_keras_object`` (an object -> ``{"module", "class_name",
"config", "registered_name"}`` plus ``build_config`` for a built layer and
``compile_config`` for a compiled model, as tf_keras 2.21 writes them in
``config.json``) and ``deserialize_keras_object`` (the inverse: find the class,
``from_config``, build, compile). Receives objects with ``get_config`` (layers,
models, initializers, regularizers, constraints, optimizers, schedules, losses, metrics) and
functions. This is the form tf_keras 2.21 writes everywhere: each module's
``serialize``, ``keras.utils.serialize_keras_object``, the nested objects of a
layer's ``get_config`` and the layers of a model's config all come through here.
Built-in classes are named by their public Keras module (``keras.layers``,
``keras.initializers``, ...); a ``Functional`` by tf_keras's own module path and
registered name; a user's class by its Python module and registered name
(``object_registration``); a function, a built-in one too, as
``{"module": "builtins", "class_name": "function", "config": <registered name>}``.
Configs in the legacy form (``{"class_name", "config"}``, old ``.h5`` files and
JSON) read back too.

Finding a class on load: the registered name (active ``custom_object_scope``,
the registry, ``custom_objects``), then the class name among the user's
objects, then tracekeras's built-ins. A ``lambda`` is never rebuilt.

Trace events (stage "layer"): ``keras.saving.serialization_lib.deserialize_keras_object``
for a whole model (the class it resolved to).
"""
import importlib

import numpy as np

from tracekeras import tracing
from tracekeras.saving import object_registration
from tracekeras.utils import serialization as legacy_serialization
from tracekeras.utils.serialization import CUSTOM_OBJECTS, custom_object_scope

PLAIN_TYPES = (str, int, float, bool)
FUNCTIONAL_MODULE = "tf_keras.src.engine.functional"
# public Keras module -> (tracekeras module, attribute holding its {name: object} table or None)
PUBLIC_MODULES = {
    "keras.layers": ("tracekeras.layers", None),
    "keras.initializers": ("tracekeras.initializers", None),
    "keras.optimizers": ("tracekeras.optimizers", "ALL_CLASSES"),
    "keras.optimizers.legacy": ("tracekeras.optimizers", "LEGACY_CLASSES"),
    "keras.losses": ("tracekeras.losses", "LOSSES"),
    "keras.metrics": ("tracekeras.metrics", "METRICS"),
    "keras.activations": ("tracekeras.activations", None),
    "keras.regularizers": ("tracekeras.regularizers", "ALL_OBJECTS"),
    "keras.constraints": ("tracekeras.constraints", "ALL_OBJECTS"),
    "keras.optimizers.schedules": ("tracekeras.optimizers.schedules", None),
}
# classes tf_keras keeps out of its public modules, named in a file by their tf_keras module
# (TFOpLambda, and FeatureSpace's features and crosses): name -> (that module, ours)
PRIVATE_CLASSES = {
    "TFOpLambda": ("tf_keras.src.layers.core.tf_op_layer", "tracekeras.layers.core.tf_op_layer"),
    "Feature": ("tf_keras.src.utils.feature_space", "tracekeras.utils.feature_space"),
    "Cross": ("tf_keras.src.utils.feature_space", "tracekeras.utils.feature_space"),
}
PRIVATE_LAYER_MODULES = {name: where[0] for name, where in PRIVATE_CLASSES.items()}
FUNCTION_MODULES = ("keras.activations", "keras.initializers", "keras.losses",
                    "keras.regularizers")


def public_table(public_module):
    module_name, table = PUBLIC_MODULES[public_module]
    module = importlib.import_module(module_name)
    if table is not None:
        objects = dict(getattr(module, table))
        return {**{v.__name__: v for v in objects.values() if isinstance(v, type)}, **objects}
    return {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}


def private_layer(name):
    """tracekeras's class of one tf_keras keeps out of its public modules (TFOpLambda,
    FeatureSpace's Feature and Cross)."""
    if name in PRIVATE_CLASSES:
        return getattr(importlib.import_module(PRIVATE_CLASSES[name][1]), name)
    return None


def model_classes():
    from tracekeras import models
    return {"Sequential": models.Sequential, "Functional": models.Functional,
            "Model": models.Model}


def public_module_of(cls):
    """``keras.layers`` for ``Dense``, ``keras`` for ``Sequential``; None for a user class."""
    if object_registration._GLOBAL_CUSTOM_NAMES.get(cls):
        return None
    if model_classes().get(cls.__name__) is cls and cls.__name__ != "Functional":
        return "keras"
    for public_module in PUBLIC_MODULES:
        table = public_table(public_module)
        if table.get(cls.__name__) is cls:
            return public_module
    return None


def class_entry(cls, config):
    """``{"module", "class_name", "config", "registered_name"}`` for an instance of ``cls``."""
    public = public_module_of(cls)
    if public is not None:
        return {"module": public, "class_name": cls.__name__, "config": config,
                "registered_name": None}
    if private_layer(cls.__name__) is cls:
        return {"module": PRIVATE_LAYER_MODULES[cls.__name__], "class_name": cls.__name__,
                "config": config, "registered_name": cls.__name__}
    if cls is model_classes()["Functional"]:
        return {"module": FUNCTIONAL_MODULE, "class_name": cls.__name__, "config": config,
                "registered_name": "Functional"}
    module = cls.__module__ if cls.__module__ != "__main__" else None
    return {"module": module, "class_name": cls.__name__, "config": config,
            "registered_name": object_registration.get_registered_name(cls)}


def get_build_config(layer):
    """tf_keras's ``Layer.get_build_config``: the input shape the layer was built with."""
    if not getattr(layer, "built", False) or type(layer).__name__ == "InputLayer":
        return None
    shape = getattr(layer, "_build_input_shape", None)
    if shape is None:
        return None
    if isinstance(shape, list) and len(shape) == 1:
        shape = shape[0]
    return {"input_shape": shape_to_list(shape)}


def shape_to_list(shape):
    if isinstance(shape, dict):
        return {k: shape_to_list(v) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
        return [shape_to_list(s) for s in shape]
    return None if shape is None else [None if d is None else int(d) for d in shape]


def serialize_keras_object(obj):
    """A JSON-ready description of ``obj``, as tf_keras's ``serialize_keras_object``."""
    if obj is None or isinstance(obj, PLAIN_TYPES):
        return obj
    if isinstance(obj, (list, tuple)):   # a tuple stays one, as in tf_keras (JSON makes lists)
        items = [serialize_keras_object(x) for x in obj]
        return tuple(items) if isinstance(obj, tuple) else items
    if isinstance(obj, dict):
        return {key: serialize_keras_object(v) for key, v in obj.items()}
    if isinstance(obj, np.ndarray) and obj.ndim > 0:
        return {"class_name": "__numpy__",
                "config": {"value": obj.tolist(), "dtype": obj.dtype.name}}
    if isinstance(obj, (np.generic, np.ndarray)):
        return obj.item()
    if isinstance(obj, (type(np.float32), np.dtype)):
        return np.dtype(obj).name
    if callable(obj) and getattr(obj, "__name__", None) == "<lambda>":
        raise ValueError("Cannot serialize a `lambda`: tracekeras never saves or rebuilds "
                         "code. Use a named function, registered with "
                         "`keras.saving.register_keras_serializable()`.")
    if not hasattr(obj, "get_config"):
        if callable(obj) and hasattr(obj, "__name__"):
            return function_entry(obj)
        raise TypeError(f"Cannot serialize object {obj} of type {type(obj)}. To be "
                        "serializable, a class must implement the `get_config()` method.")
    config = obj.get_config()
    if not isinstance(config, dict):
        raise TypeError(f"The `get_config()` method of {obj} should return a dict. "
                        f"It returned: {config}")
    entry = class_entry(type(obj), serialize_keras_object(user_functions(obj, config)))
    build_config = get_build_config(obj)
    if build_config is not None:
        entry["build_config"] = build_config
    compile_config = getattr(obj, "get_compile_config", lambda: None)()
    if compile_config is not None and getattr(obj, "_is_compiled", False):
        entry["compile_config"] = compile_config
    return entry


def user_functions(obj, config):
    """A config value that names a user's function held by ``obj`` (a custom activation)
    becomes that function's entry, with its registered name, as tf_keras writes it."""
    out = dict(config)
    for key, value in config.items():
        held = getattr(obj, key, None)
        if (isinstance(value, str) and callable(held) and not isinstance(held, type)
                and getattr(held, "__name__", None) == value
                and not getattr(held, "__module__", "").startswith("tracekeras.")
                and not hasattr(held, "get_config")):
            out[key] = function_entry(held)
    return out


def resolve_functions(inner, custom_objects):
    """The inverse: entries of functions in a layer config become the functions."""
    if not isinstance(inner, dict):
        return inner
    out = dict(inner)
    for key, value in inner.items():
        if isinstance(value, dict) and value.get("class_name") == "function":
            out[key] = deserialize_keras_object(value, custom_objects)
    if isinstance(inner.get("layers"), list):   # a model's layers are made by its from_config
        out["layers"] = [{**entry, "config": resolve_functions(entry["config"], custom_objects)}
                         if isinstance(entry, dict) and "config" in entry else entry
                         for entry in inner["layers"]]
    return out


def function_entry(fn):
    """A function as tf_keras 2.21 writes one, a built-in one (``relu``) too: its registered
    name (else its name) as the config, under module "builtins" and class "function"."""
    return {"module": "builtins", "class_name": "function",
            "config": object_registration.get_registered_name(fn), "registered_name": "function"}


def find_builtin(name, module):
    """tracekeras's object for ``name`` in the public Keras ``module`` (any module if None)."""
    if module in ("keras", "keras.models", FUNCTIONAL_MODULE, "keras.engine.functional",
                  "keras.src.engine.functional") or name in ("Functional", "Sequential"):
        found = model_classes().get(name)
        if found is not None:
            return found
    if module == PRIVATE_LAYER_MODULES.get(name) or module is None:
        found = private_layer(name)
        if found is not None:
            return found
    if module in PUBLIC_MODULES:
        modules = [module]
    elif module == "builtins":   # a built-in function: tf_keras looks in these modules first
        modules = [*FUNCTION_MODULES, *(m for m in PUBLIC_MODULES if m not in FUNCTION_MODULES)]
    else:
        modules = list(PUBLIC_MODULES)
    for public_module in modules:
        found = public_table(public_module).get(name)
        if found is not None:
            return found
    return None


def retrieve_class_or_fn(name, registered_name, module, custom_objects, full_config):
    for key in (registered_name, name):
        if key:
            found = object_registration.get_registered_object(key, custom_objects)
            if found is not None:
                return found
    found = find_builtin(name, module)
    if found is not None:
        return found
    kind = "function" if full_config.get("class_name") == "function" else "class"
    raise TypeError(f"Could not locate {kind} '{name}'. Make sure custom classes are "
                    "decorated with `@keras.saving.register_keras_serializable()`. "
                    f"Full object config: {full_config}")


def user_objects(custom_objects):
    """The user's objects by class name too, so nested legacy lookups find them."""
    objects = {}
    for registered, obj in object_registration._GLOBAL_CUSTOM_OBJECTS.items():
        objects[getattr(obj, "__name__", registered)] = obj
        objects[registered] = obj
    objects.update(CUSTOM_OBJECTS)
    objects.update(custom_objects or {})
    return objects


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """Rebuild what ``serialize_keras_object`` wrote (builds and compiles a model).

    ``module_objects`` and ``printable_module_name``, the arguments of the legacy
    function, look a name or a config up in the given table, as the legacy one does."""
    module_objects = kwargs.pop("module_objects", None)
    printable_module_name = kwargs.pop("printable_module_name", "object")
    if kwargs:
        raise ValueError(f"The following argument(s) are not supported: {list(kwargs.keys())}")
    if module_objects is not None:
        return legacy_serialization.deserialize_keras_object(
            config, module_objects=module_objects, custom_objects=custom_objects,
            printable_module_name=printable_module_name)
    if config is None or isinstance(config, PLAIN_TYPES):
        return config
    if isinstance(config, (list, tuple)):
        return [deserialize_keras_object(c, custom_objects, safe_mode) for c in config]
    if not isinstance(config, dict):
        raise TypeError(f"Could not parse config: {config}")
    if "class_name" not in config or "config" not in config:
        return {key: deserialize_keras_object(v, custom_objects, safe_mode)
                for key, v in config.items()}
    class_name, inner = config["class_name"], config["config"]
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner["dtype"])
    if class_name == "__lambda__":
        raise ValueError("Requested the deserialization of a `lambda` object. tracekeras never "
                         "runs code from a file, with or without `safe_mode`: rebuild the "
                         "model in Python and load its weights.")
    if class_name == "function":
        return retrieve_class_or_fn(inner, config.get("registered_name"), config.get("module"),
                                    custom_objects, config)
    cls = retrieve_class_or_fn(class_name, config.get("registered_name"), config.get("module"),
                               custom_objects, config)
    with tracing.span("keras.saving.serialization_lib.deserialize_keras_object", "layer",
                      class_name=class_name) as span:
        with custom_object_scope({**user_objects(custom_objects),
                                  **layer_classes(inner, custom_objects)}):
            obj = instantiate(cls, resolve_functions(inner, custom_objects), custom_objects,
                              config)
            build_from_config(obj, config.get("build_config"))
            if config.get("compile_config"):
                compile_from_config(obj, config["compile_config"], custom_objects)
        span.note(resolved=f"{cls.__module__}.{cls.__qualname__}")
    return obj


def layer_classes(inner, custom_objects):
    """The classes of a model config's layers, found now (a missing one is named here)."""
    found = {}
    entries = inner.get("layers", []) if isinstance(inner, dict) else []
    for entry in entries:
        if isinstance(entry, dict) and "class_name" in entry and "module" in entry:
            found[entry["class_name"]] = retrieve_class_or_fn(
                entry["class_name"], entry.get("registered_name"), entry.get("module"),
                custom_objects, entry)
    return found


def instantiate(cls, inner, custom_objects, full_config):
    if not hasattr(cls, "from_config"):
        raise TypeError(f"Unable to reconstruct an instance of '{full_config['class_name']}' "
                        "because the class is missing a `from_config()` method. "
                        f"Full object config: {full_config}")
    from tracekeras.models import Model
    if isinstance(cls, type) and issubclass(cls, Model):
        try:
            return cls.from_config(dict(inner), custom_objects=custom_objects)
        except TypeError as e:
            if "custom_objects" not in str(e):
                raise
    return cls.from_config(dict(inner))


def build_from_config(obj, build_config):
    """tf_keras's ``Layer.build_from_config``: build an unbuilt layer from its input shape."""
    if not build_config or getattr(obj, "built", True):
        return
    if hasattr(obj, "build_from_config"):
        obj.build_from_config(build_config)
        return
    shape = build_config.get("input_shape")
    if shape is None:
        return
    from tracekeras.models import Model
    if isinstance(obj, Model) and not getattr(obj, "_is_graph_network", False):
        # a subclassed model makes its layers' weights in call (tf_keras's Model.build
        # calls it on a placeholder): call it once on zeros of the built shape
        obj(np.zeros([1 if d is None else d for d in shape], dtype=obj.dtype or "float32"))
        return
    from tracekeras.engine import base_layer
    with base_layer.name_scope(obj.name):   # weights named "<layer>/kernel:0", as in a call
        obj.build(tuple_shape(shape))
    # as a first call's build does (Layer.build after the layer's own): built, and the shape
    # kept, so the layer's config still has its build_config when it is written again
    obj.built = True
    if getattr(obj, "_build_input_shape", None) is None:
        obj._build_input_shape = tuple_shape(shape)


def tuple_shape(shape):
    if isinstance(shape, list) and shape and isinstance(shape[0], list):
        return [tuple(s) for s in shape]
    return tuple(shape)


def compile_from_config(model, compile_config, custom_objects=None):
    """tf_keras's ``Model.compile_from_config``: compile, then create the optimizer's slots."""
    config = {key: deserialize_keras_object(value, custom_objects)
              for key, value in compile_config.items()}
    model.compile(**{k: v for k, v in config.items() if v is not None or k == "metrics"})
    build_optimizer(model)


def build_optimizer(model):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and getattr(model, "built", False) and hasattr(optimizer, "build"):
        optimizer.build(model.trainable_variables)





__all__ = ["deserialize_keras_object", "serialize_keras_object"]
