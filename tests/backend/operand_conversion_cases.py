"""Python numbers beside tensors in arithmetic and comparisons: the table both
``make_operand_conversion_fixtures.py`` (real TensorFlow) and
``test_operand_conversion.py`` (tracekeras's ``tf``) run. A Python float never fits an
integer tensor, even a whole one (``TypeError: Cannot convert 2.0 to EagerTensor of dtype
int64``; ``tf.add`` and ``/`` have messages of their own), where NumPy would truncate it
silently; Python ints, bools and NumPy scalars take the tensor's dtype. Plain NumPy only:
each case gets the ``tf`` module to call."""
import numpy as np


def int64(tf):
    return tf.constant(3, tf.int64)


def int32s(tf):
    return tf.constant([1, 2], tf.int32)


CASES = [
    ("float_times_int64", lambda tf: 0.5 * int64(tf)),
    ("int64_times_whole_float", lambda tf: int64(tf) * 2.0),
    ("int64_plus_float", lambda tf: int64(tf) + 2.0),
    ("float_plus_int64", lambda tf: 2.5 + int64(tf)),
    ("int64_minus_float", lambda tf: int64(tf) - 2.0),
    ("float_minus_int64", lambda tf: 0.5 - int64(tf)),
    ("int64_over_float", lambda tf: int64(tf) / 2.5),
    ("float_over_int64", lambda tf: 2.5 / int64(tf)),
    ("int64_floordiv_float", lambda tf: int64(tf) // 2.5),
    ("int64_mod_float", lambda tf: int64(tf) % 1.5),
    ("int64_power_float", lambda tf: int64(tf) ** 0.5),
    ("multiply_int32_float", lambda tf: tf.multiply(int32s(tf), 1.5)),
    ("add_int32_float", lambda tf: tf.add(int32s(tf), 1.5)),
    ("add_float_int32", lambda tf: tf.add(1.5, int32s(tf))),
    ("float_plus_int32", lambda tf: 1.5 + int32s(tf)),
    ("int_plus_int32", lambda tf: 2 + int32s(tf)),
    ("subtract_int32_float", lambda tf: tf.subtract(int32s(tf), 1.5)),
    ("divide_int32_float", lambda tf: tf.divide(int32s(tf), 1.5)),
    ("maximum_float_int64", lambda tf: tf.math.maximum(0.5, int64(tf))),
    ("minimum_int64_float", lambda tf: tf.math.minimum(int64(tf), 2.0)),
    ("pow_int32_float", lambda tf: tf.pow(int32s(tf), 0.5)),
    ("int32_less_than_float", lambda tf: int32s(tf) < 1.5),
    ("int32_equals_float", lambda tf: int32s(tf) == 1.5),
    ("int32_not_equal_float", lambda tf: int32s(tf) != 1.5),
    ("uint8_times_float", lambda tf: tf.constant(3, tf.uint8) * 1.5),
    # what still converts
    ("int64_times_int", lambda tf: int64(tf) * 2),
    ("int64_plus_bool", lambda tf: int64(tf) + True),
    ("int32_over_int", lambda tf: int32s(tf) / 2),
    ("float32_times_int", lambda tf: tf.constant(1.5) * 2),
    ("bool_times_float", lambda tf: tf.constant(True) * 1.5),
    ("int64_times_numpy_float", lambda tf: int64(tf) * np.float64(0.5)),
    ("int64_plus_numpy_float", lambda tf: int64(tf) + np.float64(0.5)),
]
