"""Backend settings and the name counters (``keras.backend`` config functions).

Owns the default float type (``floatx``, float32 as in Keras), the fuzz factor
``epsilon`` (1e-7), the image data format (``image_data_format``/``set_image_data_format``,
``"channels_last"`` until set: what a layer or backend function given no ``data_format``
uses), the learning phase a script set (``LEARNING_PHASE``: None until
``set_learning_phase``; read in :mod:`tracekeras.backend.session_functions`), Keras's
manual-variable-initialization flag (kept, read by nothing: eagerly a variable holds its
value when it is made) and the per-prefix counters that give layers their Keras
names (``dense``, ``dense_1`` ...). ``clear_session`` resets the counters and forgets the
learning phase, as ``keras.backend.clear_session`` does.
"""
import collections

import numpy as np

FLOATX = "float32"
EPSILON = 1e-7
IMAGE_DATA_FORMAT = "channels_last"
LEARNING_PHASE = None       # 0 or 1 once set_learning_phase (or a learning_phase_scope) set it
MANUAL_VAR_INIT = False
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


def image_data_format():
    """``K.image_data_format``: ``"channels_last"`` (Keras's default) unless set."""
    return IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    """``K.set_image_data_format``: ``"channels_last"`` or ``"channels_first"``."""
    global IMAGE_DATA_FORMAT
    accepted_formats = {"channels_last", "channels_first"}
    if data_format not in accepted_formats:
        raise ValueError(f"Unknown `data_format`: {data_format}. Expected one of "
                         f"{accepted_formats}")
    IMAGE_DATA_FORMAT = str(data_format)


def manual_variable_initialization(value):
    """``K.manual_variable_initialization``: Keras's flag for graph mode, where variables
    waited for an initializer run; eagerly (and here) nothing reads it."""
    global MANUAL_VAR_INIT
    MANUAL_VAR_INIT = value


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
    """keras.backend.clear_session: forget the layer-name counters and the learning phase."""
    global LEARNING_PHASE
    NAME_UIDS.clear()
    LEARNING_PHASE = None


def standardize_dtype(dtype):
    """A dtype's name; strings (``"string"``, ``tf.string``, ``object``) are ``"string"``."""
    if dtype is None:
        return FLOATX
    if dtype in ("string", str, bytes) or np.dtype(dtype) == object:
        return "string"
    return np.dtype(dtype).name
