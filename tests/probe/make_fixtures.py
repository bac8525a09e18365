"""Write ``data/seed_mlp.keras.trace.jsonl``: the seed MLP run on real tf_keras, traced.

Needs tf_keras (``pip install 'tracekeras[keras]'``); run by hand from the repository root::

    PYTHONPATH=. $TRACEKERAS_KERAS_PYTHON tests/probe/make_fixtures.py

It runs ``tracekeras run --engine keras --level steps`` on ``seed_mlp.py`` (scenario
S1) and keeps only the trace file; the tests read it without TensorFlow.
"""
import os
import shutil
import tempfile

from tracekeras import run

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "data", "seed_mlp.keras.trace.jsonl")


def main():
    with tempfile.TemporaryDirectory() as out:
        status, t, _ = run.run(os.path.join(HERE, "seed_mlp.py"), out=out, level="steps",
                               engine="keras")
        if status != 0:
            raise SystemExit(f"the seed script failed on tf_keras (status {status})")
        os.makedirs(os.path.dirname(TARGET), exist_ok=True)
        shutil.copyfile(t.path, TARGET)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
