"""IoU and F-score metric facts from real tf_keras 2.21, for ``test_f_score_iou.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/losses_metrics/make_f_score_iou_fixtures.py

Runs ``f_score_iou_cases`` on TensorFlow and writes ``data/f_score_iou.npz`` (results
batch by batch, a fit's history) and ``data/f_score_iou.json`` (configs and refusals).
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import f_score_iou_cases as cases  # noqa: E402


def main():
    np.savez(os.path.join(HERE, "data", "f_score_iou.npz"),
             **cases.results(tf), **cases.fit(tf))
    with open(os.path.join(HERE, "data", "f_score_iou.json"), "w") as f:
        json.dump({"configs": cases.configs(tf), "refusals": cases.refusals(tf)}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
