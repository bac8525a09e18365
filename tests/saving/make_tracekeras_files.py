"""Files tracekeras writes, for real tf_keras to read (``check_with_tf_keras.py``).

Run with tracekeras's venv, then the check with the tf_keras venv:

    python tests/saving/make_tracekeras_files.py
    /work/tfvenv/bin/python tests/saving/check_with_tf_keras.py

Writes into ``tests/saving/data/``: ``tk_seq.keras``, ``tk_func.keras``, ``tk_objs.keras``,
``tk_nest.keras``, ``tk_zoo.keras``, ``tk_constrained.keras`` (``model.save``),
``tk_seq.weights.h5`` and ``tk_seq.h5`` (``model.save_weights``) and ``tk_expect.npz``
(inputs, predictions, every weight and optimizer variable of each model).
"""
import os
import sys

import numpy as np

FOLDER = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(FOLDER)))  # this checkout's tracekeras
from tests.saving import helpers  # noqa: E402 - after the path is set

HERE = os.path.join(FOLDER, "data")


def main():
    np.random.seed(0)
    expect = {}
    for name in helpers.MODELS:
        model, x = helpers.trained(name)
        model.save(os.path.join(HERE, f"tk_{name}.keras"))
        expect[f"{name}_x"] = x
        expect[f"{name}_pred"] = model.predict(x, verbose=0)
        for i, w in enumerate(model.get_weights()):
            expect[f"{name}_w_{i}"] = w
        for i, v in enumerate(model.optimizer.variables):
            expect[f"{name}_opt_{i}"] = v.numpy()
        if name == "seq":
            model.save_weights(os.path.join(HERE, "tk_seq.weights.h5"))
            model.save_weights(os.path.join(HERE, "tk_seq.h5"))
    np.savez(os.path.join(HERE, "tk_expect.npz"), **expect)


if __name__ == "__main__":
    main()
