"""Write data/mish.npz from real tf_keras 2.21: ``keras.activations.mish``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_mish_fixtures.py

Recorded on ``X`` (float32, -12 to 12): the values of ``keras.activations.mish``, its
gradient (a GradientTape of the sum), ``Activation("mish")`` (the name resolves) and
``keras.activations.serialize`` of the function.
"""
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "mish.npz")
X = np.concatenate([np.linspace(-12, 12, 49), [-1.19, -0.3, 0.01, 2.7]]).astype("float32")


def gradient(fn):
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(fn(x))
    return tape.gradient(y, x).numpy()


if __name__ == "__main__":
    np.savez(OUT, x=X, mish=keras.activations.mish(X).numpy(),
             mish_gradient=gradient(keras.activations.mish),
             layer=keras.layers.Activation("mish")(X[None]).numpy()[0],
             serialized=np.array(keras.activations.serialize(keras.activations.mish)))
