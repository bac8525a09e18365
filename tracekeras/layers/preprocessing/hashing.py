"""Hashing: strings or integers -> one of ``num_bins`` bins
(``keras.layers.preprocessing.hashing``).

What it owns: ``Hashing(num_bins, mask_value=None, salt=None, output_mode="int",
sparse=False)``, a layer with no state. Each value (an integer is first written in
decimal, as ``tf.as_string``) is hashed as TensorFlow hashes it: FarmHash's
``Fingerprint64`` (``tf.strings.to_hash_bucket_fast``), or with a ``salt`` SipHash-2-4
keyed by the two salt words (``to_hash_bucket_strong``; one integer salt is used
twice), modulo the number of bins (see ``backend.fingerprint``). With a
``mask_value`` the mask gets bin 0 and the others ``1 + hash mod (num_bins - 1)``.
The other output modes encode the bins in ``num_bins`` columns.

What it receives: string or integer Tensors/arrays. What it hands on: int64 bins, or a
float32 encoding; no gradient.

Trace events: the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras.backend import fingerprint
from tracekeras.backend.string_ops import InvalidArgumentError, as_bytes
from tracekeras.engine import base_layer
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.preprocessing.preprocessing_utils import (
    COUNT,
    INT,
    MULTI_HOT,
    ONE_HOT,
    check_sparse,
    compute_shape_for_encode_categorical,
    encode_categorical_inputs,
    int_or_float_dtype,
    validate_string_arg,
)


class Hashing(Layer):
    """``Hashing(num_bins, mask_value=None, salt=None, output_mode="int", sparse=False)``."""

    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False,
                 **kwargs):
        if num_bins is None or num_bins <= 0:
            raise ValueError("The `num_bins` for `Hashing` cannot be `None` or non-positive "
                             f"values. Received: num_bins={num_bins}.")
        kwargs["dtype"] = int_or_float_dtype(kwargs.get("dtype"), output_mode)
        super().__init__(**kwargs)
        validate_string_arg(output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT), "Hashing",
                            "output_mode")
        check_sparse(sparse, output_mode, quote='"')
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = None
        if salt is not None:
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                self.salt = salt
            elif isinstance(salt, int):
                self.salt = [salt, salt]
            else:
                raise ValueError("The `salt` argument for `Hashing` can only be a tuple of size "
                                 f"2 integers, or a single integer. Received: salt={salt}.")

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, (list, tuple, str, bytes)):
            inputs = np.asarray(inputs, dtype=object)
        return super().__call__(inputs, *args, **kwargs)

    def call(self, inputs):
        values = np.asarray(getattr(inputs, "value", inputs))
        bins = self._hash_values_to_bins(values)
        return encode_categorical_inputs(bins, self.output_mode, self.num_bins, self._dtype,
                                         sparse=self.sparse)

    def _hash_values_to_bins(self, values):
        """Each value's bin: its hash modulo the bins (the mask value, if any, bin 0)."""
        if not base_layer.executing_eagerly():
            return np.zeros(values.shape, np.int64)
        hash_bins = self.num_bins
        mask = None
        if self.mask_value is not None and hash_bins > 1:
            hash_bins -= 1
            mask = values == self.mask_value
        out = np.array([self._bucket(self._as_bytes(v), hash_bins) for v in values.flat],
                       np.int64).reshape(values.shape)
        if mask is not None:
            out = np.where(mask, 0, out + 1)
        return out

    def _as_bytes(self, value):
        if isinstance(value, (bytes, str, np.bytes_, np.str_)):
            return as_bytes(value)
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            return str(int(value)).encode("ascii")
        raise InvalidArgumentError("Hashing takes strings or integers. Received a value "
                                   f"{value!r} of type {type(value).__name__}")

    def _bucket(self, data, hash_bins):
        if self.strong_hash:
            return fingerprint.to_hash_bucket_strong(data, hash_bins, self.salt)
        return fingerprint.to_hash_bucket_fast(data, hash_bins)

    def compute_output_shape(self, input_shape):
        return compute_shape_for_encode_categorical(input_shape, self.output_mode, self.num_bins)

    def get_config(self):
        config = super().get_config()
        config.update({"num_bins": self.num_bins, "salt": self.salt,
                       "mask_value": self.mask_value, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config
