"""Maximum: the element-wise maximum of a list of inputs (``keras.layers.merging.maximum``).

What it owns: ``Maximum()`` and ``maximum(inputs)``.
What it receives / hands on: a list of Tensors -> one Tensor (``ops.maximum``).
Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge


class Maximum(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.maximum(output, x)
        return output


def maximum(inputs, **kwargs):
    return Maximum(**kwargs)(inputs)
