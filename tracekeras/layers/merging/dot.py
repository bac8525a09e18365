"""Dot: per-sample dot products of two inputs (``keras.layers.merging.dot``).

What it owns: ``Dot(axes, normalize=False)`` and ``dot(inputs, axes)``: ``axes`` is
one axis for both inputs or a pair ``(axis of the first, axis of the second)``;
with ``normalize=True`` both inputs are L2-normalized along those axes first, so
the result is the cosine similarity. ``(batch, n)`` and ``(batch, n)`` give
``(batch, 1)``.

What it receives / hands on: two Tensors -> one Tensor (``backend.nn.l2_normalize``,
``backend.nn.batch_dot``: differentiable). No mask is passed on.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import nn
from tracekeras.layers.merging.base_merge import _Merge


def resolve_axes(axes, ndim1, ndim2):
    """Non-negative ``[axis of the first, axis of the second]``."""
    if isinstance(axes, int):
        return [axes % ndim1, axes % ndim2] if axes < 0 else [axes, axes]
    return [a % n if a < 0 else a for a, n in zip(axes, (ndim1, ndim2))]


class Dot(_Merge):
    """``Dot(axes, normalize=False)``."""

    def __init__(self, axes, normalize=False, **kwargs):
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError("Invalid type for argument `axes`: it should be a list or an "
                                f"int. Received: axes={axes}")
            if len(axes) != 2:
                raise ValueError("Invalid format for argument `axes`: it should contain two "
                                 f"elements. Received: axes={axes}")
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError("Invalid format for argument `axes`: list elements should be "
                                 f"integers. Received: axes={axes}")
        super().__init__(**kwargs)
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True

    def build(self, input_shape):
        if (not isinstance(input_shape, (list, tuple)) or not input_shape
                or not isinstance(input_shape[0], (list, tuple)) or len(input_shape) != 2):
            shown = ([tuple(s) for s in input_shape] if isinstance(input_shape, list)
                     else input_shape)
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs. "
                             f"Received: input_shape={shown}")
        shape1, shape2 = tuple(input_shape[0]), tuple(input_shape[1])
        axes = (resolve_axes(self.axes, len(shape1), len(shape2)) if isinstance(self.axes, int)
                else list(self.axes))
        if shape1[axes[0]] != shape2[axes[1]]:
            raise ValueError(f"Incompatible input shapes: axis values {shape1[axes[0]]} (at axis "
                             f"{axes[0]}) != {shape2[axes[1]]} (at axis {axes[1]}). Full input "
                             f"shapes: {shape1}, {shape2}")
        self.built = True

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Dot` layer should be called on exactly 2 inputs. Received: "
                             f"inputs={inputs}")
        x1, x2 = inputs
        axes = resolve_axes(self.axes, x1.ndim, x2.ndim)
        if self.normalize:
            x1 = nn.l2_normalize(x1, axis=axes[0])
            x2 = nn.l2_normalize(x2, axis=axes[1])
        return nn.batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 2:
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs. "
                             f"Received: input_shape={input_shape}")
        shape1, shape2 = list(input_shape[0]), list(input_shape[1])
        axes = (resolve_axes(self.axes, len(shape1), len(shape2)) if isinstance(self.axes, int)
                else self.axes)
        shape1.pop(axes[0])
        shape2.pop(axes[1])
        shape2.pop(0)
        output = shape1 + shape2
        return tuple(output + [1] if len(output) == 1 else output)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = super().get_config()
        config.update({"axes": self.axes, "normalize": self.normalize})
        return config


def dot(inputs, axes, normalize=False, **kwargs):
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
