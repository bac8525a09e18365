"""Average: the element-wise mean of a list of inputs (``keras.layers.merging.average``).

What it owns: ``Average()`` and ``average(inputs)``: the sum, divided by the count.
What it receives / hands on: a list of Tensors -> one Tensor (``ops.add``, ``ops.divide``).
Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge


class Average(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return ops.divide(output, np.asarray(len(inputs), output.dtype))


def average(inputs, **kwargs):
    return Average(**kwargs)(inputs)
