"""What docs/run-your-script.md promises about ``TRACEKERAS_TRACE`` with plain ``python``.

A script that imports tracekeras, run with ``TRACEKERAS_TRACE=PATH``, leaves a
trace at PATH when it exits. ``tracekeras.run.trace_from_environment`` does
it; it must be called when ``tracekeras`` is imported (``tracekeras/__init__.py``,
the lead's file). Until ``__init__.py`` calls it this test is an expected
failure; once it does, the test must pass.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = """
import numpy as np
import tracekeras
from tracekeras import layers
from tracekeras.models import Sequential
model = Sequential([layers.Dense(2)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.zeros((8, 3)), np.zeros((8, 2)), verbose=0)
"""


def test_plain_python_with_env_writes_the_trace(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    env = dict(os.environ, TRACEKERAS_TRACE=str(tmp_path / "env.trace.jsonl"),
               PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, str(script)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.trace.jsonl").exists()
    with open(tmp_path / "env.trace.jsonl", encoding="utf-8") as f:
        assert '"keras.engine.training.Model.fit"' in f.read()
