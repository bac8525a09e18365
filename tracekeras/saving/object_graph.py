"""The object graph of a ``tf.train.Checkpoint``: which variables it saves, under which keys.

What it owns: the walk from a checkpoint's named objects to their variables, naming each by
its path as TensorFlow's object graph does (``tensorflow/python/checkpoint``): a keyword
(``model``, ``step``), a list position (``vs/0``), an optimizer's ``_iterations``,
``_learning_rate`` and ``_variables/<i>`` (its slots in creation order), a Sequential or
functional model's ``layer_with_weights-<i>``, a subclassed model's or layer's attribute
(``l1``, ``blocks/0``, ``cell``), a built-in layer's weight attribute (``kernel``,
``moving_mean``). Used by :mod:`tracekeras.saving.checkpoint`, which adds
``/.ATTRIBUTES/VARIABLE_VALUE`` to each path for its key. No trace events.
"""
from tracekeras.backend.tensor import Variable


def is_trackable(obj):
    """What a Checkpoint can hold: variables, layers, models, optimizers, checkpoints, and
    lists, tuples and dicts of them."""
    if isinstance(obj, (list, tuple)):
        return all(is_trackable(o) for o in obj)
    if isinstance(obj, dict):
        return all(is_trackable(o) for o in obj.values())
    return isinstance(obj, Variable) or is_checkpoint(obj) or is_layer(obj) or is_optimizer(obj)


def is_checkpoint(obj):
    """A ``tf.train.Checkpoint`` (its ``children`` are its named objects)."""
    return type(obj).__name__ == "Checkpoint" and callable(getattr(obj, "children", None))


def is_layer(obj):
    from tracekeras.engine.base_layer import Layer  # noqa: PLC0415 - the engine loads late
    return isinstance(obj, Layer)


def is_optimizer(obj):
    return hasattr(obj, "_variables") and hasattr(obj, "_iterations")


def is_graph_network(model):
    """Sequential and functional models name their layers ``layer_with_weights-<i>``."""
    from tracekeras.engine.functional import Functional  # noqa: PLC0415
    return isinstance(model, Functional)


def attribute_name(variable, layer):
    """A layer weight's attribute path: ``dense/kernel:0`` -> ``kernel`` (nested layers keep
    the path below the layer's own name)."""
    name = variable.name.split(":")[0]
    prefix = f"{getattr(layer, 'name', '')}/"
    return name[len(prefix):] if name.startswith(prefix) else name.split("/")[-1]


def children_of(obj):
    """The named dependencies of ``obj``, in TensorFlow's order and names: a checkpoint's
    keywords, a list's positions, an optimizer's iterations, learning rate and slots, a
    Sequential or functional model's layers with weights, a subclassed model's or layer's
    attributes that hold layers or variables, a built-in layer's weights."""
    if is_checkpoint(obj):
        return obj.children()
    if isinstance(obj, (list, tuple)):
        return {str(i): child for i, child in enumerate(obj)}
    if isinstance(obj, dict):
        return {str(key): child for key, child in obj.items()}
    if is_optimizer(obj):
        found = {"_iterations": obj._iterations}
        if isinstance(getattr(obj, "_learning_rate", None), Variable):
            found["_learning_rate"] = obj._learning_rate
        found.update((f"_variables/{i}", v) for i, v in enumerate(obj._variables)
                     if v is not obj._iterations)
        return found
    if is_layer(obj) and is_graph_network(obj):
        with_weights = [layer for layer in obj.layers if layer.weights]
        return {f"layer_with_weights-{i}": layer for i, layer in enumerate(with_weights)}
    tracked = {name: value for name, value in vars(obj).items()
               if not name.startswith("_") and value is not obj and is_tracked(value)}
    covered = {id(v) for child in tracked.values() for _, v in variables_of(child, "")}
    for w in getattr(obj, "weights", ()):   # weights kept under no public attribute
        if id(w) not in covered:
            tracked.setdefault(attribute_name(w, obj), w)
    return tracked


def is_tracked(value):
    """An attribute a layer tracks: a layer, a variable, or a non-empty list of them."""
    if isinstance(value, (list, tuple)):
        return bool(value) and all(is_tracked(v) for v in value)
    return isinstance(value, Variable) or is_layer(value)


def variables_of(obj, path):
    """``[(key path, variable)]`` for everything under ``obj``, TensorFlow's names."""
    if isinstance(obj, Variable):
        return [(path, obj)]
    return [found for name, child in children_of(obj).items()
            for found in variables_of(child, join(path, name))]


def join(path, name):
    return f"{path}/{name}" if path else name


def unbuilt_layers(obj, path):
    """``[(path, layer)]`` of the layers under ``obj`` not built yet (no weights to name)."""
    if is_layer(obj) and not obj.built:
        found = [(path, obj)]
    else:
        found = []
    if isinstance(obj, Variable):
        return found
    return found + [deeper for name, child in children_of(obj).items()
                    for deeper in unbuilt_layers(child, join(path, name))]
