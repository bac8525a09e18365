"""Lists and tuples that hold tensors, given to ops: the table both
``make_autopacking_fixtures.py`` (real TensorFlow) and ``test_autopacking.py``
(tracekeras's ``tf``) run. TensorFlow packs such a list into one tensor with its ``Pack``
op (``tf.stack``), so the gradient flows back to each tensor in it: the keras.io MIL
example's attention layer calls ``tf.math.softmax`` on a Python list of scores, and its
attention weights trained only if the list is packed on the tape. Each case gets the
``tf`` module and returns ``(value, gradients)``: the op's result and the gradient of its
sum with respect to the variables (``None`` where there is none), or raises. The integer
sums keep their dtype (``uint8`` wraps), as TensorFlow's do: NumPy's widen to 64 bits."""


def variables(tf):
    return tf.Variable([1.0, 2.0]), tf.Variable([[0.5], [-1.0]])


def through(tf, compute):
    x, w = variables(tf)
    with tf.GradientTape() as tape:
        y = compute(tf, x, w)
        total = tf.reduce_sum(tf.cast(y, "float32") * tf.cast(y, "float32"))
    return y, tape.gradient(total, [x, w])


CASES = [
    ("softmax_of_a_list", lambda tf: through(
        tf, lambda tf, x, w: tf.math.softmax([x * 3.0, x * x], axis=0))),
    ("nn_softmax_of_a_tuple", lambda tf: through(
        tf, lambda tf, x, w: tf.nn.softmax((x, tf.reshape(w, [2])), axis=0))),
    ("reduce_sum_of_tensor_and_numbers", lambda tf: through(
        tf, lambda tf, x, w: tf.reduce_sum([x, [1.0, 3.0]], axis=0))),
    ("reduce_mean_of_scalars", lambda tf: through(
        tf, lambda tf, x, w: tf.reduce_mean([x[0], 2.0 * x[1], w[1, 0]]))),
    ("nested_lists", lambda tf: through(
        tf, lambda tf, x, w: tf.reduce_max([[x[0], w[0, 0]], [1.0, x[1]]], axis=1))),
    ("convert_to_tensor_of_a_list", lambda tf: through(
        tf, lambda tf, x, w: tf.convert_to_tensor([x, 3.0 * x]))),
    ("matmul_of_a_list", lambda tf: through(
        tf, lambda tf, x, w: tf.matmul([x], w))),
    ("int_tensor_in_a_list", lambda tf: (tf.convert_to_tensor((tf.constant([1, 2]), [3, 4])),
                                         None)),
    ("mixed_dtypes_refused", lambda tf: (tf.convert_to_tensor(
        [tf.constant(1), tf.constant(2.0)]), None)),
    ("another_dtype_asked_converts", lambda tf: (tf.convert_to_tensor(
        [tf.constant(1.0), 2], dtype=tf.float64), None)),
    ("float_beside_an_int_tensor_refused", lambda tf: (tf.convert_to_tensor(
        [tf.constant(1), 2.5]), None)),
    ("float_list_beside_an_int_tensor_refused", lambda tf: (tf.reduce_sum(
        [tf.constant([1, 2]), [3.5, 4]]), None)),
    ("bool_beside_a_float_tensor", lambda tf: (tf.convert_to_tensor(
        [tf.constant(1.0), True]), None)),
    ("int32_sum_of_a_packed_list", lambda tf: (tf.reduce_sum([tf.constant(1), 2]), None)),
    ("uint8_sum_wraps", lambda tf: (tf.reduce_sum(
        tf.constant([[100, 100], [100, 100]], tf.uint8)), None)),
    ("int16_sum_along_an_axis", lambda tf: (tf.reduce_sum(
        tf.constant([[100, 100], [100, 100]], tf.int16), axis=0), None)),
]


def recorded(tf, call):
    """What a case gives, as JSON: value, dtype and gradients, or the error."""
    try:
        value, gradients = call(tf)
    except Exception as error:   # the error is what the case records
        return {"error": type(error).__name__, "message": str(error)}
    return {"value": value.numpy().tolist(), "dtype": value.dtype.name,
            "gradients": None if gradients is None else
            [None if g is None else g.numpy().tolist() for g in gradients]}
