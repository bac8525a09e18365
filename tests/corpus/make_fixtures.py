"""Run every corpus program under real tf_keras and record how each one ended.

Run with a Python that has ``tensorflow-cpu==2.21.0`` and ``tf-keras==2.21.0``::

    python tests/corpus/make_fixtures.py [NAME ...]

Each program in ``examples/corpus`` runs as ``python PROGRAM`` with
``TF_USE_LEGACY_KERAS=1`` (so ``tf.keras`` is tf_keras 2.21, the Keras 2 engine
tracekeras follows) in a temporary working folder. The result is written to
``tests/corpus/data/tf_keras_runs.json``: for each program, whether it ran to the end,
and the last line it wrote to stderr when it did not. ``test_corpus.py`` reads it
to know which programs real Keras runs. Pillow and SciPy, which tf_keras's image
utilities and ``ImageDataGenerator`` import, may be put on ``PYTHONPATH``.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "examples", "corpus")
OUT = os.path.join(HERE, "data", "tf_keras_runs.json")


def programs():
    return sorted(name[:-3] for name in os.listdir(CORPUS)
                  if name.endswith(".py") and name != "corpus_data.py")


def run(name):
    # the caller's PYTHONPATH is kept after the corpus folder: tf_keras's image utilities
    # need Pillow (and ImageDataGenerator's transforms SciPy), which may sit there
    path = [os.path.abspath(CORPUS)] + [p for p in [os.environ.get("PYTHONPATH")] if p]
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONPATH": os.pathsep.join(path)}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run([sys.executable, os.path.join(os.path.abspath(CORPUS),
                                                            name + ".py")],
                              cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return {"ran": done.returncode == 0, "seconds": round(time.perf_counter() - start, 1),
            "last_error_line": None if done.returncode == 0 else (lines or [""])[-1]}


def main(names):
    import tensorflow as tf
    import tf_keras
    results = {}
    if os.path.exists(OUT):
        with open(OUT) as f:
            results = json.load(f)["programs"]
    for name in names or programs():
        results[name] = run(name)
        print(name, results[name], flush=True)
    with open(OUT + ".tmp", "w") as f:
        json.dump({"tensorflow": tf.__version__, "tf_keras": tf_keras.__version__,
                   "programs": dict(sorted(results.items()))}, f, indent=1)
        f.write("\n")
    os.replace(OUT + ".tmp", OUT)


if __name__ == "__main__":
    main(sys.argv[1:])
