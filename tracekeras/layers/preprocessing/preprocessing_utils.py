"""What the categorical preprocessing layers share
(``keras.layers.preprocessing.preprocessing_utils``).

What it owns: the output mode names (``INT``, ``ONE_HOT``, ``MULTI_HOT``, ``COUNT``,
``TF_IDF``); ``encode_categorical_inputs``, which turns integer indices into rows of
``depth`` columns as Keras does with ``tf.math.bincount(minlength=depth,
maxlength=depth, axis=-1)``: ``one_hot`` gives each value its own row (a trailing axis
of 1 is added unless there is one), ``multi_hot`` and ``count`` count the values of
each row (a rank-1 input is one row), indices at or past ``depth`` are dropped (how a
mask index falls out of the counts), ``count_weights`` add a weight instead of 1, and
``tf_idf`` multiplies the counts by the idf weights; ``listify`` (Keras's
``listify_tensors``, for configs); ``validate_string_arg`` (Keras's
``layer_utils.validate_string_arg``, its message, spelling included).

What it receives: NumPy integer arrays of rank 0 to 2, or a list of rows of different
lengths (a ragged batch). What it hands on: float (or int) Tensors, or with ``sparse=True``
a ``SparseTensor`` holding an entry for each index present in a row (Keras's
``tf.sparse.bincount``), whose dense form is the Tensor's.

Trace events: none.
"""
import numpy as np

from tracekeras.backend import floatx
from tracekeras.backend.sparse_tensor import SparseTensor
from tracekeras.backend.tensor import Tensor
from tracekeras.engine.base_layer import SYMBOLIC_CALLS

INT, ONE_HOT, MULTI_HOT, COUNT, TF_IDF = "int", "one_hot", "multi_hot", "count", "tf_idf"
CUSTOM_CALLABLE_HINT = ("If restoring a model and `{arg}` is a custom callable, please ensure "
                        "the callable is registered as a custom object. See https://www."
                        "tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_"
                        "object for details. ")


def validate_string_arg(value, allowed, layer_name, arg_name, allow_none=False,
                        allow_callables=False):
    if (allow_none and value is None) or (allow_callables and callable(value)) or (
            isinstance(value, str) and value in allowed):
        return
    kinds = ("`None`, " if allow_none else "") + ("a `Callable`, " if allow_callables else "")
    hint = CUSTOM_CALLABLE_HINT.format(arg=arg_name) if allow_callables else ""
    raise ValueError(f"Unkown value for `{arg_name}` argument of layer {layer_name}. {hint}"
                     f"Allowed values are: {kinds}or one of the following values: {allowed}. "
                     f"Received: {value}")


def int_or_float_dtype(dtype, output_mode):
    """The dtype of a layer whose output is bins (``Hashing``, ``Discretization``): int64 for
    ``"int"`` (also in place of a non-integer dtype given), floatx otherwise."""
    if dtype is None:
        return "int64" if output_mode == INT else floatx()
    if output_mode == INT and np.dtype(dtype).kind not in "iu":
        return "int64"
    return dtype


def check_sparse(sparse, output_mode, quote="'"):
    """Keras's refusal of ``sparse=True`` with ``output_mode="int"`` (``quote``: how the layer
    quotes the modes)."""
    if sparse and output_mode == INT:
        modes = ", ".join(f"`{quote}{m}{quote}`" for m in (ONE_HOT, MULTI_HOT))
        raise ValueError(f"`sparse` may only be true if `output_mode` is {modes}, or "
                         f"`{quote}{COUNT}{quote}`. Received: sparse={sparse} and "
                         f"output_mode={output_mode}")


def listify(value):
    """A NumPy array (or tuple) as plain lists, for a config."""
    if isinstance(value, (np.ndarray, np.generic)):
        return value.tolist()
    return list(value) if isinstance(value, tuple) else value


def bincount_rows(rows, depth, binary_output, dtype, count_weights=None):
    """One row of ``depth`` counts per row of indices (values outside [0, depth) dropped)."""
    out = np.zeros((len(rows), depth), dtype)
    for i, row in enumerate(rows):
        row = np.asarray(row, np.int64).reshape(-1)
        keep = (row >= 0) & (row < depth)
        weights = (np.ones(row.shape, dtype) if count_weights is None
                   else np.asarray(count_weights[i], dtype).reshape(-1))
        np.add.at(out[i], row[keep], weights[keep])
    if binary_output:
        out = (out != 0).astype(dtype)
    return out


def encode_categorical_inputs(inputs, output_mode, depth, dtype="float32", count_weights=None,
                              idf_weights=None, sparse=False):
    """``one_hot``/``multi_hot``/``count``/``tf_idf`` rows from integer indices: a Tensor, or
    with ``sparse`` a ``SparseTensor`` of every (row, index) the inputs hold, in row-major
    order, as ``tf.sparse.bincount`` makes it (an entry whose weights sum to 0 is kept)."""
    dtype = np.dtype(dtype)
    if output_mode == INT:
        return Tensor(np.asarray(inputs).astype(dtype))
    out = encode_dense(inputs, output_mode, depth, dtype, count_weights, idf_weights)
    if not sparse:
        return Tensor(out)
    present = encode_dense(inputs, ONE_HOT if output_mode == ONE_HOT else COUNT, depth,
                           np.int64) != 0
    return SparseTensor(np.argwhere(present), out[present], out.shape)


def encode_dense(inputs, output_mode, depth, dtype, count_weights=None, idf_weights=None):
    """The encoded rows as a NumPy array of ``dtype``."""
    if isinstance(inputs, list):   # a ragged batch: one row per document
        out = bincount_rows(inputs, depth, output_mode in (MULTI_HOT, ONE_HOT), dtype,
                            count_weights)
    else:
        original_shape = np.shape(inputs)
        if original_shape and SYMBOLIC_CALLS[0]:   # placeholders: Keras's batch is unknown
            original_shape = (None,) + original_shape[1:]
        inputs = np.asarray(inputs, np.int64)
        if count_weights is not None:
            count_weights = np.asarray(count_weights)
        if inputs.ndim == 0:
            inputs = inputs.reshape(1)
            count_weights = None if count_weights is None else count_weights.reshape(1)
        if output_mode == ONE_HOT and inputs.shape[-1] != 1:
            inputs = inputs[..., None]
            count_weights = None if count_weights is None else count_weights[..., None]
        if inputs.ndim > 2:
            raise ValueError("When output_mode is not `'int'`, maximum supported output rank "
                             f"is 2. Received output_mode {output_mode} and input shape "
                             f"{shape_text(original_shape)}, which would result in output rank "
                             f"{inputs.ndim}.")
        rows = inputs.reshape(1, -1) if inputs.ndim == 1 else inputs
        weights = (None if count_weights is None
                   else count_weights.reshape(rows.shape))
        out = bincount_rows(list(rows), depth, output_mode in (MULTI_HOT, ONE_HOT), dtype,
                            weights)
        if inputs.ndim == 1:
            out = out[0]
    if output_mode == TF_IDF:
        out = out * np.asarray(idf_weights, dtype)
    return out


def compute_shape_for_encode_categorical(shape, output_mode, depth):
    """The shape ``encode_categorical_inputs`` gives ``shape`` (None for an unknown size)."""
    shape = list(shape)
    if output_mode == INT:
        return tuple(shape)
    if not shape:
        return (depth,)
    original_shape = shape
    if output_mode == ONE_HOT and shape[-1] != 1:
        shape = shape + [1]
    if len(shape) > 2:
        raise ValueError("When output_mode is not `'int'`, maximum supported output rank "
                         f"is 2. Received output_mode {output_mode} and input shape "
                         f"{shape_text(original_shape)}, which would result in output rank "
                         f"{len(shape)}.")
    return tuple(shape[:-1] + [depth])


def shape_text(shape):
    """A shape as TensorFlow prints a TensorShape: ``(2, 3, 1)``, ``(None, 3)``."""
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
