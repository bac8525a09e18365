"""Write the reference of string data given to ``predict``, ``evaluate`` and ``fit`` of a
model whose Input is ``dtype="string"``, from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/data_adapters/make_string_array_fixture.py

The model: ``Input(shape=(1,), dtype="string")`` -> ``TextVectorization`` (multi_hot, a
given vocabulary) -> ``Dense(1)`` with a kernel of ones and a zero bias, SGD, mean squared
error. For each kind of x (a NumPy ``<U`` column, a bytes ``S`` column, an object column,
a list of one-string lists) it records the adapter ``select_data_adapter`` chose for x
alone and for x with y, the predictions, the evaluate loss and the loss of one epoch of
fit (batch 2, no shuffle), or the error (type, message) where Keras refuses.

Output: ``data/string_arrays.json``.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras.src.engine import data_adapter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "string_arrays.json")
sys.path.insert(0, HERE)
from string_array_cases import KINDS, TEXTS, VOCABULARY, Y, attempt, make_model  # noqa: E402


def model():
    return make_model(keras)


def kind_facts(make_x):
    y = np.array(Y)
    return {
        "dtype": getattr(make_x(), "dtype", np.dtype(object)).str,
        "adapter_x": attempt(lambda: data_adapter.select_data_adapter(make_x(), None).__name__),
        "adapter_x_y": attempt(lambda: data_adapter.select_data_adapter(make_x(), y).__name__),
        "predict": attempt(lambda: model().predict(make_x(), batch_size=2, verbose=0).tolist()),
        "evaluate": attempt(lambda: model().evaluate(make_x(), y, batch_size=2, verbose=0)),
        "fit": attempt(lambda: model().fit(make_x(), y, batch_size=2, shuffle=False,
                                           verbose=0).history["loss"]),
    }


def main():
    out = {"texts": TEXTS, "vocabulary": VOCABULARY, "y": Y,
           "kinds": {name: kind_facts(make_x) for name, make_x in KINDS.items()},
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
