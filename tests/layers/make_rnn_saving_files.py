"""``.keras`` files of recurrent models written by tracekeras, for real tf_keras to read
(``check_rnn_saving_with_tf_keras.py``).

Run with tracekeras's venv, then the check with the tf_keras venv:

    python tests/layers/make_rnn_saving_files.py
    /work/tfvenv/bin/python tests/layers/check_rnn_saving_with_tf_keras.py

Writes into ``tests/layers/data/``: ``tk_rnn_stacked.keras`` and ``tk_rnn_stateful.keras``
(``model.save``; the models of ``rnn_saving_models.py``) and ``tk_rnn_expect.npz`` (inputs,
predictions from zero states, every weight).
"""
import os
import sys

import numpy as np

FOLDER = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(FOLDER)))  # this checkout's tracekeras
from tests.layers import rnn_saving_models  # noqa: E402 - after the path is set

HERE = os.path.join(FOLDER, "data")


def main():
    expect = {}
    for name in rnn_saving_models.MODELS:
        model, x = rnn_saving_models.trained(name)
        model.save(os.path.join(HERE, f"tk_rnn_{name}.keras"))
        expect[f"{name}_x"] = x
        expect[f"{name}_pred"] = model.predict(x, batch_size=4, verbose=0)
        for i, w in enumerate(model.get_weights()):
            expect[f"{name}_w_{i}"] = w
    np.savez(os.path.join(HERE, "tk_rnn_expect.npz"), **expect)


if __name__ == "__main__":
    main()
