"""The base of the merge layers: several inputs in, one out (``keras.layers.merging.base_merge``).

What it owns: ``_Merge``, what ``Add``, ``Subtract``, ``Multiply``, ``Average``,
``Maximum``, ``Minimum`` share: ``build`` checks the inputs are a list with one
batch size and shapes that broadcast element-wise (Keras's rule: equal, or 1);
``call`` gives inputs of lower rank extra axes after the batch axis when the
ranks differ, then hands the list to ``_merge_function``; ``compute_output_shape``
and ``compute_mask`` (a position is kept only where every input keeps it).

What it receives: a list of Tensors (and their masks).
What it hands on: one Tensor, from ``backend.ops`` (differentiable).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend import ops
from tracekeras.engine.base_layer import Layer


def elementwise_output_shape(shape1, shape2):
    """The shape of an element-wise op on two shapes (without batch), or a ValueError."""
    if shape1 is None or shape2 is None:
        return None
    if len(shape1) < len(shape2):
        return elementwise_output_shape(shape2, shape1)
    if not shape2:
        return tuple(shape1)
    output = list(shape1[:-len(shape2)])
    for i, j in zip(shape1[-len(shape2):], shape2):
        if i is None or j is None:
            output.append(None)
        elif i == 1:
            output.append(j)
        elif j == 1 or i == j:
            output.append(i)
        else:
            raise ValueError(f"Inputs have incompatible shapes. Received shapes {tuple(shape1)} "
                             f"and {tuple(shape2)}")
    return tuple(output)


def check_list_of_shapes(input_shape):
    if not isinstance(input_shape, (list, tuple)) or not input_shape or not isinstance(
            input_shape[0], (list, tuple)):
        raise ValueError("A merge layer should be called on a list of inputs. Received: "
                         f"input_shape={input_shape} (not a list of shapes)")


def shapes_without_batch(input_shape):
    output = None if input_shape[0] is None else tuple(input_shape[0][1:])
    for shape in input_shape[1:]:
        output = elementwise_output_shape(output, None if shape is None else tuple(shape[1:]))
    return output


class _Merge(Layer):
    """A layer that merges a list of inputs into one Tensor."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self._reshape_required = False

    def _merge_function(self, inputs):
        raise NotImplementedError

    def build(self, input_shape):
        check_list_of_shapes(input_shape)
        input_shape = [tuple(s) if s is not None else None for s in input_shape]
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError("Cannot merge tensors with different batch sizes. Got tensors "
                             f"with shapes {input_shape}")
        shapes_without_batch(input_shape)
        self._reshape_required = (None in input_shape
                                  or len({len(s) for s in input_shape}) != 1)
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError("A merge layer should be called on a list of inputs. Received: "
                             f"inputs={inputs} (not a list of tensors)")
        if self._reshape_required:
            max_ndim = max(x.ndim for x in inputs)
            inputs = [ops.reshape(x, (x.shape[0],) + (1,) * (max_ndim - x.ndim) + x.shape[1:])
                      if x.ndim < max_ndim else x for x in inputs]
        return self._merge_function(list(inputs))

    def compute_output_shape(self, input_shape):
        output = shapes_without_batch([tuple(s) for s in input_shape])
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        batch = next(iter(batch_sizes)) if len(batch_sizes) == 1 else None
        return (batch,) + output

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (tuple, list)):
            raise ValueError(f"`mask` should be a list. Received: mask={mask}")
        if not isinstance(inputs, (tuple, list)):
            raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
        if len(mask) != len(inputs):
            raise ValueError("The lists `inputs` and `mask` should have the same length. "
                             f"Received: inputs={inputs} of length {len(inputs)}, and "
                             f"mask={mask} of length {len(mask)}")
        given = [np.asarray(getattr(m, "value", m), bool) for m in mask if m is not None]
        if not given:
            return None
        return backend.Tensor(np.logical_and.reduce(given))
