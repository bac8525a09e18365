"""A layer whose ``call`` runs string ops on a symbolic string input builds: its
placeholders are empty strings (zeros would fail the string ops, where Keras's scratch
graph has a string tensor), and the placeholders' arithmetic warns of nothing."""
import warnings

import numpy as np

from tracekeras import shim
from tracekeras.backend import clear_session


def test_string_ops_on_a_symbolic_string_input_and_a_silent_zero_over_zero():
    clear_session()
    with shim.activated():
        import tensorflow as tf
        from tensorflow import keras

        class Lower(keras.layers.Layer):
            def call(self, inputs):
                words = tf.strings.split(tf.strings.lower(tf.strings.substr(inputs, 0, 20)))
                return words.to_tensor(shape=[None, 3], default_value=b"<pad>")

        class MeanOfNonZero(keras.layers.Layer):
            def call(self, inputs):
                count = tf.cast(tf.math.count_nonzero(inputs, axis=-1, keepdims=True),
                                tf.float32)
                return tf.reduce_sum(inputs, axis=-1, keepdims=True) / count

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model = keras.Sequential([Lower(input_shape=[], dtype=tf.string)])
            mean = keras.Sequential([MeanOfNonZero(input_shape=[3])])
        assert model.output_shape == (None, 3)
        out = model(tf.constant(["Great MOVIE", "It Was Terrible Fun"]))
        assert np.asarray(out).tolist() == [[b"great", b"movie", b"<pad>"],
                                            [b"it", b"was", b"terrible"]]
        assert mean.output_shape == (None, 1)
