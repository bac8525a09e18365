"""f-strings of tensors (data/tf_tensor_format.json, made by make_tensor_format_fixtures.py;
checked in test_tensor_protocol.py): a scalar formats as its Python number, a larger
tensor as its NumPy array. ``cases(tf)`` runs on TensorFlow and on tracekeras's shim."""


def cases(tf):
    scalar, count = tf.constant(0.1), tf.constant(3)
    matrix, words = tf.constant([[0.5, 1.25]]), tf.constant(["ab"])
    return [f"{scalar}", f"{scalar:.3f}", f"{count}", f"{count:04d}", f"{matrix}",
            f"{words}", f"{tf.constant('ab')}"]
