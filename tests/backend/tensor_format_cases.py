"""f-strings, ``str`` and ``repr`` of tensors and variables (data/tf_tensor_format.json,
made by make_tensor_format_fixtures.py; checked in test_tensor_protocol.py): a scalar
formats as its Python number, a larger tensor as its NumPy array; ``repr`` is
``<tf.Tensor: shape=..., dtype=..., numpy=...>``, a variable's ``repr`` and ``str`` alike.
``cases(tf)`` runs on TensorFlow and on tracekeras's shim."""


def cases(tf):
    scalar, count = tf.constant(0.1), tf.constant(3)
    matrix, words = tf.constant([[0.5, 1.25]]), tf.constant(["ab"])
    return [f"{scalar}", f"{scalar:.3f}", f"{count}", f"{count:04d}", f"{matrix}",
            f"{words}", f"{tf.constant('ab')}"] + printed(tf)


def printed(tf):
    tensors = [tf.constant(63, tf.int64), tf.constant(2.5), tf.constant([[1.0, 2.0], [3.0, 4.0]]),
               tf.constant(["a", "bc"]), tf.constant("ab"), tf.constant([True, False]),
               tf.zeros((2, 0)), tf.constant([1, 2], tf.uint8)]
    variables = [tf.Variable([1.0, 2.0], name="w"), tf.Variable(3, name="count")]
    return ([repr(t) for t in tensors] + [str(t) for t in tensors]
            + [repr(v) for v in variables] + [str(v) for v in variables]
            + [f"{v}" for v in variables] + [refused(lambda: f"{variables[1]:d}")]
            + [repr((tensors[0], tensors[1]))])


def refused(call):
    try:
        call()
    except TypeError as exc:
        return f"TypeError: {exc}"
    return "not refused"
