"""``model.save_weights(path)`` in TensorFlow's checkpoint format (a path without a
``.keras``, ``.h5``, ``.hdf5`` or ``.weights.h5`` suffix) at paths that may collide with the
``checkpoint`` state file TensorFlow writes beside a checkpoint, run the same way on real
tf_keras (make_checkpoint_path_fixtures.py) and on tracekeras (test_checkpoint_paths.py).
TensorFlow refuses a save path equal to that state file's path as it writes it: a relative
path named ``checkpoint`` (``checkpoint``, ``./checkpoint``, ``sub/checkpoint``), not an
absolute one (the state file then holds a path relative to its folder)."""
import os

import numpy as np

PATHS = ["checkpoint", "./checkpoint", "sub/checkpoint", "ABSOLUTE/checkpoint", "ckpt",
         "my_checkpoint", "checkpoint.ckpt", "sub/ckpt"]


def outcomes(keras, folder):
    """``{path: None or [error type, message]}`` for a small model saved in ``folder``."""
    model = keras.Sequential([keras.layers.Input((3,)), keras.layers.Dense(2)])
    out = {}
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        os.makedirs("sub", exist_ok=True)
        for path in PATHS:
            real = path.replace("ABSOLUTE", os.path.abspath("abs"))
            if os.path.dirname(real):
                os.makedirs(os.path.dirname(real), exist_ok=True)
            try:
                model.save_weights(real)
                out[path] = None
            except Exception as exc:
                out[path] = [type(exc).__name__, str(exc).replace(os.path.abspath("abs"),
                                                                  "ABSOLUTE")]
    finally:
        os.chdir(cwd)
    return out


def latest_after_saves(keras, latest_checkpoint, folder):
    """Each folder's ``checkpoint`` state file and ``latest_checkpoint`` after TF-format
    ``save_weights`` calls (the Distributed training tutorial's pattern), and whether
    ``load_weights`` of the latest restores the weights saved last."""
    model = keras.Sequential([keras.layers.Input((3,)), keras.layers.Dense(2)])
    cwd = os.getcwd()
    os.chdir(folder)
    out = {}
    try:
        for path in ["./training_checkpoints/ckpt_1", "./training_checkpoints/ckpt_2",
                     "bare", "ABSOLUTE/ckpt_3"]:
            real = path.replace("ABSOLUTE", os.path.abspath("abs"))
            model.layers[0].kernel.assign(np.full((3, 2), len(out), dtype="float32"))
            model.save_weights(real)
            save_dir = os.path.dirname(real) or "."
            with open(os.path.join(save_dir, "checkpoint")) as f:
                state = f.read()
            latest = latest_checkpoint(save_dir)
            out[path] = [state, latest.replace(os.path.abspath("abs"), "ABSOLUTE")]
        model.layers[0].kernel.assign(np.zeros((3, 2), dtype="float32"))
        model.load_weights(latest_checkpoint("./training_checkpoints"))
        out["restored"] = float(np.asarray(model.layers[0].kernel).mean())
    finally:
        os.chdir(cwd)
    return out
