"""Softmax: ``exp(x) / sum(exp(x))`` along ``axis`` (``keras.layers.activation.softmax``).

What it owns: ``Softmax(axis=-1)``. An axis tuple normalizes over several axes at
once. A mask (1 where a value counts, 0 where it does not) pushes the masked
inputs down by 1e9 before the softmax, as Keras does, so they get no weight.

What it receives: a Tensor (and its mask, from ``Layer.__call__`` or ``mask=``).
What it hands on: a Tensor of the same shape (``backend.nn.softmax``, which leaves
its input on the output as ``keras_logits``); the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import nn, ops
from tracekeras.engine.base_layer import Layer

LARGE_NEGATIVE = -1e9   # Keras's ``_large_compatible_negative`` for float32 and float64


def large_compatible_negative(dtype):
    """-1e9, or the lowest float16 where -1e9 would not fit."""
    if np.dtype(dtype) == np.float16:
        return float(np.finfo(np.float16).min)
    return LARGE_NEGATIVE


class Softmax(Layer):
    """``Softmax(axis=-1)``: an integer or a tuple of integers."""

    def __init__(self, axis=-1, robust_masking=False, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.robust_masking = robust_masking
        self.axis = axis

    def call(self, inputs, mask=None):
        if mask is not None:
            negative = large_compatible_negative(inputs.dtype)
            mask_value = np.asarray(getattr(mask, "value", mask))
            if self.robust_masking:
                keep = mask_value if mask_value.dtype == np.bool_ else mask_value > 0.5
                inputs = ops.where(keep, inputs, negative)
            else:
                adder = (1.0 - mask_value.astype(inputs.dtype)) * np.asarray(negative,
                                                                              inputs.dtype)
                inputs = ops.add(inputs, adder)
        axis = self.axis
        if isinstance(axis, (tuple, list)):
            axis = tuple(axis) if len(axis) > 1 else axis[0]
        return nn.softmax(inputs, axis=axis)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        if self.robust_masking:
            config["robust_masking"] = True
        return config
