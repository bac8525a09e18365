"""CategoryEncoding: integer categories -> one-hot, multi-hot or count rows
(``keras.layers.preprocessing.category_encoding``).

What it owns: ``CategoryEncoding(num_tokens=None, output_mode="multi_hot",
sparse=False)``, a layer with no state: ``call(inputs, count_weights=None)`` checks
that every value lies in ``[0, num_tokens)`` and encodes the values with
``preprocessing_utils.encode_categorical_inputs`` (``one_hot``: a row per value;
``multi_hot``/``count``: a row per sample, the last axis being the sample; a rank-1
input is one sample); ``count_weights`` (same shape as the inputs, ``count`` mode
only) add each value's weight instead of 1.

What it receives: int32/int64 Tensors or arrays of rank 0 to 2 (floats, truncated, when
not ``sparse``; other dtypes are refused as TensorFlow's kernels refuse them:
``bincount_dtypes``). What it hands on: a float32
Tensor (the layer's dtype) ending in ``num_tokens`` columns; no gradient.

Trace events: the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.engine import base_layer
from tracekeras.engine.base_layer import Layer
from tracekeras.layers.preprocessing.bincount_dtypes import (
    check_bincount_dtype,
    check_range_dtype,
)
from tracekeras.layers.preprocessing.preprocessing_utils import (
    COUNT,
    MULTI_HOT,
    ONE_HOT,
    compute_shape_for_encode_categorical,
    encode_categorical_inputs,
    validate_string_arg,
)


class CategoryEncoding(Layer):
    """``CategoryEncoding(num_tokens=None, output_mode="multi_hot", sparse=False)``."""

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        if "max_tokens" in kwargs:   # the deprecated name Keras still takes
            num_tokens = kwargs.pop("max_tokens")
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = backend.floatx()
        super().__init__(**kwargs)
        if output_mode == "binary":
            output_mode = MULTI_HOT
        validate_string_arg(output_mode, (COUNT, ONE_HOT, MULTI_HOT), "CategoryEncoding",
                            "output_mode")
        if num_tokens is None:
            raise ValueError("num_tokens must be set to use this layer. If the number of tokens "
                             "is not known beforehand, use the IntegerLookup layer instead.")
        if num_tokens < 1:
            raise ValueError(f"`num_tokens` must be >= 1. Received: num_tokens={num_tokens}.")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse

    def call(self, inputs, count_weights=None):
        values = np.asarray(getattr(inputs, "value", inputs))
        if count_weights is not None:
            if self.output_mode != COUNT:
                raise ValueError("`count_weights` is not used when `output_mode` is not "
                                 "`'count'`. Received `count_weights={count_weights}`.")
            count_weights = np.asarray(getattr(count_weights, "value", count_weights),
                                       self._dtype)
        eager = base_layer.executing_eagerly()
        check_range_dtype(values.dtype, eager)
        if eager and values.size and (values.max() >= self.num_tokens or values.min() < 0):
            raise InvalidArgumentError(
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                "b'Input values must be in the range 0 <= values < num_tokens with "
                f"num_tokens={self.num_tokens}'")
        # the rank is checked before the bincount kernel meets the dtype (on placeholders
        # Keras's batch size is unknown)
        shape = list(values.shape)
        if shape and not eager:
            shape[0] = None
        compute_shape_for_encode_categorical(shape, self.output_mode, self.num_tokens)
        check_bincount_dtype(values.dtype, self.sparse, eager)
        if not eager:
            values = np.zeros(values.shape, np.int64)
        return encode_categorical_inputs(values, self.output_mode, self.num_tokens, self._dtype,
                                         count_weights=count_weights, sparse=self.sparse)

    def compute_output_shape(self, input_shape):
        input_shape = list(input_shape)
        # the call's refusal of an output of rank 3, on the symbolic shape: (None, None)
        # with one_hot, where a placeholder's 1 would pass
        compute_shape_for_encode_categorical(input_shape, self.output_mode, self.num_tokens)
        if not input_shape:
            return (self.num_tokens,)
        if self.output_mode == ONE_HOT and input_shape[-1] != 1:
            return tuple(input_shape + [self.num_tokens])
        return tuple(input_shape[:-1] + [self.num_tokens])

    def get_config(self):
        config = super().get_config()
        config.update({"num_tokens": self.num_tokens, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config
