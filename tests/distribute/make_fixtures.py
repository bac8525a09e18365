"""Write ``data/tf_distribute.json``: what real TensorFlow does in ``scenarios.SCRIPTS``.

Run with the TensorFlow venv, from the repository root::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/distribute/make_fixtures.py

Each script runs in a fresh process (a strategy, a seed and the kernel cache start
anew), and its ``result`` dict is stored under its name, with the TensorFlow and
tf_keras versions. ``test_distribute.py`` runs the same scripts on tracekeras.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.distribute.scenarios import SCRIPTS, source  # noqa: E402 - after the path is set

OUT = os.path.join(HERE, "data", "tf_distribute.json")
RUNNER = ("import json, sys\nscope = {'__name__': '__main__'}\n"
          "exec(compile(sys.stdin.read(), 'scenario', 'exec'), scope)\n"
          "print('RESULT' + json.dumps(scope['result']))\n")


def run(name):
    return run_source(name, source(name))


def run_source(name, text):
    """The ``result`` of the script ``text``, run by this Python in a fresh process."""
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, "-c", RUNNER], input=text, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    line = [row for row in done.stdout.splitlines() if row.startswith("RESULT")][-1]
    return json.loads(line[len("RESULT"):])


def main():
    import tensorflow as tf
    import tf_keras
    results = {name: run(name) for name in SCRIPTS}
    with open(OUT, "w") as f:
        json.dump({"tensorflow": tf.__version__, "tf_keras": tf_keras.__version__,
                   "scripts": results}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
