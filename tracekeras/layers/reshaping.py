"""Flatten and Reshape: layers that change a tensor's shape, not its values
(``keras.layers.reshaping.flatten``, ``keras.layers.reshaping.reshape``).

What it owns: ``Flatten()`` (``(batch, d1, d2, ...)`` -> ``(batch, d1*d2*...)``; with
``data_format="channels_first"``, or that image data format set, the channels are moved
last before, as Keras does, so the order of the values is the channels-last one)
and ``Reshape(target_shape)`` (``(batch,) + target_shape``, one ``-1`` allowed),
with Keras's errors for impossible shapes.

What it receives / hands on: Tensors, reshaped with ``backend.ops.reshape``
(differentiable, a view when NumPy can).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import array_ops, ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils


class Flatten(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        if inputs.ndim == 1:
            return ops.reshape(inputs, (inputs.shape[0], 1))
        if self.data_format == "channels_first" and inputs.ndim > 2:
            # channels moved last first, so that the values come in channels-last order
            inputs = array_ops.transpose(inputs, (0,) + tuple(range(2, inputs.ndim)) + (1,))
        return ops.reshape(inputs, (inputs.shape[0], -1))

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if not input_shape:
            return (1,)
        rest = input_shape[1:]
        size = None if any(d is None for d in rest) else int(np.prod(rest, dtype=np.int64))
        return (input_shape[0], size if rest else 1)

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config


def fix_unknown_dimension(input_shape, output_shape):
    """Keras's ``Reshape._fix_unknown_dimension``: resolve the one ``-1`` in ``output_shape``."""
    output_shape = list(output_shape)
    msg = ("total size of new array must be unchanged, input_shape = "
           f"{list(input_shape)}, output_shape = {output_shape}")
    known, unknown = 1, None
    for index, dim in enumerate(output_shape):
        if dim < 0:
            if unknown is not None:
                raise ValueError("There must be at most one unknown dimension in output_shape. "
                                 f"Received: output_shape={output_shape}.")
            unknown = index
        else:
            known *= dim
    original = int(np.prod(input_shape, dtype=np.int64))
    if unknown is not None:
        if known == 0 or original % known != 0:
            raise ValueError(msg)
        output_shape[unknown] = original // known
    elif original != known:
        raise ValueError(msg)
    return tuple(output_shape)


class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, inputs):
        target = fix_unknown_dimension(inputs.shape[1:], self.target_shape)
        return ops.reshape(inputs, (inputs.shape[0],) + target)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if None in input_shape[1:]:
            return (input_shape[0],) + tuple(d if d != -1 else None for d in self.target_shape)
        return (input_shape[0],) + fix_unknown_dimension(input_shape[1:], self.target_shape)

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = self.target_shape
        return config
