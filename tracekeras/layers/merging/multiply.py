"""Multiply: the element-wise product of a list of inputs (``keras.layers.merging.multiply``).

What it owns: ``Multiply()`` and ``multiply(inputs)``.
What it receives / hands on: a list of Tensors -> their product (``ops.multiply``).
Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge


class Multiply(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.multiply(output, x)
        return output


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)
