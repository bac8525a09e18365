"""Write ``data/tf_word2vec.json``: real TensorFlow's results for ``word2vec_scenarios``.

Run with the TensorFlow venv, from the repository root::

    /work/tfvenv/bin/python tests/preprocessing/make_word2vec_fixtures.py

Each script runs in a fresh process (the sampler kernels start anew) with
``TF_USE_LEGACY_KERAS=1``; ``test_word2vec_sampling.py`` runs them on tracekeras.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.distribute.make_fixtures import run_source  # noqa: E402 - after the path is set
from tests.preprocessing.word2vec_scenarios import SCRIPTS, source  # noqa: E402

OUT = os.path.join(HERE, "data", "tf_word2vec.json")


def main():
    import tensorflow as tf
    import tf_keras
    results = {name: run_source(name, source(name)) for name in SCRIPTS}
    with open(OUT, "w") as f:
        json.dump({"tensorflow": tf.__version__, "tf_keras": tf_keras.__version__,
                   "scripts": results}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
