"""Mixed-precision facts from real tf_keras 2.21, for ``test_mixed_precision.py``.

Run with the TensorFlow venv (tests never import TensorFlow), from the worktree root so
that tracekeras's probe can be imported::

    TF_USE_LEGACY_KERAS=1 PYTHONPATH=. /work/tfvenv/bin/python \
        tests/mixed_precision/make_fixtures.py

Runs ``cases`` on TensorFlow and writes ``data/mixed_precision.npz`` (outputs,
gradients, losses and weights) and ``data/mixed_precision.json`` (dtypes, loss scales,
the output dtypes of 29 layers, policies, configs, summaries and error messages, and the
decisions ``tracekeras.probe`` traced in tf_keras's compile and LossScaleOptimizer steps).
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cases  # noqa: E402

RUNS = ("dense", "conv2d", "more_layers", "fit", "growth", "overflow", "custom_loop")


def main():
    arrays, facts = {}, {}
    for name in RUNS:
        tf.keras.backend.clear_session()
        case_arrays, case_facts = getattr(cases, name)(tf)
        arrays.update({f"{name}/{k}": v for k, v in case_arrays.items()})
        facts[name] = case_facts
    facts["layer_dtypes"] = cases.layer_dtypes(tf)
    tf.keras.backend.clear_session()
    facts["policies"] = cases.policies(tf)
    tf.keras.backend.clear_session()
    from tracekeras import probe  # tracekeras's probe of real tf_keras
    with probe.trace() as t:
        scales = cases.traced_loop(tf)
    facts["traced_loop"] = {"scales": scales, "decisions": cases.decisions(t.records)}
    tf.keras.backend.clear_session()
    facts["layers"] = cases.layers_and_configs(tf)
    np.savez(os.path.join(HERE, "data", "mixed_precision.npz"), **arrays)
    with open(os.path.join(HERE, "data", "mixed_precision.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, **facts}, f, indent=1, default=str)
        f.write("\n")


if __name__ == "__main__":
    main()
