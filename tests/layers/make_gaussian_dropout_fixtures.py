"""Write the reference of ``GaussianDropout`` and of a seeded ``Dropout`` from real tf_keras
2.21 (both draw through Keras's legacy ``RandomGenerator``: TensorFlow's stateful random
ops with the op seed ``seed``, ``seed + 1`` ...).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python \
        tests/layers/make_gaussian_dropout_fixtures.py

Recorded (each seeded part after ``set_random_seed``, which empties TensorFlow's eager
kernel cache): the config; a seeded layer (``rate=0.4, seed=11``) called three times with
``training=True`` on one input (each eager call draws with the next op seed), once with
``training=False``, and a layer of rate 0 and of rate 1 with ``training=True``; an unseeded
layer's two draws after ``keras.utils.set_random_seed(3)``; and a two-epoch fit of Dense(6,
sigmoid) -> GaussianDropout(0.3, seed=5) -> Dense(2) after ``set_random_seed(7)`` (initial
weights, predictions, history, weights after); two ``Dropout(0.5, seed=3)`` layers' masks
(two calls of the first, one of the second), two calls of an ``AlphaDropout(0.3, seed=9)``
(prefix ``alpha_``) and the same two-epoch fit with
``Dropout(0.3, seed=5)`` in the middle (prefix ``dropout_``). Run by hand, never by the
tests.

Output: ``data/gaussian_dropout.json`` and ``data/gaussian_dropout.npz``.
"""
import json
import os
import sys

import numpy as np
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import short_fit  # noqa: E402 - after the path is set

X = (np.arange(20, dtype="float32").reshape(4, 5) - 7.0) / 3.0


def model(middle):
    return keras.Sequential([layers.Dense(6, activation="sigmoid", input_shape=(4,)),
                             middle, layers.Dense(2)])


def data():
    rng = np.random.default_rng(8)
    return (rng.normal(size=(16, 4)).astype("float32"),
            rng.normal(size=(16, 2)).astype("float32"))


def main():
    arrays = {"x": X}
    keras.utils.set_random_seed(1)   # a fresh eager kernel cache for the seeded op
    seeded = layers.GaussianDropout(0.4, seed=11)
    for i in range(3):
        arrays[f"seeded{i}"] = seeded(X, training=True).numpy()
    arrays["not_training"] = seeded(X, training=False).numpy()
    arrays["rate0"] = layers.GaussianDropout(0.0, seed=1)(X, training=True).numpy()
    arrays["rate1"] = layers.GaussianDropout(1.0, seed=1)(X, training=True).numpy()
    keras.utils.set_random_seed(3)
    unseeded = layers.GaussianDropout(0.5)
    arrays["unseeded0"] = unseeded(X, training=True).numpy()
    arrays["unseeded1"] = unseeded(X, training=True).numpy()
    keras.backend.clear_session()
    keras.utils.set_random_seed(7)
    m = model(layers.GaussianDropout(0.3, seed=5))
    x, y = data()
    arrays["fit_x"], arrays["fit_y"] = x, y
    history = short_fit.record(m, x, y, arrays, optimizer="sgd", loss="mse")
    out = {"config": seeded.get_config(), "fit_config": m.layers[1].get_config(),
           "history": history}
    keras.backend.clear_session()
    keras.utils.set_random_seed(2)
    ones = np.ones((4, 10), "float32")
    first, second = layers.Dropout(0.5, seed=3), layers.Dropout(0.5, seed=3)
    arrays["dropout_first0"] = first(ones, training=True).numpy()
    arrays["dropout_first1"] = first(ones, training=True).numpy()
    arrays["dropout_second0"] = second(ones, training=True).numpy()
    alpha = layers.AlphaDropout(0.3, seed=9)
    arrays["alpha_first0"] = alpha(ones, training=True).numpy()
    arrays["alpha_first1"] = alpha(ones, training=True).numpy()
    keras.utils.set_random_seed(7)
    m = model(layers.Dropout(0.3, seed=5))
    dropout_arrays = {}
    out["dropout_history"] = short_fit.record(m, x, y, dropout_arrays, optimizer="sgd",
                                              loss="mse")
    arrays.update({f"dropout_{k}": v for k, v in dropout_arrays.items()})
    np.savez_compressed(os.path.join(HERE, "data", "gaussian_dropout.npz"), **arrays)
    with open(os.path.join(HERE, "data", "gaussian_dropout.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
