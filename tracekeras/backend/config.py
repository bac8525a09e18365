"""Backend settings and the name counters (``keras.backend`` config functions).

Owns the default float type (``floatx``, float32 as in Keras), the fuzz factor
``epsilon`` (1e-7) and the per-prefix counters that give layers their Keras
names (``dense``, ``dense_1`` ...). ``clear_session`` resets the counters, as
``keras.backend.clear_session`` does.
"""
import collections

import numpy as np

FLOATX = "float32"
EPSILON = 1e-7
NAME_UIDS = collections.defaultdict(int)


def floatx():
    return FLOATX


def set_floatx(value):
    global FLOATX
    if value not in ("float16", "float32", "float64"):
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of "
                         "{'float16', 'float32', 'float64'}")
    FLOATX = str(value)


def epsilon():
    return EPSILON


def set_epsilon(value):
    global EPSILON
    EPSILON = float(value)


def get_uid(prefix=""):
    """keras.backend.get_uid: 1 on the first call for a prefix, then 2, 3 ..."""
    NAME_UIDS[prefix] += 1
    return NAME_UIDS[prefix]


def unique_object_name(base, zero_based=True):
    """``dense``, ``dense_1``, ``dense_2`` ... (``input_1``, ``input_2`` when not zero-based)."""
    n = get_uid(base)
    if zero_based:
        n -= 1
    return base if n == 0 else f"{base}_{n}"


def clear_session():
    """keras.backend.clear_session: forget the layer-name counters."""
    NAME_UIDS.clear()


def standardize_dtype(dtype):
    """A dtype's name; strings (``"string"``, ``tf.string``, ``object``) are ``"string"``."""
    if dtype is None:
        return FLOATX
    if dtype in ("string", str, bytes) or np.dtype(dtype) == object:
        return "string"
    return np.dtype(dtype).name
