"""Add: the sum of a list of inputs (``keras.layers.merging.add``).

What it owns: ``Add()`` and its functional form ``add(inputs)``.
What it receives / hands on: a list of Tensors -> their element-wise sum (``ops.add``).
Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge


class Add(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return output


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)
