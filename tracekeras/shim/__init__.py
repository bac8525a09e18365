"""The import shim of ``tracekeras run``: ``tensorflow``, ``keras`` and ``tf_keras`` -> tracekeras.

What it owns: a ``sys.meta_path`` finder (:class:`KerasShimFinder`) and the
module objects it creates (:class:`ShimModule`), installed only inside
:func:`activated` and removed after, so that an ordinary Keras script runs
unchanged on tracekeras::

    import tensorflow as tf                 # tf.keras is tracekeras's Keras
    from tensorflow.keras import layers     # tracekeras.layers
    from keras.models import Sequential     # tracekeras.models.Sequential
    from keras.datasets import mnist        # tracekeras.datasets.mnist (reads the Keras cache)

What it receives: import statements and attribute look-ups on those names.
What it hands on: tracekeras objects (the very same objects, not copies), or,
for an API tracekeras does not implement, an error that names it, the line of
the script that asked for it, and what is implemented instead::

    ImportError: tracekeras does not implement keras.layers.Conv2D (used by
    script.py line 12); implemented layers: Activation, Add, Concatenate, Dense, ...

``from X import name`` and ``import X.name`` raise :class:`NotImplementedByTracekeras`
(an ImportError); an attribute look-up (``tf.keras.layers.Conv2D``) raises
:class:`AttributeNotImplementedByTracekeras` (an AttributeError, so
``hasattr`` answers False). The shim modules are packages (empty
``__path__``) so that ``from X import name`` asks this finder for ``X.name``
and the message is not replaced by Python's generic "cannot import name".

What the namespaces contain: :mod:`tracekeras.shim.namespaces`. Leaving
:func:`activated` removes the finder and every ``tensorflow``/``keras``/
``tf_keras`` module made during the run, and puts back any that were there
before. No trace events.
"""
import contextlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types

from .errors import (
    AttributeNotImplementedByTracekeras,
    NotImplementedByTracekeras,
    OperationNotImplementedByTracekeras,
    caller,
)
from .namespaces import NOUNS, ROOTS, Lazy, Namespace

# what ``tracekeras run`` reports in one line, as a missing API
NOT_IMPLEMENTED = (NotImplementedByTracekeras, AttributeNotImplementedByTracekeras,
                   OperationNotImplementedByTracekeras)



def is_shimmed(fullname):
    return fullname.partition(".")[0] in ROOTS


def child(namespace, name):
    """The sub-namespace ``name`` of ``namespace``, or None."""
    if name in namespace.children:
        return namespace.children[name]
    if namespace.target is None or name.startswith("_") or name in namespace.hidden:
        return None
    target = f"{namespace.target}.{name}"
    try:
        found = importlib.util.find_spec(target)
    except (ImportError, ValueError):
        found = None
    if found is None:
        return None
    return Namespace(target, kind=name if name in NOUNS else None)


def implemented(namespace):
    """The public names a namespace offers (for the error message), sorted."""
    names = set(namespace.children) | {n for n in namespace.extras if not n.startswith("_")}
    if namespace.target is not None:
        module = importlib.import_module(namespace.target)
        listed = getattr(module, "__all__", None)
        for name in listed if listed is not None else dir(module):
            value = lookup(module, name)
            if value is MISSING:
                continue
            if name.startswith("_") or name in namespace.hidden or (
                    name.isupper() and isinstance(value, (dict, tuple))):
                continue
            if isinstance(value, types.ModuleType) and not (
                    value.__name__.startswith(namespace.target + ".")):
                continue
            names.add(name)
    return sorted(names, key=lambda n: (n.lower(), n))


MISSING = object()


def lookup(module, name):
    """``getattr(module, name)``, or MISSING when it is absent or its lazy import fails
    (a name a tracekeras module announces but whose module is not there yet)."""
    try:
        return getattr(module, name)
    except (AttributeError, ImportError):
        return MISSING


def not_implemented_message(fullname, namespace, name, where=None):
    used = f" (used by {where})" if where else ""
    kind = namespace.kind or f"in {fullname}"
    names = ", ".join(implemented(namespace)) or "nothing"
    return f"tracekeras does not implement {fullname}.{name}{used}; implemented {kind}: {names}"


class ShimModule(types.ModuleType):
    """``keras.layers`` and friends: attributes come from the tracekeras target module."""

    def __init__(self, fullname, namespace):
        super().__init__(fullname, f"tracekeras's stand-in for {fullname}")
        self.__path__ = []
        self.__tracekeras_namespace__ = namespace

    def __getattr__(self, name):
        namespace = self.__tracekeras_namespace__
        value = resolve(self.__name__, namespace, name)
        if value is MISSING and name.startswith("__"):
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        if value is MISSING:
            raise AttributeNotImplementedByTracekeras(
                not_implemented_message(self.__name__, namespace, name, caller()),
                name=name, obj=self)
        setattr(self, name, value)
        return value

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(implemented(self.__tracekeras_namespace__)))


def resolve(fullname, namespace, name):
    """What ``<fullname>.<name>`` is: an extra, a sub-namespace's module, the target's
    attribute, or MISSING."""
    if name in namespace.extras:
        value = namespace.extras[name]
        return value.resolve() if isinstance(value, Lazy) else value
    if name == "__all__" and namespace.target is not None:
        return lookup(importlib.import_module(namespace.target), "__all__")
    if name.startswith("__"):
        return MISSING
    sub = child(namespace, name)
    if sub is not None:
        return submodule(f"{fullname}.{name}", sub)
    if namespace.target is None or name in namespace.hidden:
        return MISSING
    return lookup(importlib.import_module(namespace.target), name)


def submodule(fullname, namespace):
    """The shim module ``fullname``: imported while the shim is active (so that it
    lands in ``sys.modules`` as Python would put it), made directly after the run."""
    if any(isinstance(finder, KerasShimFinder) for finder in sys.meta_path):
        return importlib.import_module(fullname)
    return ShimModule(fullname, namespace)


class KerasShimFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``tensorflow``/``keras``/``tf_keras`` (and their submodules) in tracekeras."""

    def namespace(self, fullname):
        """(namespace or None, parent namespace or None) for a dotted name."""
        parts = fullname.split(".")
        namespace, parent = ROOTS.get(parts[0]), None
        for part in parts[1:]:
            if namespace is None:
                return None, None
            parent, namespace = namespace, child(namespace, part)
        return namespace, parent

    def find_spec(self, fullname, path=None, target=None):
        if not is_shimmed(fullname):
            return None
        namespace, parent = self.namespace(fullname)
        if namespace is None:
            if parent is None:
                return None
            head, _, name = fullname.rpartition(".")
            raise NotImplementedByTracekeras(
                not_implemented_message(head, parent, name, caller()), name=fullname)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return ShimModule(spec.name, self.namespace(spec.name)[0])

    def exec_module(self, module):
        """Nothing to run: attributes are looked up in tracekeras on first use."""


@contextlib.contextmanager
def activated():
    """Serve ``tensorflow``/``keras``/``tf_keras`` from tracekeras inside the block."""
    saved = {name: module for name, module in sys.modules.items() if is_shimmed(name)}
    for name in saved:
        del sys.modules[name]
    finder = KerasShimFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield finder
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
        for name in [name for name in sys.modules if is_shimmed(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
