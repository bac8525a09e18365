"""``tf.pad`` as keras.io's multi-label classification uses it (a list of one string
tensor padded with ``constant_values="<pad>"``, the amount a scalar tensor), and numbers
in each mode (data/tf_pad.json, made by make_pad_fixtures.py; checked by test_pad.py).
``cases(tf)`` runs on TensorFlow and on tracekeras (through ``tracekeras.shim``)."""
import numpy as np


def listed(tensor):
    value = np.asarray(tensor)
    return [v.decode() if isinstance(v, bytes) else v for v in value.reshape(-1).tolist()], \
        list(value.shape)


def cases(tf):
    text = tf.constant("deep learning")
    amount = tf.constant(3) - tf.shape(tf.strings.split(text, sep=" "))[0]
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    out = {"strings": listed(tf.pad([text], [[0, amount]], constant_values="<pad>")),
           "joined": listed(tf.strings.reduce_join(
               tf.pad([text], [[0, amount]], constant_values="<pad>"), separator=""))}
    for mode in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        out[mode] = listed(tf.pad(x, [[1, 0], [0, 1]], mode=mode, constant_values=7.0))
    try:
        tf.pad(x, [[1, 0], [0, 1]], mode="WRAP")
    except ValueError as error:
        out["bad_mode"] = [type(error).__name__, str(error)]
    return out
