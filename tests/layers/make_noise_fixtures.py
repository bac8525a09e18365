"""Write the reference of ``GaussianNoise`` and ``ActivityRegularization`` from real
tf_keras 2.21 (the book's denoising, hashing and sparse autoencoders use them).

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_noise_fixtures.py

``model()`` is the same Sequential model in both libraries: Dense(6, sigmoid),
``ActivityRegularization(l1=1e-3, l2=1e-2)``, ``GaussianNoise(0.3, seed=5)``, Dense(2).
Recorded after ``keras.utils.set_random_seed(7)``: the summary, the two layers' configs,
the initial weights, the predictions (no noise outside training), the outputs of the
first three layers called with ``training=False`` and then ``True`` (the regularizer's
loss too), the history of a two-epoch fit (no shuffling) and the weights after it.

Output: ``data/noise_layers.json`` and ``data/noise_layers.npz``.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import short_fit  # noqa: E402 - after the path is set

DATA = os.path.join(HERE, "data")


def model():
    return keras.Sequential([
        layers.Dense(6, activation="sigmoid", input_shape=(4,)),
        layers.ActivityRegularization(l1=1e-3, l2=1e-2),
        layers.GaussianNoise(0.3, seed=5),
        layers.Dense(2),
    ])


def data():
    rng = np.random.default_rng(8)
    x = rng.normal(size=(16, 4)).astype("float32")
    y = rng.normal(size=(16, 2)).astype("float32")
    return x, y


def summary_lines(m):
    lines = []
    m.summary(print_fn=lines.append, line_length=90)
    return lines


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(7)
    m = model()
    x, y = data()
    arrays = {"x": x, "y": y}
    for i, w in enumerate(m.get_weights()):
        arrays[f"initial{i}"] = w
    arrays["predicted"] = m.predict(x, verbose=0)
    hidden = m.layers[0](x)
    arrays["regularized"] = m.layers[1](hidden).numpy()
    arrays["regularizer_loss"] = np.array([float(loss) for loss in m.layers[1].losses])
    arrays["not_training"] = m.layers[2](hidden, training=False).numpy()
    arrays["noisy"] = m.layers[2](hidden, training=True).numpy()
    history = short_fit.fit(m, x, y, optimizer="sgd", loss="mse")
    for i, w in enumerate(m.get_weights()):
        arrays[f"fitted{i}"] = w
    out = {"summary": summary_lines(m), "configs": [m.layers[1].get_config(),
                                                      m.layers[2].get_config()],
           "history": history,
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "noise_layers.npz"), **arrays)
    with open(os.path.join(DATA, "noise_layers.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, default=list)
        f.write("\n")


if __name__ == "__main__":
    main()
