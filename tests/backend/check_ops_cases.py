"""``tf.debugging`` calls, passing and failing, as tutorials and guides make them
(data/tf_check_ops.json, made by make_check_ops_fixtures.py; checked by test_check_ops.py).
``outcome(case, tf)`` runs a case on TensorFlow or on tracekeras's shim: what it returned
(None, a tensor's values and dtype, a bool) or the error's type name and message."""
import numpy as np


def outcome(case, tf):
    try:
        result = case(tf)
    except Exception as error:   # noqa: BLE001 - the error is the outcome
        return {"error": [type(error).__name__, str(error)]}
    if result is None or isinstance(result, bool):
        return {"result": result}
    value = np.asarray(result)
    return {"values": value.tolist(), "dtype": value.dtype.name}


def ints(tf, values):
    return tf.constant(values, tf.int32)


CASES = {
    # the comparisons: pass, fail, message=, summarize=, broadcasting, dtypes
    "equal_pass": lambda tf: tf.debugging.assert_equal([1, 2], [1, 2]),
    "equal_fail": lambda tf: tf.debugging.assert_equal([1, 2], [1, 3]),
    "equal_message": lambda tf: tf.debugging.assert_equal(ints(tf, [1, 2]), ints(tf, [1, 3]),
                                                          message="labels differ"),
    "equal_summarize": lambda tf: tf.debugging.assert_equal(tf.range(10), tf.zeros(10, tf.int32),
                                                            summarize=2),
    "equal_default_summarize": lambda tf: tf.debugging.assert_equal(
        tf.range(10), tf.zeros(10, tf.int32)),
    "equal_2d": lambda tf: tf.debugging.assert_equal(tf.reshape(tf.range(6), (2, 3)),
                                                     tf.zeros((2, 3), tf.int32)),
    "equal_broadcast_pass": lambda tf: tf.debugging.assert_equal(ints(tf, [[1, 1]]), 1),
    "equal_broadcast_fail": lambda tf: tf.debugging.assert_equal(ints(tf, [[1, 2], [3, 1]]), 1),
    "equal_broadcast_column": lambda tf: tf.debugging.assert_equal(ints(tf, [1, 2]),
                                                                   ints(tf, [[1], [2]])),
    "equal_incompatible": lambda tf: tf.debugging.assert_equal(ints(tf, [1, 1, 1]),
                                                               ints(tf, [1, 1])),
    "equal_dtypes": lambda tf: tf.debugging.assert_equal(tf.constant([1.0]), tf.constant([1])),
    "equal_lists_dtypes": lambda tf: tf.debugging.assert_equal([1.0, 2.0], [1, 2]),
    "equal_float_tensor_int": lambda tf: tf.debugging.assert_equal(tf.constant([1.0]), 1),
    "less_float_tensor_float": lambda tf: tf.debugging.assert_less(tf.constant([[1.0, 2.0]]),
                                                                   3.0),
    "equal_shape_list": lambda tf: tf.debugging.assert_equal(tf.shape(tf.zeros((2, 3))), [2, 4]),
    "equal_scalars": lambda tf: tf.debugging.assert_equal(1, 2),
    "equal_numpy": lambda tf: tf.debugging.assert_equal(np.array([1.5]), np.array([2.5])),
    "equal_strings": lambda tf: tf.debugging.assert_equal(tf.constant(["a"]),
                                                          tf.constant(["b"])),
    "equal_bools": lambda tf: tf.debugging.assert_equal(tf.constant([True]),
                                                        tf.constant([False])),
    "equal_empty": lambda tf: tf.debugging.assert_equal(tf.zeros((0,)), tf.zeros((0,))),
    "less_pass": lambda tf: tf.debugging.assert_less(tf.constant([1.0, 2.0]),
                                                     tf.constant([1.5, 3.0])),
    "less_fail": lambda tf: tf.debugging.assert_less(tf.constant([1.0, 2.0]),
                                                     tf.constant([1.0, 3.0]), name="check"),
    "less_equal_fail": lambda tf: tf.debugging.assert_less_equal(ints(tf, [1, 4]),
                                                                 ints(tf, [1, 3])),
    "greater_pass": lambda tf: tf.debugging.assert_greater(ints(tf, [2, 4]), 1),
    "greater_fail": lambda tf: tf.debugging.assert_greater(ints(tf, [1, 2]), ints(tf, [1, 3])),
    "greater_equal_fail": lambda tf: tf.debugging.assert_greater_equal(ints(tf, [1, 2]),
                                                                       ints(tf, [1, 3])),
    "none_equal_fail": lambda tf: tf.debugging.assert_none_equal(ints(tf, [1, 2]),
                                                                 ints(tf, [1, 3])),
    "top_level_equal": lambda tf: tf.assert_equal(ints(tf, [1, 2]), ints(tf, [1, 3])),
    "top_level_less": lambda tf: tf.assert_less(ints(tf, [3]), ints(tf, [1])),
    "top_level_greater": lambda tf: tf.assert_greater(ints(tf, [3]), ints(tf, [1])),
    "top_level_rank": lambda tf: tf.assert_rank(tf.zeros((2, 3)), 3),
    # the sign checks
    "positive_pass": lambda tf: tf.debugging.assert_positive(tf.constant([0.5, 2.0])),
    "positive_fail": lambda tf: tf.debugging.assert_positive(ints(tf, [1, 0])),
    "positive_2d": lambda tf: tf.debugging.assert_positive(tf.constant([[1.5, 0.0], [2, 3]])),
    "negative_fail": lambda tf: tf.debugging.assert_negative(ints(tf, [1, 0])),
    "non_negative_pass": lambda tf: tf.debugging.assert_non_negative(ints(tf, [0, 3])),
    "non_negative_fail": lambda tf: tf.debugging.assert_non_negative(tf.constant([1.0, -2.0])),
    "non_negative_message": lambda tf: tf.debugging.assert_non_negative(
        tf.range(-5, 5), message="counts", summarize=3),
    "non_positive_fail": lambda tf: tf.debugging.assert_non_positive(ints(tf, [1, 0])),
    # assert_near
    "near_pass": lambda tf: tf.debugging.assert_near(tf.constant([1.0, 2.0]),
                                                     tf.constant([1.0, 2.000001])),
    "near_fail": lambda tf: tf.debugging.assert_near(tf.constant([1.0, 2.0]),
                                                     tf.constant([1.0, 2.1])),
    "near_message": lambda tf: tf.debugging.assert_near(tf.range(10.0), tf.zeros(10),
                                                        message="drift", summarize=3),
    "near_tolerance_pass": lambda tf: tf.debugging.assert_near(
        tf.constant([1.0, 2.0]), tf.constant([1.0, 2.1]), rtol=0.1),
    "near_tolerance_fail": lambda tf: tf.debugging.assert_near(
        tf.constant([1.0, 2.0], tf.float64), tf.constant([1.0, 2.5], tf.float64),
        rtol=0.1, atol=0.01),
    "near_integers": lambda tf: tf.debugging.assert_near(ints(tf, [1, 2]), ints(tf, [1, 3])),
    # ranks and shapes
    "rank_pass": lambda tf: tf.debugging.assert_rank(tf.zeros((2, 3)), 2),
    "rank_fail": lambda tf: tf.debugging.assert_rank(tf.zeros((2, 3)), 3),
    "rank_message": lambda tf: tf.debugging.assert_rank(tf.zeros((2, 3)), 3, message="images"),
    "rank_tensor": lambda tf: tf.debugging.assert_rank(tf.zeros((2, 3)), tf.constant(3)),
    "rank_list": lambda tf: tf.debugging.assert_rank([1, 2], 2),
    "rank_at_least_pass": lambda tf: tf.debugging.assert_rank_at_least(tf.zeros((2, 3)), 1),
    "rank_at_least_fail": lambda tf: tf.debugging.assert_rank_at_least(tf.zeros((2, 3)), 3),
    "rank_in_fail": lambda tf: tf.debugging.assert_rank_in(tf.zeros((2, 3)), (0, 1)),
    "shapes_pass": lambda tf: tf.debugging.assert_shapes(
        [(tf.zeros((2, 3)), ("N", "Q")), (tf.zeros((2,)), ("N",))]),
    "shapes_fail": lambda tf: tf.debugging.assert_shapes(
        [(tf.zeros((2, 3)), ("N", "Q")), (tf.zeros((3,)), ("N",))]),
    "shapes_message": lambda tf: tf.debugging.assert_shapes(
        [(tf.zeros((2, 3)), ("N", "Q")), (tf.zeros((3,)), ("N",))], message="batch"),
    "shapes_rank": lambda tf: tf.debugging.assert_shapes([(tf.zeros((2, 3)), ("N",))]),
    "shapes_rank_2": lambda tf: tf.debugging.assert_shapes([(tf.zeros((2, 3, 4)), ("N", "Q"))]),
    "shapes_size": lambda tf: tf.debugging.assert_shapes([(tf.zeros((2, 3)), (2, 4))]),
    "shapes_none": lambda tf: tf.debugging.assert_shapes([(tf.zeros((3, 4)), (None, 4))]),
    "shapes_scalar": lambda tf: tf.debugging.assert_shapes([(tf.zeros(()), ())]),
    "shapes_scalar_one": lambda tf: tf.debugging.assert_shapes([(tf.zeros(()), ("N",))]),
    "shapes_ellipsis_text": lambda tf: tf.debugging.assert_shapes(
        [(tf.zeros((2, 3, 4)), ("...", "Q")), (tf.zeros((4,)), ("Q",))]),
    "shapes_ellipsis": lambda tf: tf.debugging.assert_shapes([(tf.zeros((3, 2)), (..., 2))]),
    "shapes_ellipsis_rank": lambda tf: tf.debugging.assert_shapes(
        [(tf.zeros((2,)), (..., 3, 2))]),
    "shapes_ellipsis_size": lambda tf: tf.debugging.assert_shapes(
        [(tf.zeros((5, 3, 2)), (..., "B")), (tf.zeros((4, 3)), (..., "B"))]),
    # dtypes
    "type_pass": lambda tf: tf.debugging.assert_type(tf.constant([1.0]), tf.float32),
    "type_fail": lambda tf: tf.debugging.assert_type(tf.constant([1.0]), tf.int32),
    "type_message": lambda tf: tf.debugging.assert_type(tf.constant([1.0]), tf.int32,
                                                        message="ids"),
    "integer_fail": lambda tf: tf.debugging.assert_integer(tf.constant([1.0])),
    "scalar_fail": lambda tf: tf.debugging.assert_scalar(tf.constant([1.0])),
    "scalar_pass": lambda tf: tf.debugging.assert_scalar(tf.constant(2.0)),
    "is_numeric_int": lambda tf: tf.debugging.is_numeric_tensor(tf.constant(1)),
    "is_numeric_float": lambda tf: tf.debugging.is_numeric_tensor(tf.constant([1.0])),
    "is_numeric_string": lambda tf: tf.debugging.is_numeric_tensor(tf.constant("a")),
    "is_numeric_bool": lambda tf: tf.debugging.is_numeric_tensor(tf.constant(True)),
    "is_numeric_numpy": lambda tf: tf.debugging.is_numeric_tensor(np.ones(2)),
    # numerics
    "check_numerics_pass": lambda tf: tf.debugging.check_numerics(tf.constant([1.0, 2.0]),
                                                                  "bad"),
    "check_numerics_nan": lambda tf: tf.debugging.check_numerics(
        tf.constant([1.0, np.nan]), "loss"),
    "check_numerics_inf": lambda tf: tf.debugging.check_numerics(
        tf.constant([1.0, np.inf]), "loss"),
    "check_numerics_both": lambda tf: tf.debugging.check_numerics(
        tf.constant([np.nan, -np.inf]), "loss"),
    "check_numerics_list": lambda tf: tf.debugging.check_numerics([1.0, np.nan], "loss"),
    "check_numerics_int": lambda tf: tf.debugging.check_numerics(ints(tf, [1]), "loss"),
    "all_finite_pass": lambda tf: tf.debugging.assert_all_finite(tf.constant([1.0, 2.0]), "x"),
    "all_finite_fail": lambda tf: tf.debugging.assert_all_finite(
        tf.constant([1.0, np.nan], tf.float64), "weights"),
    # Assert
    "Assert_pass": lambda tf: tf.debugging.Assert(True, ["x"]),
    "Assert_fail": lambda tf: tf.debugging.Assert(tf.constant(False),
                                                  ["x is", ints(tf, [1, 2])]),
    "Assert_summarize": lambda tf: tf.debugging.Assert(
        False, ["a", tf.range(10), 3.5, np.arange(3)], summarize=4),
    "Assert_default": lambda tf: tf.debugging.Assert(False, [tf.range(10)]),
    "Assert_matrix": lambda tf: tf.debugging.Assert(False, [tf.ones((2, 2))]),
    "Assert_bools_and_strings": lambda tf: tf.debugging.Assert(
        False, [tf.constant([True, False]), tf.constant(["a", "b"])]),
    "Assert_number_condition": lambda tf: tf.debugging.Assert(tf.constant(1), ["a"]),
    "top_level_Assert": lambda tf: tf.Assert(tf.reduce_all(tf.constant([True, False])), ["b"]),
    # settings
    "set_log_device_placement": lambda tf: tf.debugging.set_log_device_placement(False),
    # inside Dataset.map the function runs per element; a failing check fails the iteration
    "map_pass": lambda tf: list(tf.data.Dataset.range(3).map(
        lambda x: tf.debugging.check_numerics(tf.cast(x, tf.float32), "in map"))),
}
