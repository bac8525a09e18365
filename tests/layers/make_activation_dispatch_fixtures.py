"""Write the reference of Keras activation functions called on a model's symbolic tensors
(``keras.activations.relu(z)`` in a functional model, as the book's WaveNet writes it), from
real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_activation_dispatch_fixtures.py

``model()`` is the same functional model in both libraries: a causal Conv1D, then
``keras.activations.relu``, ``keras.activations.sigmoid`` and ``keras.activations.tanh``
of it on three branches (each a TFOpLambda layer named after the TensorFlow op the
activation runs: ``tf.nn.relu``, ``tf.math.sigmoid``, ``tf.math.tanh``), added, and a
Conv1D of kernel size 1. Recorded: the summary, the TFOpLambda layers' configs and
inbound nodes, the initial weights, the predictions, the history of a two-epoch fit (no
shuffling) and the weights after it. ``backend_model()``, the book's VAE latent loss
written with ``keras.backend`` functions (``K.sum``, ``K.exp``, ``K.square``, ``K.mean``)
on a Dense layer's output: its summary, TFOpLambda configs, weights and predictions.

Output: ``data/activation_dispatch.json`` and ``data/activation_dispatch.npz``.
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
    inputs = keras.Input(shape=(None, 2))
    z = layers.Conv1D(4, kernel_size=2, padding="causal")(inputs)
    relu = keras.activations.relu(z)
    sigmoid = keras.activations.sigmoid(z)
    tanh = keras.activations.tanh(z)
    z = layers.Add()([relu, sigmoid, tanh])
    outputs = layers.Conv1D(3, kernel_size=1)(z)
    return keras.Model(inputs, outputs)


def backend_model():
    """The book's VAE latent loss of ``keras.backend`` functions on a model's tensor:
    ``-0.5 * K.sum(1 + z - K.exp(z) - K.square(z), axis=-1)``, averaged by ``K.mean``."""
    inputs = keras.Input(shape=(4,))
    z = layers.Dense(3)(inputs)
    K = keras.backend
    latent = -0.5 * K.sum(1 + z - K.exp(z) - K.square(z), axis=-1)
    return keras.Model(inputs, [latent, K.mean(latent) / 784.0])


def data():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(16, 6, 2)).astype("float32")
    y = rng.normal(size=(16, 6, 3)).astype("float32")
    return x, y


def summary_lines(m):
    lines = []
    m.summary(print_fn=lines.append, line_length=100)
    return lines


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(6)
    m = model()
    x, y = data()
    arrays = {"x": x, "y": y}
    history = short_fit.record(m, x, y, arrays, optimizer="adam", loss="mse")
    ops = [layer for layer in m.get_config()["layers"] if layer["class_name"] == "TFOpLambda"]
    keras.backend.clear_session()
    b = backend_model()
    for i, w in enumerate(b.get_weights()):
        arrays[f"backend_initial{i}"] = w
    latent, mean = b.predict(x[:, 0, :2].repeat(2, axis=1), verbose=0)
    arrays["backend_latent"], arrays["backend_mean"] = latent, mean
    out = {"summary": summary_lines(m), "op_layers": ops, "history": history,
           "backend_summary": summary_lines(b),
           "backend_op_layers": [layer for layer in b.get_config()["layers"]
                                 if layer["class_name"] == "TFOpLambda"],
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "activation_dispatch.npz"), **arrays)
    with open(os.path.join(DATA, "activation_dispatch.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, default=list)
        f.write("\n")


if __name__ == "__main__":
    main()
