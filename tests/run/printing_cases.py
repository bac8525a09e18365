"""The cases of ``make_printing_fixtures.py`` and ``test_printing.py``: what a program sees
when it prints TensorFlow's values. Each case is a function of the ``tf`` namespace (real
TensorFlow when making the fixture, tracekeras's under the shim in the test) returning the
lines the program would print: ``str``, ``repr`` and ``f"{}"`` of dtypes, tensors and
variables, what ``numpy()`` hands back for a scalar, the ``tensorflow`` logger's warnings
while casting complex numbers; an error is its type and message."""
import logging

import numpy as np

NUMERIC = ("float32", "float64", "float16", "int32", "int64", "int8", "uint8", "bool",
           "complex64", "complex128")


def outcome(case, tf):
    try:
        return [str(line) for line in case(tf)]
    except Exception as e:  # noqa: BLE001 - the error is the recorded result
        return [f"error {type(e).__name__}: {e}"]


def one_of(tf, name):
    """A scalar tensor of dtype ``name``."""
    if name == "string":
        return tf.constant("a")
    if name == "bool":
        return tf.constant(True)
    if name.startswith("complex"):
        return tf.cast(tf.complex(1.0, 2.0), getattr(tf, name))
    return tf.constant(1, dtype=getattr(tf, name))


def dtype_lines(dtype):
    return [str(dtype), repr(dtype), f"{dtype}", "%s" % (dtype,), dtype.name, [dtype],
            {"dtype": dtype}, dtype.is_floating, dtype.is_integer, dtype.is_bool,
            dtype.is_complex, dtype.as_numpy_dtype, dtype.size, repr(dtype.base_dtype)]


def dtype_of_tensors(tf):
    lines = []
    for name in NUMERIC + ("string",):
        t = one_of(tf, name)
        lines += [name] + dtype_lines(t.dtype)
    return lines


def dtype_comparisons(tf):
    lines = []
    for name in NUMERIC:
        t = one_of(tf, name)
        numpy_type = getattr(np, name)
        lines += [name, t.dtype == getattr(tf, name), t.dtype == name, t.dtype == numpy_type,
                  t.dtype == np.dtype(numpy_type), t.dtype != name, t.dtype != "float32",
                  t.dtype == "int16", t.dtype is getattr(tf, name),
                  t.dtype in (tf.float32, tf.float64), hash(t.dtype) == hash(getattr(tf, name))]
    s = tf.constant("a")
    lines += ["string", s.dtype == tf.string, s.dtype == "string", s.dtype == tf.float32,
              tf.float32 == None]  # noqa: E711 - what == None answers is the fact
    return lines


def dtype_names(tf):
    names = NUMERIC + ("string", "double", "half")
    return ([str(getattr(tf, n)) for n in names] + [repr(getattr(tf, n)) for n in names]
            + [getattr(tf, n).name for n in names]
            + [str(tf.as_dtype(n)) for n in NUMERIC] + [repr(tf.as_dtype(np.dtype(n)))
                                                       for n in NUMERIC]
            + [repr(tf.as_dtype(getattr(np, n))) for n in NUMERIC]
            + [tf.float32.min, tf.float32.max, tf.int32.min, tf.uint8.max,
               repr(tf.complex64.real_dtype), repr(tf.complex128.real_dtype)])


def dtype_of_variables_and_keras_tensors(tf):
    v = tf.Variable(1.0)
    x = tf.keras.Input((3,))
    layer = tf.keras.layers.Dense(2)
    y = layer(x)
    s = tf.keras.Input((1,), dtype="string")
    return [str(v.dtype), repr(v.dtype), str(x.dtype), repr(x.dtype), str(y.dtype),
            str(layer.kernel.dtype), repr(layer.kernel.dtype), repr(layer.dtype),
            str(s.dtype), s.dtype.name, str(tf.keras.Model(x, y)(tf.ones((1, 3))).dtype),
            tf.keras.backend.dtype(layer.kernel), tf.keras.backend.dtype(x),
            tf.keras.backend.dtype(s), tf.keras.backend.dtype(tf.constant(["a"])),
            tf.keras.layers.InputSpec(dtype=tf.float32)]


def numpy_of_scalars(tf):
    lines = []
    values = [tf.constant(1.5), tf.constant(1), tf.constant(True), tf.constant(b"ab"),
              tf.constant("x"), tf.constant(2.5, tf.float64), tf.constant(3, tf.int64),
              tf.constant(1, tf.uint8), tf.Variable(2.0), tf.Variable(7),
              tf.reduce_sum(tf.constant([1.0, 2.0])), tf.constant([1.5])[0]]
    for t in values:
        n = t.numpy()
        lines += [f"{type(n).__module__}.{type(n).__name__}", repr(n), str(n),
                  getattr(n, "shape", "no shape"),
                  [n], f"{n}"]
    for t in (tf.constant([1.5, 2.0]), tf.Variable([1.0, 2.0]), tf.constant([[1, 2]]),
              tf.constant(["a", "b"])):
        n = t.numpy()
        lines += [type(n).__name__, repr(n), str(n)]
    return lines


def tensors(tf):
    values = [
        tf.constant(1.5), tf.constant([1.5, 2.0]), tf.constant([[1.0, 2.0], [3.0, 4.0]]),
        tf.constant(3), tf.constant([1, 2]), tf.constant([[1, 2], [3, 4]]),
        tf.constant(True), tf.constant([True, False]), tf.constant([[True], [False]]),
        tf.constant(b"ab"), tf.constant("x"), tf.constant(["a", "bc"]),
        tf.constant([["a"], ["b"]]), tf.constant(1.5, tf.float64), tf.constant(1 / 3),
        tf.constant([1e-8, 1e8]), tf.constant(np.float16(0.1)), tf.constant(7, tf.int64),
        tf.constant(np.arange(2000.0)), tf.constant(np.arange(30.0).reshape(10, 3)),
        tf.constant(np.arange(24).reshape(2, 3, 4)), tf.zeros((0,)), tf.zeros((2, 0)),
        tf.complex(1.0, 2.0), tf.constant([np.nan, np.inf, -1.0]), tf.constant(-0.0)]
    lines = []
    for t in values:
        lines += [str(t), repr(t), f"{t}"]
    return lines


def variables(tf):
    values = [tf.Variable(2.0), tf.Variable([1.0, 2.0]), tf.Variable([[1, 2], [3, 4]], name="w"),
              tf.Variable(True), tf.Variable(np.arange(30.0).reshape(10, 3)),
              tf.Variable(1.0, name="scope/v"), tf.Variable(3, dtype=tf.int64)]
    lines = []
    for v in values:
        lines += [str(v), repr(v), f"{v}", v.name]
    return lines


def shapes(tf):
    t = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    x = tf.keras.Input((3,))
    lines = []
    for s in (t.shape, x.shape, t.shape[1:], t.get_shape(), tf.TensorShape([None, 3]),
              tf.constant(1.0).shape, tf.keras.layers.Dense(2)(x).shape):
        lines += [str(s), repr(s), f"{s}", [s], {"s": s}, (s,)]
    return lines + [t.shape[0], repr(x.shape[0]), tf.shape(t), tf.size(t)]


def python_ints(tf):
    return [tf.constant(2**31 - 1), tf.constant(2**40), tf.constant([1, 2**40]),
            tf.constant(-2**31), tf.constant(-2**31 - 1), tf.constant([[3]])]


def warnings_of(tf, run):
    """The ``tensorflow`` logger's records while ``run`` runs: level and message."""
    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(f"{record.levelname}: {record.getMessage()}")
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        run()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return seen


def complex_casts(tf):
    z = tf.complex(1.0, 2.0)

    def run():
        for _ in range(3):   # one call site, three eager calls
            tf.cast(z, tf.float32)
        tf.cast(z, tf.float32)
        tf.cast(tf.complex([1.0], [2.0]), tf.float64)
        tf.cast(tf.cast(z, tf.complex128), tf.float16)
        tf.cast(z, tf.int32)
        tf.cast(z, tf.bool)
        tf.cast(z, tf.complex128)
        tf.math.real(z)
        tf.keras.backend.cast(z, "float32")
    lines = warnings_of(tf, run)
    return lines + [tf.cast(z, tf.int32), tf.cast(tf.complex(0.0, 2.0), tf.bool)]


def complex_casts_in_a_function(tf):
    @tf.function
    def to_real(x):
        return tf.cast(x, tf.float32)

    def run():
        for _ in range(3):
            to_real(tf.complex(1.0, 2.0))
        to_real(tf.complex([1.0], [2.0]))   # another shape: traced again
    return warnings_of(tf, run)


CASES = {f.__name__: f for f in (
    dtype_of_tensors, dtype_comparisons, dtype_names, dtype_of_variables_and_keras_tensors,
    numpy_of_scalars, tensors, variables, shapes, python_ints, complex_casts,
    complex_casts_in_a_function)}
