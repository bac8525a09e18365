"""Concatenate: join a list of inputs along one axis (``keras.layers.merging.concatenate``).

What it owns: ``Concatenate(axis=-1)`` and ``concatenate(inputs, axis=-1)``, with
Keras's shape check (every axis but the concatenation axis must match) and its
mask rule (each input's mask, or all-True, joined along the axis, then reduced
over the last axis).

What it receives / hands on: a list of Tensors -> one Tensor (``ops.concatenate``).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend import ops
from tracekeras.layers.merging.base_merge import _Merge, check_list_of_shapes


class Concatenate(_Merge):
    """``Concatenate(axis=-1)``."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        check_list_of_shapes(input_shape)
        shapes = [list(s) for s in input_shape]
        ranks = {len(s) for s in shapes}
        reduced = []
        for s in shapes:
            if ranks == {len(s)}:
                del s[self.axis]
            reduced.append(tuple(s))
        if len(ranks) != 1 or any(len({d for d in dims if d is not None}) > 1
                                  for dims in zip(*reduced)):   # None matches any size
            raise ValueError("A `Concatenate` layer requires inputs with matching shapes except "
                             f"for the concatenation axis. Received: input_shape={input_shape}")
        self.built = True

    def _merge_function(self, inputs):
        return ops.concatenate(list(inputs), axis=self.axis)

    def compute_output_shape(self, input_shape):
        output = list(input_shape[0])
        for shape in input_shape[1:]:
            if output[self.axis] is None or shape[self.axis] is None:
                output[self.axis] = None
            else:
                output[self.axis] += shape[self.axis]
        axis = self.axis % len(output)
        for i in range(len(output)):   # another input may know a size the first leaves None
            if i != axis and output[i] is None:
                output[i] = next((s[i] for s in input_shape[1:] if s[i] is not None), None)
        return tuple(output)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                masks.append(np.ones(x.shape, bool))
                continue
            m = np.asarray(getattr(m, "value", m), bool)
            masks.append(m[..., None] if m.ndim < x.ndim else m)
        return backend.Tensor(np.concatenate(masks, axis=self.axis).all(axis=-1))

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)
