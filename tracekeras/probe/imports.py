"""``import keras`` -> tf_keras, for a script run on real Keras (``run --engine keras``).

What it owns: a ``sys.meta_path`` finder, installed only inside
:func:`keras_is_tf_keras`, that serves ``keras`` and every ``keras.X`` as the
tf_keras module of the same path (the very same module objects), so a Keras 2
script that writes ``import keras`` or ``from keras.layers import Dense`` runs on
tf_keras, as ``tf.keras`` does when ``TF_USE_LEGACY_KERAS=1`` (set here too,
before TensorFlow is imported). On leaving, the finder and the ``keras`` names
it served are removed and any ``keras`` modules imported before (Keras 3) are
put back. No trace events.
"""
import contextlib
import importlib
import importlib.abc
import importlib.machinery
import os
import sys

ROOT = "keras"
TARGET = "tf_keras"


def is_keras(name):
    return name == ROOT or name.startswith(ROOT + ".")


class TfKerasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``keras.X`` as tf_keras's ``X``."""

    def find_spec(self, fullname, path=None, target=None):
        if not is_keras(fullname):
            return None
        if importlib.util.find_spec(TARGET + fullname[len(ROOT):]) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def __init__(self):
        self.specs = {}   # the tf_keras module's own spec, which the import system overwrites

    def create_module(self, spec):
        module = importlib.import_module(TARGET + spec.name[len(ROOT):])
        self.specs[spec.name] = module.__spec__
        return module

    def exec_module(self, module):
        # the tf_keras module ran when it was imported; it keeps its own spec
        module.__spec__ = self.specs.pop(module.__spec__.name, module.__spec__)


@contextlib.contextmanager
def keras_is_tf_keras():
    """Inside the block ``import keras`` (and ``tf.keras``) give tf_keras."""
    saved_env = os.environ.get("TF_USE_LEGACY_KERAS")
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    saved = {name: module for name, module in sys.modules.items() if is_keras(name)}
    for name in saved:
        del sys.modules[name]
    finder = TfKerasFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield finder
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
        for name in [name for name in sys.modules if is_keras(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
        if saved_env is None:
            os.environ.pop("TF_USE_LEGACY_KERAS", None)
        else:
            os.environ["TF_USE_LEGACY_KERAS"] = saved_env
