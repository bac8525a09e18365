"""Write data/gelu.npz from real tf_keras 2.21: the error function and gelu.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_gelu_fixtures.py

Recorded on ``X`` (float32, -9 to 9, both tails included): ``tf.math.erf``,
``tf.math.erfc``, ``tf.nn.gelu`` exact and with ``approximate=True`` and their gradients
(a GradientTape of the sum), ``keras.activations.gelu`` and ``Activation("gelu")``
(the name resolves), and ``keras.activations.serialize`` of the function.
"""
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "gelu.npz")
X = np.concatenate([np.linspace(-9, 9, 73), [-0.3, 0.01, 1e-4, 2.49, 2.51, 3.54]]).astype(
    "float32")


def gradient(fn):
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(fn(x))
    return tape.gradient(y, x).numpy()


if __name__ == "__main__":
    np.savez(OUT, x=X,
             erf=tf.math.erf(X).numpy(), erfc=tf.math.erfc(X).numpy(),
             gelu=tf.nn.gelu(X).numpy(), gelu_approximate=tf.nn.gelu(X, approximate=True).numpy(),
             gelu_gradient=gradient(tf.nn.gelu),
             gelu_approximate_gradient=gradient(lambda x: tf.nn.gelu(x, approximate=True)),
             keras_gelu=keras.activations.gelu(X).numpy(),
             layer=keras.layers.Activation("gelu")(X[None]).numpy()[0],
             serialized=np.array(keras.activations.serialize(keras.activations.gelu)))
