"""Bad arguments to ``tf.pad``, ``tf.image.flip_left_right``/``flip_up_down`` and
``tf.edit_distance``: the table both ``make_image_ops_error_fixtures.py`` (real
TensorFlow) and ``test_image_ops_errors.py`` (tracekeras's ``tf``) run. Plain NumPy only."""
import numpy as np

SQUARE = np.array([[1, 2], [3, 4]], "int64")
LABELS = np.array([[1, 2, 0], [3, 0, 0]], "int64")

CASES = [
    ("pad_first_dimension", lambda tf: tf.pad(SQUARE, [[1, 0]])),
    ("pad_two_columns", lambda tf: tf.pad(SQUARE, [[1, 0, 1], [0, 0, 0]])),
    ("pad_negative", lambda tf: tf.pad(SQUARE, [[-1, 0], [0, 0]])),
    ("pad_mode", lambda tf: tf.pad(SQUARE, [[1, 0], [0, 1]], mode="wrap")),
    ("flip_rank_2", lambda tf: tf.image.flip_left_right(SQUARE)),
    ("flip_up_down_rank_5", lambda tf: tf.image.flip_up_down(np.zeros((1, 1, 2, 2, 1)))),
    ("edit_distance_dtypes", lambda tf: tf.edit_distance(
        tf.sparse.from_dense(LABELS), tf.cast(tf.sparse.from_dense(LABELS), tf.int32))),
]
