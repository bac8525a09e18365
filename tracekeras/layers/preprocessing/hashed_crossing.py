"""HashedCrossing: two or more categorical features -> one of ``num_bins`` bins of their
combination (``keras.layers.preprocessing.hashed_crossing``).

What it owns: ``HashedCrossing(num_bins, output_mode="int", sparse=False)``, a layer
with no state. Called on a list or tuple of at least two inputs of equal shape (``()``,
``(batch,)`` or ``(batch, 1)``), each integer or string, it hashes each row's values
together as ``tf.sparse.cross_hashed`` does (``backend.fingerprint.cross_hashed``: an
integer enters as its own 64 bits, a string by its ``Fingerprint64``, mixed in turn by
``FingerprintCat64``) modulo ``num_bins``, keeping the inputs' shape; ``"one_hot"``
encodes the bins in ``num_bins`` columns.

What it receives: a list or tuple of integer or string Tensors/arrays (Python lists
too). What it hands on: int64 bins, or a float32 one-hot encoding; no gradient.

Trace events: the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend.fingerprint import cross_hashed
from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.backend.sparse_tensor import SparseTensor
from tracekeras.engine import base_layer
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.preprocessing.preprocessing_utils import (
    INT,
    ONE_HOT,
    compute_shape_for_encode_categorical,
    encode_categorical_inputs,
    validate_string_arg,
)


def as_input(x):
    """A Python list or scalar as an array, strings as objects (bytes), as ``tf.constant``."""
    if isinstance(x, (list, tuple, str, bytes, int)):
        array = np.asarray(x)
        return array.astype(object) if array.dtype.kind in "SU" else array
    return x


def shape_of(x):
    """An input's shape as a list (a ragged dimension is None)."""
    shape = getattr(x, "shape", None)
    return list(np.shape(x) if shape is None else shape)


def dtype_of(x):
    dtype = getattr(x, "dtype", None)
    return np.asarray(x).dtype if dtype is None else np.dtype(dtype)


class HashedCrossing(Layer):
    """``HashedCrossing(num_bins, output_mode="int", sparse=False)``."""

    def __init__(self, num_bins, output_mode="int", sparse=False, **kwargs):
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == INT else backend.floatx()
        input_dtype = kwargs["dtype"]
        super().__init__(**kwargs)
        if output_mode == INT and np.dtype(self._dtype).kind not in "iu":
            raise ValueError("When `output_mode='int'`, `dtype` should be an integer type. "
                             f"Received: dtype={input_dtype}")
        validate_string_arg(output_mode, (INT, ONE_HOT), "HashedCrossing", "output_mode")
        self.num_bins = num_bins
        self.output_mode = output_mode
        self.sparse = sparse

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, (list, tuple)):
            inputs = type(inputs)(as_input(x) for x in inputs)
        return super().__call__(inputs, *args, **kwargs)

    def call(self, inputs):
        self._check_at_least_two_inputs(inputs)
        self._check_input_shape_and_type(inputs)
        values = [np.asarray(getattr(x, "value", x)) for x in inputs]
        shape = values[0].shape
        if base_layer.executing_eagerly():
            bins = cross_hashed([v.reshape(-1) for v in values], self.num_bins).reshape(shape)
        else:   # on placeholders only the shape and dtype count
            bins = np.zeros(shape, np.int64)
        return encode_categorical_inputs(bins, self.output_mode, self.num_bins, self._dtype,
                                         sparse=self.sparse)

    def compute_output_shape(self, input_shapes):
        self._check_at_least_two_inputs(input_shapes)
        return compute_shape_for_encode_categorical(list(input_shapes[0]), self.output_mode,
                                                    self.num_bins)

    def get_config(self):
        config = super().get_config()
        config.update({"num_bins": self.num_bins, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config

    def _check_at_least_two_inputs(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError("`HashedCrossing` should be called on a list or tuple of inputs. "
                             f"Received: inputs={inputs}")
        if len(inputs) < 2:
            raise ValueError("`HashedCrossing` should be called on at least two inputs. "
                             f"Received: inputs={inputs}")

    def _check_input_shape_and_type(self, inputs):
        first_shape = shape_of(inputs[0])
        rank = len(first_shape)
        if rank > 2 or (rank == 2 and first_shape[-1] != 1):
            raise ValueError("All `HashedCrossing` inputs should have shape `[]`, "
                             f"`[batch_size]` or `[batch_size, 1]`. Received: inputs={inputs}")
        if not all(shape_of(x) == first_shape for x in inputs[1:]):
            raise ValueError("All `HashedCrossing` inputs should have equal shape. "
                             f"Received: inputs={inputs}")
        if any(isinstance(x, (RaggedTensor, SparseTensor)) for x in inputs):
            raise ValueError("All `HashedCrossing` inputs should be dense tensors. "
                             f"Received: inputs={inputs}")
        if not all(dtype_of(x).kind in "iuOSU" for x in inputs):
            raise ValueError("All `HashedCrossing` inputs should have an integer or string "
                             f"dtype. Received: inputs={inputs}")
