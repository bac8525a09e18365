"""The segment reductions, tf.math.bincount (and tf.gather's index checks) tracekeras must
share with TensorFlow: one table, two runs.

Each case is ``(name, call)``: ``call(tf)`` returns a dict of results, or raises.
``GRADIENT_CASES`` run ``op(x, ...)`` under a GradientTape and give the output and the
gradient of ``sum(weights * output)`` with respect to ``x`` (weights distinct, so each
entry counts; an empty max segment's lowest float times a weight overflows the sum, not the
gradient). ``ERROR_CASES`` are calls TensorFlow refuses. ``describe`` turns an outcome into
JSON-safe data the same way for both engines (an error: its class name and message, less
TensorFlow's ``{{function_node ...}}`` prefix and `` name: `` suffix).
``make_segment_fixtures.py`` runs the table on real TensorFlow and writes
``data/tf_segment_ops.json``; ``test_segment_ops.py`` runs it on tracekeras's ``tf``.
Plain NumPy only: no TensorFlow import here.
"""
import re

import numpy as np

ROWS = np.array([[1, 2], [3, 4], [5, 6], [7, 8], [5, 2], [-1, 9]], "float32")   # ties: 5, 2
CUBE = np.arange(24, dtype="float32").reshape(2, 3, 4) % 7 - 3
UNSORTED_IDS = np.array([0, 2, 0, -1, 0, 3], "int32")        # segment 1 empty, one dropped
SORTED_IDS = np.array([0, 0, 2, 2, 2, 3], "int64")           # segment 1 empty
CUBE_IDS = np.array([[0, 2, 0], [-1, 2, 1]], "int32")        # ids over the first two axes


def weights(shape):
    size = int(np.prod(shape))
    return np.linspace(0.5, 1.5, max(size, 1)).astype("float32")[:size].reshape(shape)


def with_gradient(op, data, *args):
    def call(tf):
        x = tf.constant(data)
        with tf.GradientTape() as tape:
            tape.watch(x)
            out = op(tf)(x, *args)
            total = tf.reduce_sum(out * weights(out.shape))
        # tf.gather's gradient is an IndexedSlices in TensorFlow: made dense
        return {"output": out, "gradient": tf.convert_to_tensor(tape.gradient(total, x))}
    return call


def math(name):
    return lambda tf: getattr(tf.math, name)


UNSORTED = ("unsorted_segment_sum", "unsorted_segment_mean", "unsorted_segment_sqrt_n",
            "unsorted_segment_max", "unsorted_segment_min")
SORTED = ("segment_sum", "segment_mean", "segment_max", "segment_min")

GRADIENT_CASES = (
    [(name, with_gradient(math(name), ROWS, UNSORTED_IDS, 5)) for name in UNSORTED]
    + [(name + "_ids_2d", with_gradient(math(name), CUBE, CUBE_IDS, 3)) for name in UNSORTED]
    + [(name, with_gradient(math(name), ROWS, SORTED_IDS)) for name in SORTED]
    + [("gather_rows", with_gradient(lambda tf: tf.gather, ROWS, [5, 0, 5, 2])),
       ("gather_axis_1", with_gradient(lambda tf: (lambda x, i: tf.gather(x, i, axis=1)),
                                       CUBE, [[2, 0], [2, 2]]))]
)

INTS = np.array([1, 2, 4, -7], "int32")
VALUE_CASES = [
    ("unsorted_mean_of_ints", lambda tf: {"output": tf.math.unsorted_segment_mean(
        INTS, [0, 0, 1, 1], 3)}),
    ("unsorted_max_of_ints", lambda tf: {"output": tf.math.unsorted_segment_max(
        INTS, [0, 0, 1, 1], 3)}),
    ("unsorted_min_of_int64", lambda tf: {"output": tf.math.unsorted_segment_min(
        INTS.astype("int64"), [0, 0, 1, 1], 3)}),
    ("unsorted_sum_int64_num_segments", lambda tf: {"output": tf.math.unsorted_segment_sum(
        ROWS, tf.constant(UNSORTED_IDS), np.int64(4))}),
    ("unsorted_sum_scalar", lambda tf: {"output": tf.math.unsorted_segment_sum(
        tf.constant(3.0), tf.constant(1), 2)}),
    ("segment_mean_of_ints", lambda tf: {"output": tf.math.segment_mean(INTS, [0, 0, 1, 1])}),
    ("segment_sum_empty", lambda tf: {"output": tf.math.segment_sum(
        np.zeros((0, 2), "float32"), np.zeros((0,), "int32"))}),
    ("float64_mean", lambda tf: {"output": tf.math.unsorted_segment_mean(
        ROWS.astype("float64"), UNSORTED_IDS, 4)}),
    # bincount: what keras.io's GAT repeats each segment's sum by
    ("bincount", lambda tf: {"output": tf.math.bincount(np.array([1, 1, 3], "int32"))}),
    ("bincount_int64", lambda tf: {"output": tf.math.bincount(np.array([1, 1, 3], "int64"))}),
    ("bincount_minlength", lambda tf: {"output": tf.math.bincount(
        np.array([1, 1, 3], "int32"), minlength=6)}),
    ("bincount_maxlength", lambda tf: {"output": tf.math.bincount(
        np.array([1, 1, 3], "int32"), maxlength=2)}),
    ("bincount_weights", lambda tf: {"output": tf.math.bincount(
        np.array([1, 1, 3], "int32"), weights=np.array([0.5, 1.0, 2.0], "float32"))}),
    ("bincount_float_dtype", lambda tf: {"output": tf.math.bincount(
        np.array([1, 1, 3], "int32"), dtype=tf.float32)}),
    ("bincount_binary", lambda tf: {"output": tf.math.bincount(
        np.array([1, 1, 3], "int32"), binary_output=True)}),
    ("bincount_empty", lambda tf: {"output": tf.math.bincount(np.zeros(0, "int32"))}),
    ("bincount_matrix", lambda tf: {"output": tf.math.bincount(
        np.array([[1, 2], [2, 0]], "int32"))}),
    ("bincount_rows", lambda tf: {"output": tf.math.bincount(
        np.array([[1, 2], [2, 2]], "int32"), axis=-1)}),
]

ERROR_CASES = [
    ("id_too_large", lambda tf: tf.math.unsorted_segment_sum(ROWS, [0, 5, 0, 1, 0, 0], 3)),
    ("id_too_large_2d", lambda tf: tf.math.unsorted_segment_sum(
        CUBE, [[0, 1, 0], [1, 7, 0]], 3)),
    ("id_too_large_max", lambda tf: tf.math.unsorted_segment_max(ROWS, [0, 5, 0, 1, 0, 0], 3)),
    ("id_too_large_mean", lambda tf: tf.math.unsorted_segment_mean(ROWS, [0, 5, 0, 1, 0, 0], 3)),
    ("ids_shape", lambda tf: tf.math.unsorted_segment_sum(ROWS, [0, 1, 0], 3)),
    ("float_ids", lambda tf: tf.math.unsorted_segment_sum(ROWS, np.zeros(6, "float32"), 3)),
    ("uint8_ids", lambda tf: tf.math.unsorted_segment_sum(ROWS, np.zeros(6, "uint8"), 3)),
    ("negative_num_segments", lambda tf: tf.math.unsorted_segment_sum(ROWS, UNSORTED_IDS, -1)),
    ("num_segments_vector", lambda tf: tf.math.unsorted_segment_sum(ROWS, UNSORTED_IDS, [4])),
    ("num_segments_float", lambda tf: tf.math.unsorted_segment_sum(ROWS, UNSORTED_IDS, 4.0)),
    ("zero_segments", lambda tf: tf.math.unsorted_segment_sum(ROWS, SORTED_IDS, 0)),
    ("string_data", lambda tf: tf.math.unsorted_segment_sum(tf.constant(["a", "b"]), [0, 1], 2)),
    ("bool_max", lambda tf: tf.math.unsorted_segment_max(tf.constant([True, False]), [0, 1], 2)),
    ("sqrt_n_of_ints", lambda tf: tf.math.unsorted_segment_sqrt_n(INTS, [0, 0, 1, 1], 2)),
    ("sorted_not_increasing", lambda tf: tf.math.segment_sum(ROWS, [0, 0, 2, 1, 1, 3])),
    ("sorted_negative_first", lambda tf: tf.math.segment_max(ROWS, [-1, 0, 0, 1, 1, 1])),
    ("sorted_negative_later", lambda tf: tf.math.segment_sum(ROWS, [0, 0, -1, 2, 2, 2])),
    ("sorted_not_vector", lambda tf: tf.math.segment_sum(ROWS, [[0, 0, 1], [1, 2, 2]])),
    ("sorted_wrong_length", lambda tf: tf.math.segment_mean(ROWS, [0, 0, 1])),
    ("bincount_negative", lambda tf: tf.math.bincount(np.array([1, -1, 3], "int32"))),
    ("bincount_weights_shape", lambda tf: tf.math.bincount(
        np.array([1, 1, 3], "int32"), weights=np.array([0.5, 1.0], "float32"))),
    ("gather_negative", lambda tf: tf.gather(ROWS, [0, -1])),
    ("gather_too_large", lambda tf: tf.gather(ROWS, [0, 6])),
    ("gather_axis_1_2d", lambda tf: tf.gather(CUBE, [[0, 1], [4, 0]], axis=2)),
]

CASES = GRADIENT_CASES + VALUE_CASES + [(name, call) for name, call in ERROR_CASES]


def clean(message):
    """TensorFlow's error message without its kernel prefix and name suffix: first line."""
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(message).split("\n")[0])
    return re.sub(r" name: $", "", message)


def array(tensor):
    if tensor is None:
        return None
    value = np.asarray(tensor)
    return {"dtype": value.dtype.name, "shape": list(value.shape),
            "values": [float(v) for v in value.reshape(-1)]}


def describe(call, tf):
    try:
        results = call(tf)
    except Exception as e:  # noqa: BLE001 - the error is the result
        return {"error": type(e).__name__, "message": clean(e)}
    return {key: array(value) for key, value in results.items()}
