"""Subtract: ``inputs[0] - inputs[1]`` (``keras.layers.merging.subtract``).

What it owns: ``Subtract()`` (exactly two inputs) and ``subtract(inputs)``.
What it receives / hands on: two Tensors -> their difference (``ops.subtract``).
Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge


class Subtract(_Merge):
    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: input_shape={[tuple(s) for s in input_shape]}")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: inputs={inputs}")
        return ops.subtract(inputs[0], inputs[1])


def subtract(inputs, **kwargs):
    return Subtract(**kwargs)(inputs)
