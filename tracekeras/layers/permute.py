"""Permute: the non-batch axes of the input in a new order
(``keras.layers.reshaping.permute``).

What it owns: ``Permute(dims)``, ``dims`` a permutation of 1 .. rank - 1 (the batch axis
stays first), refused with Keras's message otherwise; its input spec (``ndim=len(dims) +
1``), ``compute_output_shape`` and ``get_config``.

What it receives / hands on: a Tensor -> ``tf.transpose(inputs, perm=(0,) + dims)``
(differentiable: the gradient is transposed back).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import array_ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec


class Permute(Layer):
    """``Permute(dims)``: ``Permute((2, 1))`` swaps the first two axes after the batch."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set "
                             "of indices in `dims` must be consecutive and start from 1. "
                             f"Received dims={dims}")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        return (input_shape[0],) + tuple(input_shape[dim] for dim in self.dims)

    def call(self, inputs):
        return array_ops.transpose(inputs, perm=(0,) + self.dims)

    def get_config(self):
        config = super().get_config()
        config["dims"] = self.dims
        return config
