"""Two tensors of different dtypes in arithmetic, and a tensor beside a NumPy array or
scalar: the table both ``make_mixed_dtype_fixtures.py`` (real TensorFlow) and
``test_mixed_dtype.py`` (tracekeras's ``tf``) run. TensorFlow never promotes two tensors:
``tf.constant(2.0) + tf.constant(40)`` is an ``InvalidArgumentError`` naming the kernel
(``AddV2``, ``Sub``, ``Mul``, ``RealDiv``, ``MatMul``, ``Maximum`` ...) and both dtypes,
while a NumPy array or scalar is converted to the tensor's dtype. Plain NumPy only: each
case gets the ``tf`` module to call."""
import numpy as np


def f32(tf):
    return tf.constant([1.0, 2.0])


def f64(tf):
    return tf.constant([1.0, 2.0], tf.float64)


def f16(tf):
    return tf.constant([1.0, 2.0], tf.float16)


def i32(tf):
    return tf.constant([1, 2])


def i64(tf):
    return tf.constant([1, 2], tf.int64)


def flags(tf):
    return tf.constant([True, False])


def matrix(tf, dtype):
    return tf.constant([[1, 2], [3, 4]], dtype)


CASES = [
    # the brief's example: scalars
    ("scalar_float32_plus_int32", lambda tf: tf.constant(2.0) + tf.constant(40)),
    # operators, float32 beside int32 both ways
    ("float32_plus_int32", lambda tf: f32(tf) + i32(tf)),
    ("int32_plus_float32", lambda tf: i32(tf) + f32(tf)),
    ("float32_minus_int32", lambda tf: f32(tf) - i32(tf)),
    ("float32_times_int32", lambda tf: f32(tf) * i32(tf)),
    ("float32_over_int32", lambda tf: f32(tf) / i32(tf)),
    ("int32_over_float32", lambda tf: i32(tf) / f32(tf)),
    ("float32_floordiv_int32", lambda tf: f32(tf) // i32(tf)),
    ("float32_mod_int32", lambda tf: f32(tf) % i32(tf)),
    ("float32_power_int32", lambda tf: f32(tf) ** i32(tf)),
    ("float32_less_int32", lambda tf: f32(tf) < i32(tf)),
    ("float32_equals_int32", lambda tf: f32(tf) == i32(tf)),
    ("float32_matmul_int32", lambda tf: matrix(tf, tf.float32) @ matrix(tf, tf.int32)),
    # other dtype pairs
    ("float32_plus_float64", lambda tf: f32(tf) + f64(tf)),
    ("float64_times_float32", lambda tf: f64(tf) * f32(tf)),
    ("float16_plus_float32", lambda tf: f16(tf) + f32(tf)),
    ("float32_times_float16", lambda tf: f32(tf) * f16(tf)),
    ("int32_plus_int64", lambda tf: i32(tf) + i64(tf)),
    ("int64_minus_int32", lambda tf: i64(tf) - i32(tf)),
    ("int32_over_int64", lambda tf: i32(tf) / i64(tf)),
    ("bool_plus_float32", lambda tf: flags(tf) + f32(tf)),
    ("float32_times_bool", lambda tf: f32(tf) * flags(tf)),
    ("bool_and_int32", lambda tf: flags(tf) & i32(tf)),
    # the tf.* functions
    ("add_float32_int32", lambda tf: tf.add(f32(tf), i32(tf))),
    ("math_add_float32_float64", lambda tf: tf.math.add(f32(tf), f64(tf))),
    ("subtract_float32_int32", lambda tf: tf.subtract(f32(tf), i32(tf))),
    ("multiply_float32_int32", lambda tf: tf.multiply(f32(tf), i32(tf))),
    ("divide_float32_int32", lambda tf: tf.divide(f32(tf), i32(tf))),
    ("truediv_float32_float64", lambda tf: tf.math.truediv(f32(tf), f64(tf))),
    ("maximum_float32_int32", lambda tf: tf.maximum(f32(tf), i32(tf))),
    ("minimum_float32_float64", lambda tf: tf.minimum(f32(tf), f64(tf))),
    ("matmul_float32_float64", lambda tf: tf.matmul(matrix(tf, tf.float32),
                                                       matrix(tf, tf.float64))),
    ("pow_float32_int32", lambda tf: tf.pow(f32(tf), i32(tf))),
    ("squared_difference_float32_int32", lambda tf: tf.math.squared_difference(f32(tf),
                                                                                 i32(tf))),
    ("equal_float32_int32", lambda tf: tf.equal(f32(tf), i32(tf))),
    ("add_n_float32_int32", lambda tf: tf.add_n([f32(tf), i32(tf)])),
    ("where_float32_int32", lambda tf: tf.where(flags(tf), f32(tf), i32(tf))),
    ("where_float32_numpy_ints", lambda tf: tf.where(flags(tf), f32(tf), np.array([1, 2]))),
    ("bias_add_float32_float64", lambda tf: tf.nn.bias_add(tf.ones((2, 2)),
                                                           tf.ones(2, tf.float64))),
    # a NumPy scalar or array beside a tensor converts to the tensor's dtype
    ("float32_plus_numpy_float64", lambda tf: tf.constant(1.0) + np.float64(2)),
    ("numpy_float64_plus_float32", lambda tf: np.float64(2) + tf.constant(1.0)),
    ("float32_plus_numpy_ints", lambda tf: tf.constant(1.0) + np.array([1, 2])),
    ("float32_times_numpy_float64s", lambda tf: f32(tf) * np.array([0.5, 1.5])),
    ("int32_plus_numpy_int64s", lambda tf: i32(tf) + np.array([1, 2], np.int64)),
    ("int32_plus_numpy_floats", lambda tf: i32(tf) + np.array([0.5, 1.5])),
    ("add_float32_numpy_float64s", lambda tf: tf.add(f32(tf), np.array([0.5, 1.5]))),
    ("float16_plus_numpy_float32", lambda tf: f16(tf) + np.float32(0.5)),
    ("matmul_float32_numpy_ints", lambda tf: tf.matmul(matrix(tf, tf.float32),
                                                         np.array([[1, 0], [0, 1]]))),
    # the same dtype still computes
    ("float64_plus_float64", lambda tf: f64(tf) + f64(tf)),
    ("int64_times_int64", lambda tf: i64(tf) * i64(tf)),
]
