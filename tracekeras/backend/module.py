"""``tf.Module``: a named container whose variables and submodules are found by reflection.

What it teaches (TensorFlow's ``tensorflow/python/module/module.py``): a Module is an
ordinary Python object with a ``name`` (a Python identifier; by default its class name in
snake case) and a ``name_scope`` (``"outer/name/"``, the scopes open when it was made plus
its name). ``variables``, ``trainable_variables``, ``non_trainable_variables`` and
``submodules`` are not lists it keeps: each walks the object's attributes in sorted
name order, flattens every value (lists, tuples, dicts), keeps the leaves the question
asks for, each once, then does the same inside each submodule found, breadth first.
A Keras ``Layer`` is a ``tf.Module`` in TensorFlow; here ``isinstance(layer, tf.Module)``
answers True the same way, and a Layer met in the walk is walked like a Module.

``with module.name_scope:`` opens the module's scope (for the ops and ``K.name_scope``
names made inside); ``tf.Module.with_name_scope`` wraps a method in it.
"""
import functools
import re

from tracekeras.utils.nest import flatten

from .tensor import Variable

CAMEL_TO_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")
VALID_IDENTIFIER = re.compile(r"^[a-zA-Z_]([a-zA-Z0-9_])*$")


def camel_to_snake(value):
    """``MySequentialModule`` -> ``my_sequential_module``."""
    return CAMEL_TO_SNAKE.sub(r"_\1", value).lower()


class NameScope:
    """``tf.name_scope`` of a module: ``name`` is the whole scope (``"outer/simple/"``);
    entering it makes that the scope of the names made inside."""

    def __init__(self, name):
        self.name = name
        self.opened = []

    def __enter__(self):
        from tracekeras.backend.session_functions import name_scope
        scope = name_scope(self.name)
        self.opened.append(scope)
        return scope.__enter__()

    def __exit__(self, *exc):
        return self.opened.pop().__exit__(*exc)


def current_scope():
    """The name scopes open now, as ``"outer/inner/"`` (``""`` at the root)."""
    from tracekeras.engine.base_layer_utils import CALL_CONTEXT
    return "".join(part + "/" for part in CALL_CONTEXT.name_scope)


def is_keras_layer(obj):
    from tracekeras.engine.base_layer import Layer
    return isinstance(obj, Layer)


class ModuleType(type):
    """Makes ``isinstance(keras_layer, tf.Module)`` True, as a Keras Layer subclasses
    tf.Module in TensorFlow."""

    def __instancecheck__(cls, instance):
        return type.__instancecheck__(cls, instance) or (cls is Module
                                                         and is_keras_layer(instance))


class Module(metaclass=ModuleType):
    """``tf.Module``: a named container for variables, submodules and the functions that
    apply them."""

    _TF_MODULE_IGNORED_PROPERTIES = frozenset()

    def __init__(self, name=None):
        if name is None:
            name = camel_to_snake(type(self).__name__)
        elif not isinstance(name, str) or not VALID_IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a valid module name. Module names must be valid "
                             "Python identifiers (e.g. a valid class name).")
        self._name = name
        self._name_scope = NameScope(current_scope() + name + "/")

    @property
    def name(self):
        """The name given to (or made by) the constructor, without the enclosing scopes."""
        return self._name

    @property
    def name_scope(self):
        return self._name_scope

    @property
    def variables(self):
        """This module's variables (by attribute name), then its submodules', breadth first."""
        return tuple(self._flatten(predicate=lambda leaf: isinstance(leaf, Variable)))

    @property
    def trainable_variables(self):
        return tuple(self._flatten(
            predicate=lambda leaf: isinstance(leaf, Variable) and leaf.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(
            predicate=lambda leaf: isinstance(leaf, Variable) and not leaf.trainable))

    @property
    def submodules(self):
        """Every module reachable through attributes, nearest first."""
        return tuple(flatten_module(self, True, lambda leaf: isinstance(leaf, Module),
                                    seen={id(self)}))

    def _flatten(self, recursive=True, predicate=None):
        """The leaves of this module's attributes (in sorted name order) that ``predicate``
        accepts, each once, then those of each submodule met, in the order met."""
        return flatten_module(self, recursive, predicate or (lambda leaf: True),
                              seen={id(self)})

    @classmethod
    def with_name_scope(cls, method):
        """Decorator: ``method`` runs inside its module's ``name_scope``."""
        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return method_with_name_scope


def flatten_module(module, recursive, predicate, seen, stack=()):
    """TensorFlow's ``_flatten_module``: breadth first over submodules, a module already
    on the way down is not entered again."""
    if id(module) in stack:
        recursive = False
    ignored = getattr(module, "_TF_MODULE_IGNORED_PROPERTIES", frozenset())
    found = []
    attributes = vars(module)
    for key in sorted(attributes):
        if key in ignored:
            continue
        for leaf in flatten(attributes[key]):
            if id(leaf) in seen:
                continue
            seen.add(id(leaf))
            if predicate(leaf):
                yield leaf
            if recursive and isinstance(leaf, Module):
                found.append(leaf)
    for submodule in found:
        yield from flatten_module(submodule, recursive, predicate, seen,
                                  stack + (id(module),))
