"""Masking: mark the timesteps to skip (``keras.layers.core.masking.Masking``).

What it owns: ``Masking(mask_value=0.0)``. A timestep whose features all equal
``mask_value`` is masked: ``call`` zeroes it in the output and puts the boolean mask
``(batch, time)`` on the output Tensor (its ``keras_mask``, Keras's ``_keras_mask``), which
the next recurrent layer reads as its ``mask``; ``compute_mask`` gives the same mask.

What it receives: ``(batch, time, features)`` Tensors.

What it hands on: the masked Tensor, carrying its mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import Tensor, convert, ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.keras_tensor import KerasTensor


class Masking(Layer):
    """``Masking(mask_value=0.0)``."""

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.mask_value = mask_value

    def compute_mask(self, inputs, mask=None):
        if isinstance(inputs, KerasTensor):   # while a model is built: the mask's shape only
            return KerasTensor(inputs.shape[:-1], "bool", layer_name=self.name)
        values = convert(inputs).value
        return Tensor(np.any(values != self.mask_value, axis=-1))

    def call(self, inputs):
        keep = self.compute_mask(inputs)
        outputs = ops.multiply(inputs, keep.value[..., None].astype(inputs.dtype))
        outputs.keras_mask = keep
        return outputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config
