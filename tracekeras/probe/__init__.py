"""tracekeras.probe: real tf_keras, traced into the same schema as tracekeras.

What it owns: recording what the installed tf_keras 2.x does, as a trace a
learner can put beside tracekeras's own (same renderers, same ``diff``)::

    from tracekeras import probe
    with probe.trace("out/keras.trace.jsonl") as t:    # wraps tf_keras, unwraps on exit
        model.fit(x, y, epochs=2)                       # a tf_keras model

Inside the block, each function named in :mod:`tracekeras.probe.table` (the
one table mapping a Keras name of our trace to its tf_keras location) is
wrapped (:mod:`tracekeras.probe.wrappers`) and records B/E/i/G records through
tracekeras's recorder: the same names, stages and argument keys as the
tracekeras call site for that step (:mod:`tracekeras.probe.facts`), steps and
repeated top-level calls (``fit``, ``train_on_batch`` ...) folded the same way.
The header names the engine (``"engine": "tf_keras"``, ``"engine_version"``,
``"tensorflow"``) and lists, under ``"probe_missing"``,
every function the table names that the installed version lacks (also said in
one warning line on stderr); such a function is left alone, never a crash. On
leaving the block every original is put back, whatever happened inside.

What it receives: a trace path and level, like ``tracekeras.trace``. What it
hands on: the :class:`~tracekeras.tracing.Trace`.

tf_keras is an optional extra (``pip install tracekeras[keras]``); without it,
entering a probe raises :class:`MissingKeras`, whose message is the one line
saying what to install. Importing this package never imports TensorFlow. It
sets ``TF_USE_LEGACY_KERAS=1`` (when unset) so that ``tf.keras`` is tf_keras.
"""
import importlib
import importlib.util
import os
import sys

from tracekeras import tracing
from tracekeras.tracing.schema import make_header, version_of

from . import table, wrappers

ENGINE = "tf_keras"
INSTALL_HINT = ("tracing real Keras needs tf_keras, which is not installed: "
                "pip install 'tracekeras[keras]' (or: pip install 'tf-keras>=2.15')")


class MissingKeras(ImportError):
    """tf_keras is not installed: the message says what to install."""


def import_keras():
    """tf_keras, imported with ``tf.keras`` pointing at it; MissingKeras when absent."""
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    try:
        return importlib.import_module("tf_keras")
    except ImportError as exc:
        if exc.name not in (None, "tf_keras", "tensorflow") and not str(exc).startswith(
                "No module named 'tf_keras"):
            raise
        raise MissingKeras(INSTALL_HINT) from None


def available():
    """True when tf_keras can be imported (looked up without importing TensorFlow)."""
    return importlib.util.find_spec("tf_keras") is not None


class Probe:
    """The context manager :func:`trace` returns; ``__enter__`` gives the Trace."""

    def __init__(self, path=None, level="stages", entries=None):
        self.path, self.level = path, level
        self.entries = table.ENTRIES if entries is None else entries
        self.patches = None
        self.trace = None

    def __enter__(self):
        if tracing.state.recorder is not None:
            raise RuntimeError("A trace is already being recorded: tracekeras records one "
                               "trace at a time, so a probe cannot start inside it.")
        keras = import_keras()
        header = dict(make_header(self.level),
                      engine=ENGINE, engine_version=getattr(keras, "__version__", None),
                      tensorflow=version_of("tensorflow"))
        self.patches = wrappers.install(self.entries)
        header["probe_missing"] = self.patches.missing
        if self.patches.missing:
            names = ", ".join(m["name"] for m in self.patches.missing)
            print(f"tracekeras probe: tf_keras {header['engine_version']} lacks "
                  f"{len(self.patches.missing)} function(s) the probe table names, not "
                  f"traced: {names}", file=sys.stderr)
        self.trace = tracing.Trace(self.path, header=header)
        try:
            return self.trace.__enter__()
        except BaseException:
            self.patches.restore()
            raise

    def __exit__(self, cls, exc, tb):
        try:
            return self.trace.__exit__(cls, exc, tb)
        finally:
            self.patches.restore()


def trace(path=None, level="stages", entries=None):
    """Trace real tf_keras inside a ``with`` block (see the module docstring)."""
    return Probe(path, level, entries)


__all__ = ["ENGINE", "INSTALL_HINT", "MissingKeras", "Probe", "available", "import_keras",
           "table", "trace"]
