"""Minimum: the element-wise minimum of a list of inputs (``keras.layers.merging.minimum``).

What it owns: ``Minimum()`` and ``minimum(inputs)``.
What it receives / hands on: a list of Tensors -> one Tensor (``ops.minimum``).
Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge


class Minimum(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.minimum(output, x)
        return output


def minimum(inputs, **kwargs):
    return Minimum(**kwargs)(inputs)
