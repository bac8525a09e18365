"""Trace chapter examples on real tf_keras: ``docs/data/<example>.keras.trace.jsonl``.

Run with a Python that has tf_keras (CI never needs it; the traces are committed)::

    python docs/make_keras_traces.py [--python /work/tfvenv/bin/python] [example ...]

For each example script of ``examples/`` named in ``EXAMPLES`` this runs
``python -m tracekeras run --engine keras`` on it (the probe traces tf_keras
into tracekeras's trace format) and keeps the trace, so the chapter
"Real Keras beside ours" can ``tracekeras diff`` it against a fresh tracekeras
run of the same script without TensorFlow installed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
EXAMPLES = ["fit"]


def keras_trace(example, python):
    """Run ``examples/<example>.py`` on tf_keras, traced; return the trace's path in docs/data."""
    script = os.path.join(ROOT, "examples", example + ".py")
    env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="3",
               PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([python, "-m", "tracekeras", "run", "--engine", "keras",
                               "--out", out, script], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            sys.exit(f"{example}: tracekeras run --engine keras failed:\n{done.stderr}")
        target = os.path.join(DATA, example + ".keras.trace.jsonl")
        os.makedirs(DATA, exist_ok=True)
        shutil.copyfile(os.path.join(out, example + ".trace.jsonl"), target + ".tmp")
        os.replace(target + ".tmp", target)
    with open(target, encoding="utf-8") as f:
        text = f.read()
    if ROOT in text or "/tmp/" in text:
        sys.exit(f"{target} holds an absolute path; the committed trace must not")
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default="/work/tfvenv/bin/python",
                        help="a Python with tf_keras installed")
    parser.add_argument("examples", nargs="*", default=EXAMPLES)
    args = parser.parse_args(argv)
    for example in args.examples:
        print(keras_trace(example, args.python))


if __name__ == "__main__":
    main()
