"""The table of TensorFlow calls the time series tutorial makes beyond Keras's layers.

Its ``WindowGenerator.split_window`` slices a batch of windows, stacks the label columns
with ``tf.stack(..., axis=-1)`` and calls ``set_shape([None, width, None])`` on both
halves; run eagerly (on a stacked example, and in tracekeras's ``Dataset.map``) that
``set_shape`` only checks the shape it is given against the tensor's. Each case is
``(name, call)``; ``call(tf)`` returns a result or raises. ``make_time_series_fixtures.py``
runs the table through real TensorFlow 2.21 (``data/tf_time_series_ops.json``),
``test_time_series_ops.py`` through tracekeras's ``tf``. Plain NumPy only.
"""
import numpy as np

from .text_generation_scenarios import outcome  # noqa: F401  (one description for both)

WINDOWS = np.arange(3 * 7 * 4, dtype="float32").reshape(3, 7, 4)


def set_shape(shape):
    """``set_shape`` on a (3, 7, 4) tensor, then the tensor (``set_shape`` returns None)."""
    def call(tf):
        tensor = tf.constant(WINDOWS)
        assert tensor.set_shape(shape) is None
        return tensor
    return call


def split_window(tf):
    """The tutorial's ``split_window`` for 6 input steps and 1 label step of columns 1 and 3."""
    features = tf.constant(WINDOWS)
    inputs = features[:, slice(0, 6), :]
    labels = features[:, slice(6, None), :]
    labels = tf.stack([labels[:, :, i] for i in (1, 3)], axis=-1)
    inputs.set_shape([None, 6, None])
    labels.set_shape([None, 1, None])
    return tf.concat([tf.reshape(inputs, [3, -1]), tf.reshape(labels, [3, -1])], axis=1)


CASES = [
    ("set_shape_batch_unknown", set_shape([None, 7, None])),
    ("set_shape_all_known", set_shape([3, 7, 4])),
    ("set_shape_tuple", set_shape((None, None, 4))),
    ("set_shape_unknown_rank", lambda tf: set_shape(tf.TensorShape(None))(tf)),
    ("set_shape_tensor_shape", lambda tf: set_shape(tf.TensorShape([3, None, 4]))(tf)),
    ("set_shape_wrong_dim", set_shape([None, 6, None])),
    ("set_shape_wrong_rank", set_shape([None, 7])),
    ("set_shape_one_dim", lambda tf: tf.constant([1.0, 2.0]).set_shape([3])),
    ("split_window_stack_and_set_shape", split_window),
]
