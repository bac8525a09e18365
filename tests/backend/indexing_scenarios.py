"""The table of indexing ops tracekeras must share with TensorFlow.

``tf.gather_nd``, ``tf.scatter_nd``, ``tf.tensor_scatter_nd_update``/``_add``/``_sub``,
``tf.boolean_mask``, ``tf.unique``, ``tf.math.bincount``, ``tf.nn.embedding_lookup`` and
``tf.searchsorted``. ``CASES``: ``(name, call, check)``, ``call(tf)`` a result or an error
(``check``: how its message is compared, ``tf_cases.assert_same``; ``kernel`` compares it
with TensorFlow's less the kernel's ``{{function_node ...}}`` prefix). ``GRADIENTS``:
``(name, call, inputs)``, ``call(tf, *tensors)`` differentiated (weighted sum) with respect
to each input. Written by ``make_tf_case_fixtures.py indexing`` into
``data/tf_indexing.json``, run on tracekeras by ``test_indexing_ops.py``. Plain NumPy only.
"""
import numpy as np

CUBE = np.arange(24, dtype="float32").reshape(2, 3, 4)
TABLE = np.arange(6, dtype="float32").reshape(3, 2)
SORTED = [0.0, 3.0, 9.0, 9.0, 10.0]
PROBES = [2.0, 4.0, 9.0, 11.0]

CASES = [
    ("gather_nd_slices", lambda tf: tf.gather_nd(CUBE, [[0, 1], [1, 2]]), "exact"),
    ("gather_nd_elements", lambda tf: tf.gather_nd(CUBE, [[0, 1, 2], [1, 0, 3]]), "exact"),
    ("gather_nd_nested_indices", lambda tf: tf.gather_nd(CUBE, [[[1]], [[0]]]), "exact"),
    ("gather_nd_batch_dims", lambda tf: tf.gather_nd(CUBE, [[1], [0]], batch_dims=1), "exact"),
    ("gather_nd_int64", lambda tf: tf.gather_nd(CUBE, tf.constant([[0, 1]], tf.int64)), "exact"),
    ("gather_nd_strings", lambda tf: tf.gather_nd([["a", "b"], ["c", "d"]], [[1, 0]]), "exact"),
    ("gather_nd_out_of_range", lambda tf: tf.gather_nd(CUBE, [[0, 1], [0, 5]]), "kernel"),
    ("gather_nd_negative", lambda tf: tf.gather_nd(CUBE, [[0, -1]]), "kernel"),
    ("gather_nd_too_deep", lambda tf: tf.gather_nd(CUBE, [[0, 1, 2, 3]]), "kernel"),
    ("gather_nd_float_indices", lambda tf: tf.gather_nd(CUBE, [[0.0, 1.0]]), "first_line"),
    ("scatter_nd", lambda tf: tf.scatter_nd([[1], [3]], [9.0, 10.0], [5]), "exact"),
    ("scatter_nd_repeated", lambda tf: tf.scatter_nd([[1], [1]], [9.0, 10.0], [5]), "exact"),
    ("scatter_nd_slices", lambda tf: tf.scatter_nd([[1]], [[1.0, 2.0]], [3, 2]), "exact"),
    ("scatter_nd_ints", lambda tf: tf.scatter_nd([[1]], [9], [5]), "exact"),
    ("scatter_nd_tensor_shape", lambda tf: tf.scatter_nd(
        tf.constant([[0, 1]]), tf.constant([5.0]), tf.constant([2, 2])), "exact"),
    ("scatter_nd_out_of_range", lambda tf: tf.scatter_nd([[7]], [9.0], [5]), "kernel"),
    ("scatter_nd_updates_outer", lambda tf: tf.scatter_nd([[1]], [9.0, 3.0], [5]), "kernel"),
    ("tensor_scatter_nd_update", lambda tf: tf.tensor_scatter_nd_update(
        tf.zeros([5]), [[1], [3]], [9.0, 10.0]), "exact"),
    ("tensor_scatter_nd_update_repeated", lambda tf: tf.tensor_scatter_nd_update(
        tf.zeros([5]), [[1], [1]], [9.0, 10.0]), "exact"),
    ("tensor_scatter_nd_update_2d", lambda tf: tf.tensor_scatter_nd_update(
        tf.zeros([3, 2]), [[1, 0], [2, 1]], [9.0, 8.0]), "exact"),
    ("tensor_scatter_nd_update_rows", lambda tf: tf.tensor_scatter_nd_update(
        tf.zeros([3, 2]), [[1]], [[9.0, 8.0]]), "exact"),
    ("tensor_scatter_nd_update_python_ints", lambda tf: tf.tensor_scatter_nd_update(
        tf.zeros([5]), [[1]], [9]), "exact"),
    ("tensor_scatter_nd_update_out_of_range", lambda tf: tf.tensor_scatter_nd_update(
        tf.zeros([5]), [[6]], [9.0]), "kernel"),
    ("tensor_scatter_nd_add", lambda tf: tf.tensor_scatter_nd_add(
        tf.ones([5]), [[1], [1]], [9.0, 10.0]), "exact"),
    ("tensor_scatter_nd_sub", lambda tf: tf.tensor_scatter_nd_sub(
        tf.ones([2, 2]), [[0], [1]], [[1.0, 2.0], [3.0, 4.0]]), "exact"),
    ("boolean_mask", lambda tf: tf.boolean_mask(CUBE, [True, False]), "exact"),
    ("boolean_mask_2d", lambda tf: tf.boolean_mask(
        CUBE, [[True, False, True], [False, False, True]]), "exact"),
    ("boolean_mask_axis", lambda tf: tf.boolean_mask(CUBE, [True, False, True], axis=1),
     "exact"),
    ("boolean_mask_int_mask", lambda tf: tf.boolean_mask(CUBE, [1, 0]), "exact"),
    ("boolean_mask_none_kept", lambda tf: tf.boolean_mask([1, 2, 3], [False] * 3), "exact"),
    ("boolean_mask_wrong_shape", lambda tf: tf.boolean_mask(CUBE, [True, False, True]),
     "exact"),
    ("boolean_mask_scalar", lambda tf: tf.boolean_mask(CUBE, True), "exact"),
    ("unique", lambda tf: tuple(tf.unique(tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]))), "exact"),
    ("unique_fields", lambda tf: [tf.unique([3.0, 1.0, 3.0]).y,
                                  tf.unique([3.0, 1.0, 3.0]).idx], "exact"),
    ("unique_int64_idx", lambda tf: tuple(tf.unique([5, 2, 5], out_idx=tf.int64)), "exact"),
    ("unique_strings", lambda tf: tuple(tf.unique(["b", "a", "b"])), "exact"),
    ("unique_2d", lambda tf: tf.unique([[1, 2]]), "kernel"),
    ("unique_with_counts", lambda tf: tuple(tf.unique_with_counts([4, 1, 4, 4, 2])), "exact"),
    ("unique_with_counts_int64", lambda tf: list(tf.unique_with_counts(
        tf.constant(["b", "a", "b"]), out_idx=tf.int64)), "exact"),
    ("bincount", lambda tf: tf.math.bincount(tf.constant([1, 1, 3])), "exact"),
    ("bincount_minlength", lambda tf: tf.math.bincount(tf.constant([1, 1, 3]), minlength=6),
     "exact"),
    ("bincount_maxlength", lambda tf: tf.math.bincount(tf.constant([1, 1, 3]), maxlength=2),
     "exact"),
    ("bincount_weights", lambda tf: tf.math.bincount(
        tf.constant([1, 1, 3]), weights=tf.constant([0.5, 1.0, 2.0])), "exact"),
    ("bincount_2d", lambda tf: tf.math.bincount(tf.constant([[1, 2], [0, 1]])), "exact"),
    ("bincount_2d_last_axis", lambda tf: tf.math.bincount(
        tf.constant([[1, 2], [0, 1]]), axis=-1), "exact"),
    ("bincount_empty", lambda tf: tf.math.bincount(tf.constant([], tf.int32)), "exact"),
    ("bincount_dtype", lambda tf: tf.math.bincount(tf.constant([1]), dtype=tf.float32), "exact"),
    ("bincount_binary", lambda tf: tf.math.bincount(tf.constant([1, 1, 2]), binary_output=True),
     "exact"),
    ("bincount_negative", lambda tf: tf.math.bincount(tf.constant([1, -1, 3])), "kernel"),
    ("embedding_lookup", lambda tf: tf.nn.embedding_lookup(TABLE, [2, 0, 2]), "exact"),
    ("embedding_lookup_2d_ids", lambda tf: tf.nn.embedding_lookup(TABLE, [[2, 0]]), "exact"),
    ("embedding_lookup_max_norm", lambda tf: tf.nn.embedding_lookup(TABLE, [2, 0], max_norm=1.0),
     "exact"),
    ("embedding_lookup_list", lambda tf: tf.nn.embedding_lookup([TABLE], [2]), "exact"),
    ("searchsorted", lambda tf: tf.searchsorted([SORTED], [PROBES]), "exact"),
    ("searchsorted_1d", lambda tf: tf.searchsorted(SORTED, PROBES), "exact"),
    ("searchsorted_right", lambda tf: tf.searchsorted(SORTED, PROBES, side="right"), "exact"),
    ("searchsorted_int64", lambda tf: tf.searchsorted(SORTED, [2.0], out_type=tf.int64),
     "exact"),
    ("searchsorted_side", lambda tf: tf.searchsorted(SORTED, [2.0], side="middle"), "exact"),
    ("searchsorted_rows_differ", lambda tf: tf.searchsorted([[0.0, 3.0]], [[2.0], [1.0]]),
     "kernel"),
    ("searchsorted_dtypes_differ", lambda tf: tf.searchsorted([0.0, 3.0], [2]), "exact"),
]

INPUTS = {"cube": CUBE / 10, "table": TABLE / 3,
          "rows": np.array([[0.5, -1.0], [2.0, 0.25]], "float32"),
          "five": np.array([0.5, -1.0, 2.0, 0.3, -0.7], "float32")}


def weights(shape):
    """The fixed output gradient: distinct weights of both signs."""
    size = int(np.prod(shape))
    return np.linspace(-1.5, 2.0, max(size, 1)).astype("float32")[:size].reshape(shape)


GRADIENTS = [
    ("gather_nd_gradient", lambda tf, p: tf.gather_nd(p, [[0, 1], [1, 2], [0, 1]]), ("cube",)),
    ("gather_nd_elements_gradient", lambda tf, p: tf.gather_nd(p, [[0, 1, 2], [0, 1, 2]]),
     ("cube",)),
    ("gather_nd_batch_gradient", lambda tf, p: tf.gather_nd(p, [[1], [1]], batch_dims=1),
     ("cube",)),
    ("scatter_nd_gradient", lambda tf, u: tf.scatter_nd([[1], [0]], u, [3, 2]) * 2.0,
     ("rows",)),
    ("tensor_scatter_nd_update_gradient", lambda tf, t, u: tf.tensor_scatter_nd_update(
        t, [[2], [0]], u), ("table", "rows")),
    ("tensor_scatter_nd_add_gradient", lambda tf, t, u: tf.tensor_scatter_nd_add(
        t, [[2], [2]], u), ("table", "rows")),
    ("tensor_scatter_nd_sub_gradient", lambda tf, t, u: tf.tensor_scatter_nd_sub(
        t, [[1], [0]], u), ("table", "rows")),
    ("boolean_mask_gradient", lambda tf, p: tf.boolean_mask(
        p, [[True, False, True], [False, False, True]]), ("cube",)),
    ("boolean_mask_axis_gradient", lambda tf, p: tf.boolean_mask(p, [False, True, True, False],
                                                                 axis=2), ("cube",)),
    ("embedding_lookup_gradient", lambda tf, t: tf.nn.embedding_lookup(t, [[2, 0], [2, 2]]),
     ("table",)),
    ("embedding_lookup_max_norm_gradient", lambda tf, t: tf.nn.embedding_lookup(
        t * 5.0, [2, 0, 1], max_norm=1.0), ("table",)),
    ("bincount_weights_gradient", lambda tf, w: tf.math.bincount(
        tf.constant([1, 1, 3, 0, 2]), weights=w), ("five",)),
    ("unique_gradient", lambda tf, x: tf.unique(x).y, ("five",)),
]
