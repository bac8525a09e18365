"""AlphaDropout facts from real tf_keras 2.21, for ``test_alpha_dropout.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_alpha_dropout_fixtures.py

Runs ``alpha_dropout_cases`` on TensorFlow and writes ``data/alpha_dropout.npz`` (the
eager outputs and gradients, the fit's losses and weights) and ``data/alpha_dropout.json``
(the summary, the config and the layer's weight names).
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import alpha_dropout_cases as cases  # noqa: E402


def main():
    arrays = {f"eager/{k}": v for k, v in cases.eager(tf).items()}
    arrays.update({f"fit/{k}": v for k, v in cases.fit(tf).items()})
    np.savez(os.path.join(HERE, "data", "alpha_dropout.npz"), **arrays)
    with open(os.path.join(HERE, "data", "alpha_dropout.json"), "w") as f:
        json.dump(cases.summary_and_config(tf), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
