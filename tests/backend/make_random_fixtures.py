"""Draw the cases of ``random_scenarios.py`` with real TensorFlow 2.21 and tf_keras 2.21.

Writes ``data/tf_random.npz`` (one array per ``case/name``). Run from the repository
root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_random_fixtures.py``.
"""
import os
import sys

import numpy as np
import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import random_scenarios  # the table sits next to this script

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_random.npz")


def main():
    assert tf.keras.__name__.startswith("tf_keras"), "run with TF_USE_LEGACY_KERAS=1"
    arrays = {}
    for name, _, call in random_scenarios.CASES:
        for key, value in call(tf).items():
            arrays[f"{name}/{key}"] = np.asarray(value)
    arrays["_meta/tensorflow"] = np.array(tf.__version__)
    partial = OUT + ".partial"
    with open(partial, "wb") as f:
        np.savez_compressed(f, **arrays)
    os.replace(partial, OUT)
    print(f"wrote {len(arrays) - 1} arrays to {OUT}")


if __name__ == "__main__":
    main()
