"""The table of control-flow and Python-function calls tracekeras must share with TensorFlow.

``tf.cond``, ``tf.while_loop``, ``tf.switch_case`` (eagerly, in a ``tf.function`` and in a
``Dataset.map``), ``tf.py_function``, ``tf.numpy_function`` and ``tf.custom_gradient``.
Each case of ``CASES`` is ``(name, call, check)``: ``call(tf)`` returns a result or
raises; ``check`` says how an error message is compared (``tf_cases.assert_same``).
Each case of ``GRADIENTS`` is ``(name, call, inputs)``: ``call(tf, *tensors)`` returns a
float tensor, differentiated (weighted sum) with respect to each input. ``DATASETS``:
``(name, build)``, a pipeline whose ``element_spec`` text and elements are compared. The
same tables run through real TensorFlow in ``make_tf_case_fixtures.py`` (which writes
``data/tf_control_flow.json``) and through tracekeras's ``tf`` in
``test_control_flow.py``. Plain NumPy only: no TensorFlow import here.
"""
import numpy as np

X = [1.0, 2.0, 3.0]
PYFUNC = r"pyfunc_\d+ returns 0 values, but expects to see 1 values\."
WEIGHTS = np.array([0.5, -1.25, 2.0], "float32")


def weights(shape):
    """The fixed output gradient of a gradient case (outputs here have at most 3 elements)."""
    return WEIGHTS[:int(np.prod(shape))].reshape(shape)


def loop_sum(tf, n):
    return tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + i),
                         (tf.constant(0), tf.constant(0)))


def in_function(tf, fn):
    return tf.function(fn)()


def doubled_in_numpy(a):
    return a * 2


def array(tf, size=2, **kwargs):
    return tf.TensorArray(tf.float32, size=size, **kwargs)


def read_twice(tf, **kwargs):
    ta = array(tf, 1, **kwargs).write(0, 1.0)
    return ta.read(0), ta.read(0)


def squares_in_a_loop(tf, n):
    return tf.while_loop(lambda i, t: i < n, lambda i, t: (
        i + 1, t.write(i, tf.cast(i * i, tf.float32))), [0, array(tf, 0, dynamic_size=True)])


CASES = [
    # tf.TensorArray: written and read by index, stacked
    ("tensor_array_stack", lambda tf: array(tf, 0, dynamic_size=True).write(0, 1.0).write(
        1, 2.0).stack(), "exact"),
    ("tensor_array_size", lambda tf: array(tf, 0, dynamic_size=True).write(2, 1.0).size(),
     "exact"),
    ("tensor_array_read", lambda tf: array(tf).write(1, [1.0, 2.0]).read(1), "exact"),
    ("tensor_array_read_twice", lambda tf: read_twice(tf), "exact"),
    ("tensor_array_read_twice_kept", lambda tf: read_twice(tf, clear_after_read=False),
     "exact"),
    ("tensor_array_unwritten_zeros", lambda tf: array(tf).write(0, [1.0, 2.0]).stack(),
     "exact"),
    ("tensor_array_empty_stack", lambda tf: array(tf, 0).stack(), "exact"),
    ("tensor_array_unstack", lambda tf: array(tf, 3).unstack(
        [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]).read(2), "exact"),
    ("tensor_array_gather", lambda tf: array(tf, 3).unstack([1.0, 2.0, 3.0]).gather([2, 0]),
     "exact"),
    ("tensor_array_python_int", lambda tf: array(tf, 1).write(0, 1).stack(), "exact"),
    ("tensor_array_in_while_loop", lambda tf: squares_in_a_loop(tf, 4)[1].stack(), "exact"),
    ("tensor_array_element_shape", lambda tf: array(tf, element_shape=[2]).write(
        0, [1.0, 2.0]).element_shape.as_list(), "exact"),
    ("tensor_array_past_the_end", lambda tf: array(tf).write(3, 1.0), "exact"),
    ("tensor_array_wrong_dtype", lambda tf: array(tf, 1).write(0, tf.constant(1)), "exact"),
    ("tensor_array_wrong_shape", lambda tf: array(tf).write(0, [1.0]).write(1, [1.0, 2.0]),
     "exact"),
    ("tensor_array_unknown_element", lambda tf: array(tf).read(1), "exact"),
    # tf.cond: the branch the predicate picks, its result untouched
    ("cond_true", lambda tf: tf.cond(tf.constant(X)[0] > 0, lambda: tf.constant(X) * 2,
                                     lambda: tf.constant(X) * 3), "exact"),
    ("cond_python_false", lambda tf: tf.cond(False, lambda: tf.constant(X) * 2,
                                             lambda: tf.constant(X) * 3), "exact"),
    ("cond_int_zero", lambda tf: tf.cond(tf.constant(0), lambda: 1.0, lambda: 2.0), "exact"),
    ("cond_list", lambda tf: tf.cond(tf.constant(False), lambda: [tf.constant(X), 1],
                                     lambda: [tf.constant(X) * 2, 2]), "exact"),
    ("cond_python_result", lambda tf: tf.cond(True, lambda: 3, lambda: 4), "exact"),
    ("cond_none_result", lambda tf: tf.cond(True, lambda: None, lambda: None), "exact"),
    ("cond_structures_differ_eagerly", lambda tf: tf.cond(
        True, lambda: (tf.constant(X), 1), lambda: tf.constant(X)), "exact"),
    ("cond_vector_pred", lambda tf: tf.cond(tf.constant(X) > 0, lambda: 1, lambda: 2),
     "exact"),
    ("cond_none_pred", lambda tf: tf.cond(None, lambda: 1, lambda: 2), "exact"),
    ("cond_no_true_fn", lambda tf: tf.cond(True, None, lambda: 1), "exact"),
    ("cond_no_false_fn", lambda tf: tf.cond(True, lambda: 1), "exact"),
    ("cond_not_callable", lambda tf: tf.cond(True, 3, lambda: 1), "exact"),
    ("cond_in_function", lambda tf: in_function(tf, lambda: tf.cond(
        tf.constant(2.0) > 1, lambda: 3, lambda: 4)), "exact"),
    # tf.while_loop: the body's structure kept, tensors at the end
    ("while_pair", lambda tf: loop_sum(tf, 5), "exact"),
    ("while_python_ints", lambda tf: tf.while_loop(lambda i: i < 10, lambda i: (i + 3,), [0]),
     "exact"),
    ("while_list_body", lambda tf: tf.while_loop(
        lambda i, j: i < 3, lambda i, j: [i + 1, j * 2.0], [tf.constant(0), tf.constant(1.0)]),
     "exact"),
    ("while_bare_body", lambda tf: tf.while_loop(lambda i: i < 10, lambda i: i + 1,
                                                 [tf.constant(0)]), "exact"),
    ("while_bare_body_in_function", lambda tf: in_function(tf, lambda: tf.while_loop(
        lambda i: i < 10, lambda i: i + 1, [tf.constant(0)])), "exact"),
    ("while_maximum_iterations", lambda tf: tf.while_loop(
        lambda i, s: i < 100, lambda i, s: [i + 1, s * 2.0], [tf.constant(0), tf.constant(1.0)],
        maximum_iterations=4), "exact"),
    ("while_maximum_iterations_tuple_body", lambda tf: tf.while_loop(
        lambda i: i < 10, lambda i: (i + 1,), [tf.constant(0)], maximum_iterations=3),
     "first_line"),
    ("while_shape_grows", lambda tf: tf.while_loop(
        lambda v: tf.shape(v)[0] < 4, lambda v: (tf.concat([v, v[:1] * 0 + 7], 0),),
        [tf.constant([1])]), "exact"),
    ("while_count_mismatch", lambda tf: tf.while_loop(
        lambda i, j: i < 3, lambda i, j: (i + 1,), [0, 1]), "first_line"),
    ("while_dict_vars", lambda tf: tf.while_loop(
        lambda d: d["a"] < 3, lambda d: ({"a": d["a"] + 1, "b": d["b"] * 2},),
        [{"a": tf.constant(0), "b": tf.constant(1.0)}]), "exact"),
    ("while_no_loop_vars", lambda tf: tf.while_loop(lambda: True, lambda: (), []), "exact"),
    ("while_cond_not_callable", lambda tf: tf.while_loop(3, lambda i: (i,), [1]), "exact"),
    ("while_body_not_callable", lambda tf: tf.while_loop(lambda i: i < 3, 3, [1]), "exact"),
    ("while_vector_cond", lambda tf: tf.while_loop(
        lambda i: i < 3, lambda i: (i + 1,), [tf.constant([0, 1])]), "exact"),
    ("while_maximum_iterations_vector", lambda tf: tf.while_loop(
        lambda i: i < 3, lambda i: (i + 1,), [0], maximum_iterations=[2, 3]), "exact"),
    # tf.switch_case: out of range takes default, or the last branch
    ("switch_list", lambda tf: tf.switch_case(tf.constant(1), [
        lambda: tf.constant(X), lambda: tf.constant(X) * 2]), "exact"),
    ("switch_out_of_range_default", lambda tf: tf.switch_case(
        tf.constant(5), [lambda: 1.0, lambda: 2.0], default=lambda: 7.0), "exact"),
    ("switch_out_of_range_last", lambda tf: tf.switch_case(
        tf.constant(5), [lambda: 1.0, lambda: 2.0]), "exact"),
    ("switch_negative", lambda tf: tf.switch_case(
        tf.constant(-1, tf.int64), [lambda: 1.0, lambda: 2.0, lambda: 3.0]), "exact"),
    ("switch_dict", lambda tf: tf.switch_case(tf.constant(0), {
        1: lambda: "one", 0: lambda: "zero"}), "exact"),
    ("switch_pairs", lambda tf: tf.switch_case(tf.constant(1), [
        (0, lambda: 10), (1, lambda: 11)]), "exact"),
    ("switch_in_function", lambda tf: in_function(tf, lambda: tf.switch_case(
        tf.constant(1), [lambda: 10, lambda: 11])), "exact"),
    ("switch_python_index", lambda tf: tf.switch_case(1, [lambda: 1]), "exact"),
    ("switch_float_index", lambda tf: tf.switch_case(tf.constant(1.0), [lambda: 1]), "exact"),
    ("switch_gap", lambda tf: tf.switch_case(tf.constant(0), {0: lambda: 1, 2: lambda: 2}),
     "exact"),
    ("switch_empty", lambda tf: tf.switch_case(tf.constant(0), []), "exact"),
    ("switch_not_pairs", lambda tf: tf.switch_case(tf.constant(0), [(0, 1, 2)]), "exact"),
    ("switch_string_key", lambda tf: tf.switch_case(tf.constant(0), {"a": lambda: 1}),
     "exact"),
    ("switch_variable_index", lambda tf: tf.switch_case(tf.Variable(0), [lambda: 1]), "exact"),
    ("switch_vector_index", lambda tf: tf.switch_case(tf.constant([0]), [lambda: 1]),
     "'then' must be at least a vector, but saw shape: \\[\\] \\[Op:Select\\]"),
    # tf.py_function: tensors in, Tout out
    ("py_function", lambda tf: tf.py_function(lambda a: a * 2, [tf.constant(X)], tf.float32),
     "exact"),
    ("py_function_list_tout", lambda tf: tf.py_function(
        lambda a: (a * 2, tf.cast(a, tf.int32)), [tf.constant(X)], [tf.float32, tf.int32]),
     "exact"),
    ("py_function_numpy_result", lambda tf: tf.py_function(
        lambda a: np.ones(2), [tf.constant(X)], tf.float32), "exact"),
    ("py_function_python_inputs", lambda tf: tf.py_function(
        lambda a, b: a + tf.cast(b, tf.int32), [3, 2.5], tf.int32), "exact"),
    ("py_function_strings", lambda tf: tf.py_function(
        lambda s: tf.strings.upper(s), [tf.constant(["ab", "c"])], tf.string), "exact"),
    ("py_function_extra_results_dropped", lambda tf: tf.py_function(
        lambda a: (a, a * 2), [tf.constant(X)], tf.float32), "exact"),
    ("py_function_empty_tout", lambda tf: tf.py_function(lambda a: None, [1.0], []), "exact"),
    ("py_function_decorator", lambda tf: tf.py_function(Tout=tf.float32)(
        lambda a, b: a + b)(tf.constant(1.0), tf.constant(2.0)), "exact"),
    ("py_function_in_function", lambda tf: in_function(tf, lambda: tf.py_function(
        lambda a: a * 2, [tf.constant(X)], tf.float32)), "exact"),
    ("py_function_wrong_dtype", lambda tf: tf.py_function(
        lambda a: tf.cast(a, tf.int32), [tf.constant(X)], tf.float32),
     "ValueError: Tensor conversion requested dtype float32 for Tensor with dtype int32"),
    ("py_function_returns_none", lambda tf: tf.py_function(
        lambda a: None, [tf.constant(X)], tf.float32), PYFUNC),
    ("py_function_raises", lambda tf: tf.py_function(
        lambda a: 1 / 0, [tf.constant(X)], tf.float32), "ZeroDivisionError: division by zero"),
    ("py_function_no_tout", lambda tf: tf.py_function(lambda a: a, [1.0], None), "exact"),
    ("py_function_no_inp", lambda tf: tf.py_function(lambda a: a, Tout=tf.float32), "exact"),
    ("py_function_decorator_with_inp", lambda tf: tf.py_function(inp=[1.0], Tout=tf.float32),
     "exact"),
    ("py_function_not_callable", lambda tf: tf.py_function(3, [1.0], tf.float32), "exact"),
    # tf.numpy_function: arrays in; eagerly the results as they are, in a graph of Tout
    ("numpy_function", lambda tf: tf.numpy_function(doubled_in_numpy, [tf.constant(X)],
                                                    tf.float32), "exact"),
    ("numpy_function_float64_eagerly", lambda tf: tf.numpy_function(
        lambda a: a.astype("float64"), [tf.constant(X)], tf.float32), "exact"),
    ("numpy_function_python_int_eagerly", lambda tf: tf.numpy_function(
        lambda a: 3, [tf.constant(X)], tf.int64), "exact"),
    ("numpy_function_list", lambda tf: tf.numpy_function(
        lambda a: [a, a + 1], [tf.constant(X)], [tf.float32, tf.float32]), "exact"),
    ("numpy_function_float64_in_function", lambda tf: in_function(tf, lambda: tf.numpy_function(
        lambda a: a.astype("float64"), [tf.constant(X)], tf.float32)),
     "0-th value returned by pyfunc_\\d+ is double, but expects float"),
    ("numpy_function_count_in_function", lambda tf: in_function(tf, lambda: tf.numpy_function(
        lambda a: (a, a), [tf.constant(X)], tf.float32)),
     "pyfunc_\\d+ returns 2 values, but expects to see 1 values\\."),
    ("numpy_function_raises_eagerly", lambda tf: tf.numpy_function(
        lambda a: 1 / 0, [tf.constant(X)], tf.float32), "exact"),
    ("numpy_function_no_inp", lambda tf: tf.numpy_function(lambda a: a, None, tf.float32),
     "exact"),
]


def log1pexp(tf):
    @tf.custom_gradient
    def fn(x):
        e = tf.exp(x)

        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad
    return fn


def clipped_product(tf):
    @tf.custom_gradient
    def fn(x, y):
        def grad(dz):
            return tf.clip_by_norm(dz, 0.5), 2 * dz
        return x * y, grad
    return fn


def reversed_gradient(tf):
    @tf.custom_gradient
    def fn(x):
        def grad(dy):
            return -dy
        return tf.identity(x), grad
    return fn


def two_results(tf):
    @tf.custom_gradient
    def fn(x):
        def grad(d1, d2):
            return d1 + 10 * d2
        return (x * 2, tf.reduce_sum(x * x)), grad
    return fn


def scaled_by(tf, v):
    @tf.custom_gradient
    def fn(x):
        def grad(dy, variables=None):
            return dy * 10.0, [dy * 100.0]
        return x * v, grad
    return fn


def while_power(tf, x):
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x + 1.0),
                         [tf.constant(0), x])
    return y


def tensor_array_squares(tf, x):
    ta = tf.TensorArray(tf.float32, size=3)
    for i in range(3):
        ta = ta.write(i, x[i] * x[i])
    return ta.stack()


GRADIENTS = [
    ("tensor_array_gradient", tensor_array_squares, ("x",)),
    ("tensor_array_unstack_gradient", lambda tf, x: tf.TensorArray(
        tf.float32, size=3).unstack(tf.exp(x)).gather([2, 0, 2]), ("x",)),
    ("cond_gradient", lambda tf, x: tf.cond(tf.reduce_sum(x) > 0, lambda: x * x,
                                            lambda: tf.exp(x)), ("x",)),
    ("cond_gradient_false", lambda tf, x: tf.cond(tf.reduce_sum(x) < 0, lambda: x * x,
                                                  lambda: tf.exp(x)), ("x",)),
    ("while_gradient", while_power, ("x",)),
    ("switch_gradient", lambda tf, x: tf.switch_case(tf.constant(1), [
        lambda: x, lambda: tf.sin(x) * x]), ("x",)),
    ("py_function_gradient", lambda tf, x: tf.py_function(
        lambda a: a * a * a, [x], tf.float32), ("x",)),
    ("py_function_two_inputs", lambda tf, x, y: tf.py_function(
        lambda a, b: a * tf.exp(b), [x, y], tf.float32), ("x", "y")),
    ("numpy_function_gradient", lambda tf, x: tf.numpy_function(
        lambda a: a * a, [x], tf.float32) + x, ("x",)),
    ("custom_log1pexp", lambda tf, x: log1pexp(tf)(x), ("x",)),
    ("custom_two_inputs", lambda tf, x, y: clipped_product(tf)(x, y), ("x", "y")),
    ("custom_reversed", lambda tf, x: reversed_gradient(tf)(x) * x, ("x",)),
    ("custom_two_results", lambda tf, x: two_results(tf)(x)[0] + two_results(tf)(x)[1],
     ("x",)),
]

INPUTS = {"x": np.array([0.5, -1.0, 2.0], "float32"), "y": np.array([0.3, 0.2, -0.4], "float32")}


def custom_cases(tf):
    """custom_gradient cases that need a variable or a nested tape: name -> outcome call."""
    v = tf.Variable([1.0, 2.0, 3.0])
    x = tf.constant(INPUTS["x"])

    def variables_gradient():
        with tf.GradientTape() as tape:
            tape.watch(x)
            z = scaled_by(tf, v)(x)
        return tape.gradient(z, [x, v])

    def variables_refused():
        @tf.custom_gradient
        def fn(a):
            return a * v, lambda dy: dy
        with tf.GradientTape() as tape:
            tape.watch(x)
            fn(x)

    def wrong_count():
        @tf.custom_gradient
        def fn(a, b):
            return a * b, lambda dz: dz
        with tf.GradientTape() as tape:
            tape.watch(x)
            z = fn(x, x)
        return tape.gradient(z, x)

    def second_order():
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                z = log1pexp(tf)(x)
            g = inner.gradient(z, x)
        return g, outer.gradient(g, x)

    def none_gradient():
        @tf.custom_gradient
        def fn(a, b):
            return a * b, lambda dz: (dz, None)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * 1.0
            tape.watch(y)
            z = fn(x, y)
        return tape.gradient(z, [x, y])

    return {"custom_variables": (variables_gradient, "exact"),
            "custom_variables_refused": (variables_refused,
                                         "@tf.custom_gradient grad_fn must accept keyword "
                                         "argument 'variables', since function uses variables"),
            "custom_wrong_count": (wrong_count, "exact"),
            "custom_second_order": (second_order, "exact"),
            "custom_none_gradient": (none_gradient, "exact"),
            "custom_without_tape": (lambda: log1pexp(tf)(x), "exact")}


def numbers(tf):
    return tf.data.Dataset.from_tensor_slices(np.arange(4, dtype="float32"))


def decoded(tf, a):
    y = tf.py_function(lambda b: tf.fill([2], b), [a], tf.float32)
    y.set_shape([None])
    return y, a


DATASETS = [
    ("map_cond", lambda tf: numbers(tf).map(
        lambda v: tf.cond(v > 1, lambda: v * 2, lambda: -v))),
    ("map_cond_shapes", lambda tf: numbers(tf).map(
        lambda v: tf.cond(v > 1, lambda: tf.fill([2], v), lambda: tf.fill([3], v)))),
    ("map_while", lambda tf: numbers(tf).map(lambda v: tf.while_loop(
        lambda i, s: i < 3, lambda i, s: (i + 1, s * 2), [0, v]))),
    ("map_py_function", lambda tf: numbers(tf).map(
        lambda a: tf.py_function(lambda b: b * 2, [a], tf.float32))),
    ("map_numpy_function", lambda tf: numbers(tf).map(lambda a: tf.numpy_function(
        lambda b: (b * 2, np.arange(3)), [a], (tf.float32, tf.int64)))),
    ("map_py_function_set_shape", lambda tf: numbers(tf).map(lambda a: decoded(tf, a))),
    ("map_py_function_then_ops", lambda tf: numbers(tf).map(
        lambda a: tf.py_function(lambda b: tf.fill([2], b), [a], tf.float32) * 2.0 + 1)),
    ("map_py_function_batched", lambda tf: numbers(tf).map(
        lambda a: tf.py_function(lambda b: b * 2, [a], tf.float32)).batch(2)),
    ("map_numpy_function_float64", lambda tf: numbers(tf).map(lambda a: tf.numpy_function(
        lambda b: b.astype("float64"), [a], tf.float32))),
]
