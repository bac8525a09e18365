"""Permute, ThresholdedReLU, UnitNormalization, GroupNormalization, SpatialDropout1D/2D/3D,
RandomBrightness, RandomHeight and RandomWidth facts from real tf_keras 2.21, for
``test_more_layers.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_more_layers_fixtures.py

Runs ``more_layers_cases`` on TensorFlow and writes ``data/more_layers.npz`` (outputs,
gradients, dropout masks, the fit's losses and weights) and ``data/more_layers.json`` (the
summary, the configs and the refusals).
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import more_layers_cases as cases  # noqa: E402


def main():
    np.savez(os.path.join(HERE, "data", "more_layers.npz"), **cases.arrays(tf))
    with open(os.path.join(HERE, "data", "more_layers.json"), "w") as f:
        json.dump({"summary": cases.summary(tf), "configs": cases.configs(tf),
                   "refusals": cases.refusals(tf)}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
