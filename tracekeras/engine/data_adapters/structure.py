"""The data structure rules every adapter shares (from ``keras/engine/data_adapter.py``).

What it owns: ``unpack_x_y_sample_weight`` / ``pack_x_y_sample_weight`` (the
``(x,)``, ``(x, y)``, ``(x, y, sample_weight)`` convention), ``_process_tensorlike``
(NumPy arrays, backend Tensors, pandas, SciPy sparse -> what batches are cut from;
floating arrays cast to ``backend.floatx()``), ``_check_data_cardinality`` (x, y and
sample weights must agree on the number of samples), ``_type_name`` (how
``select_data_adapter`` names an input it cannot handle) and the partial
sample-weight fill of ``training_utils.handle_partial_sample_weights``.

It receives user data and hands on normalised NumPy structures. No trace events.
"""
import sys

import numpy as np

from tracekeras.backend import Tensor, floatx, string_ops
from tracekeras.utils import nest

try:  # optional, as in Keras
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the environment
    pd = None


def unpack_x_y_sample_weight(data):
    """``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)`` -> ``(x, y, sample_weight)``.

    A list is read as a tuple; anything else is ``x`` alone.
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return (data, None, None)
    if len(data) == 1:
        return (data[0], None, None)
    if len(data) == 2:
        return (data[0], data[1], None)
    if len(data) == 3:
        return (data[0], data[1], data[2])
    items = ", ".join(f"array of shape {tuple(d.shape)}" if hasattr(d, "shape") else repr(d)
                      for d in data)   # Keras prints the arrays themselves: shapes are clearer
    raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
                     f"`(x, y, sample_weight)`, found: ({items}), a tuple of {len(data)} items")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The tuple ``Model.fit`` iterates: ``x`` alone (``(x,)`` if x is a tuple), ``(x, y)``,
    or ``(x, y, sample_weight)``."""
    if y is None:
        if not isinstance(x, tuple):
            return x
        return (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def _get_tensor_types():
    """What ``TensorLikeDataAdapter`` takes: ndarrays, backend Tensors, pandas objects."""
    if pd is None:
        return (Tensor, np.ndarray)
    return (Tensor, np.ndarray, pd.Series, pd.DataFrame)


def _is_scipy_sparse(x):
    sparse = sys.modules.get("scipy.sparse")  # not imported: x cannot be a sparse matrix
    return sparse is not None and sparse.issparse(x)


def _is_pandas_series(x):
    return pd is not None and isinstance(x, pd.Series)


def check_numeric(array):
    """Only numbers (and, before this check, strings) flow through the engine: say which
    dtype, or which object among strings, was refused."""
    if array.dtype == object and any(isinstance(v, (str, bytes)) for v in array.flat):
        # strings mixed with something else: Keras names the other thing's type
        other = next(v for v in array.flat if not isinstance(v, (str, bytes)))
        raise ValueError("Failed to convert a NumPy array to a Tensor (Unsupported object "
                         f"type {type(other).__name__}).")
    if array.dtype.kind not in "biufc":
        raise ValueError("Failed to convert a NumPy array to a Tensor (Unsupported dtype "
                         f"{array.dtype}). tracekeras takes numeric data (bool, integer or "
                         f"floating arrays). Received an array of shape {array.shape} and "
                         f"dtype {array.dtype}.")
    return array


def _process_tensorlike(inputs):
    """Normalise each leaf: Tensors and pandas to NumPy, floating dtypes to floatx.

    Keras converts to ``tf.Tensor`` here (``convert_to_tensor(x, dtype=floatx)`` for
    floating arrays); the NumPy arrays play that role. SciPy sparse matrices stay
    sparse (CSR) and are densified batch by batch. Lists become tuples.
    """

    def convert(x):
        if _is_pandas_series(x):
            x = np.expand_dims(x.to_numpy(), axis=-1)
        elif pd is not None and isinstance(x, pd.DataFrame):
            x = x.to_numpy()
        if isinstance(x, Tensor):
            x = np.asarray(x.value)
        if isinstance(x, np.ndarray) and x.dtype.kind in "OSU" and string_ops.is_string(x):
            return string_ops.strings(x)   # string tensors (from str, bytes or object arrays)
        if isinstance(x, np.ndarray):
            check_numeric(x)
            if issubclass(x.dtype.type, np.floating) and x.dtype != np.dtype(floatx()):
                return x.astype(floatx())
            return x
        if _is_scipy_sparse(x):
            x = x.tocsr()
            if issubclass(x.dtype.type, np.floating) and x.dtype != np.dtype(floatx()):
                x = x.astype(floatx())
            return x
        return x

    return nest.list_to_tuple(nest.map_structure(convert, inputs))


def is_none_or_empty(inputs):
    return inputs is None or not nest.flatten(inputs)


def _check_data_cardinality(data):
    """All of x, y and sample_weight must hold the same number of samples."""
    num_samples = {int(i.shape[0]) for i in nest.flatten(data) if i is not None}
    if len(num_samples) > 1:
        msg = "Data cardinality is ambiguous:\n"
        for label, single_data in zip(["x", "y", "sample_weight"], data):
            sizes = ", ".join(str(i.shape[0]) for i in nest.flatten(single_data)
                              if i is not None)
            msg += f"  {label} sizes: {sizes}\n"
        msg += "Make sure all arrays contain the same number of samples."
        raise ValueError(msg)


def _type_name(x):
    """A description of the type of an object, as Keras writes it in its errors."""
    if isinstance(x, dict):
        key_types = set(_type_name(key) for key in x.keys())
        val_types = set(_type_name(val) for val in x.values())
        return f"({type(x)} containing {key_types} keys and {val_types} values)"
    if isinstance(x, (list, tuple)):
        types = set(_type_name(val) for val in x)
        return f"({type(x)} containing values of types {types})"
    return str(type(x))


def handle_partial_sample_weights(outputs, sample_weights):
    """Sample weights given for some outputs only: the others get weights of 1.0."""
    if not isinstance(sample_weights, (list, tuple)):
        return sample_weights
    if all(w is None for w in sample_weights):
        return None
    if not any(w is None for w in sample_weights):
        return sample_weights
    flat_outputs = nest.flatten(outputs)
    return tuple(np.ones((flat_outputs[i].shape[0],), dtype=np.float32) if w is None else w
                 for i, w in enumerate(sample_weights))


def describe(structure):
    """Shapes and dtypes of a (batch) structure, for trace args (cheap, no statistics)."""
    def one(a):
        if a is None:
            return None
        shape = getattr(a, "shape", None)
        if shape is None:
            return type(a).__name__
        return {"shape": [int(d) for d in shape], "dtype": str(getattr(a, "dtype", "?"))}
    if nest.is_nested(structure):
        flat = nest.flatten(structure)
        if len(flat) > 8:
            return {"leaves": len(flat)}
        return [one(a) for a in flat]
    return one(structure)
