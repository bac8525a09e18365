"""Running the conformance scenarios: on tracekeras (in this process) and on real tf_keras.

What it owns: where the scenarios and their reference traces live, and how one
scenario is run traced. A scenario is an ordinary Keras script in
``scenarios/`` (it imports ``tensorflow``/``keras``, never tracekeras); the same
file runs on either engine:

- :func:`run_tracekeras` runs it here, with the import shim on, inside
  ``tracekeras.trace()`` at the default ``stages`` level, with fresh layer-name
  counters and eager execution back on afterwards (what a new process would
  have); its printing is swallowed;
- :func:`run_keras` runs it on tf_keras inside ``tracekeras.probe.trace`` and
  writes the trace (``make reference`` calls it once per scenario, each in a new
  process: TensorFlow's eager switch cannot be turned back on).

The traces of real Keras are committed as ``data/<scenario>.keras.jsonl`` by
``make_fixtures.py``; the tests never need TensorFlow.
"""
import contextlib
import io
import os
from typing import List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")
DATA = os.path.join(HERE, "data")


def scenario_names() -> List[str]:
    """Every scenario, by file stem, sorted."""
    return sorted(name[:-3] for name in os.listdir(SCENARIOS)
                  if name.endswith(".py") and not name.startswith("_"))


def script_of(name: str) -> str:
    return os.path.join(SCENARIOS, name + ".py")


def reference_of(name: str) -> str:
    return os.path.join(DATA, name + ".keras.jsonl")


def run_tracekeras(name: str, level: str = "stages") -> Tuple[int, object, object]:
    """(status, trace, exception or None): the scenario run on tracekeras, traced at
    ``level``."""
    from tracekeras import run, shim, tracing
    from tracekeras.backend import clear_session
    from tracekeras.compat import v1

    clear_session()
    try:
        with contextlib.redirect_stdout(io.StringIO()), tracing.trace(level=level) as t:
            status, failure = run.execute(script_of(name), [], shim.activated)
    finally:
        v1.enable_eager_execution()
        clear_session()
    return status, t, failure


def run_keras(name: str, path: str) -> Tuple[int, object]:
    """(status, exception or None): the scenario run on tf_keras, its trace written to
    ``path``."""
    from tracekeras import probe, run
    from tracekeras.probe.imports import keras_is_tf_keras

    with probe.trace(path):
        status, failure = run.execute(script_of(name), [], keras_is_tf_keras)
    return status, failure
