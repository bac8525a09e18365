"""Weight constraints: projections the optimizer applies to a weight after each update
(``keras.constraints``).

What it owns: :class:`Constraint` (the base class: a call on a weight returns the weight
projected, by default unchanged; ``get_config``/``from_config``), ``MaxNorm`` (each
slice along ``axis`` rescaled to a norm of at most ``max_value``), ``NonNeg`` (negative
entries set to zero), ``UnitNorm`` (each slice rescaled to norm 1), ``MinMaxNorm`` (the
norm moved towards ``[min_value, max_value]`` at ``rate``), ``RadialConstraint`` (each
``(rows, cols)`` plane of a 4-D kernel made constant on rings around its centre, read
from Keras's diagonal entries), their lowercase shortcuts (``max_norm`` ... , and the
older ``maxnorm``, ``nonneg``, ``unitnorm``) and ``get``/``serialize``/``deserialize``.
The norms are ``sqrt(sum(w**2))`` along ``axis`` with ``epsilon`` added to the divisor, as
Keras computes them.

What it receives / hands on: a layer resolves each ``*_constraint`` argument with ``get``
and passes it to ``add_weight(constraint=...)``, which keeps it on the Variable
(``variable.constraint``); ``Optimizer.apply_gradients`` assigns ``constraint(variable)``
back to each updated variable. A layer's ``get_config`` writes ``serialize`` of it.

Trace events: ``get`` of a name or a config goes through ``deserialize_keras_object``
(its span); applying a constraint is noted on the optimizer's ``apply_gradients`` span.
"""
import warnings

import numpy as np

from tracekeras.backend import config, ops
from tracekeras.backend.tensor import convert
from tracekeras.saving import serialization_lib
from tracekeras.utils.serialization import deserialize_keras_object


def norms_along(w, axis):
    """``sqrt(sum(w**2, axis, keepdims=True))``."""
    return ops.sqrt(ops.reduce_sum(ops.square(w), axis=axis, keepdims=True))


def clip(x, min_value, max_value):
    """``keras.backend.clip``: a ``max_value`` below ``min_value`` is raised to it."""
    if max_value is not None and max_value < min_value:
        max_value = min_value
    if max_value is None:
        max_value = np.inf
    return ops.clip_by_value(x, min_value, max_value)


class Constraint:
    """The base class: a callable that projects a weight (here it returns it unchanged)."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class MaxNorm(Constraint):
    """Each slice along ``axis`` keeps a norm of at most ``max_value``."""

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        norms = norms_along(w, self.axis)
        desired = clip(norms, 0, self.max_value)
        return ops.multiply(w, ops.divide(desired, ops.add(config.epsilon(), norms)))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Negative entries become zero (``w * (w >= 0)``)."""

    def __call__(self, w):
        w = convert(w)
        return ops.multiply(w, ops.cast(w.value >= 0.0, config.floatx()))


class UnitNorm(Constraint):
    """Each slice along ``axis`` rescaled to norm 1."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return ops.divide(w, ops.add(config.epsilon(), norms_along(w, self.axis)))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Each slice's norm moved to ``rate * clip(norm, min, max) + (1 - rate) * norm``."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        norms = norms_along(w, self.axis)
        desired = ops.add(ops.multiply(self.rate, clip(norms, self.min_value, self.max_value)),
                          ops.multiply(1 - self.rate, norms))
        return ops.multiply(w, ops.divide(desired, ops.add(config.epsilon(), norms)))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}


class RadialConstraint(Constraint):
    """A ``(rows, cols, in, out)`` kernel made the same on each ring around its centre."""

    def __call__(self, w):
        value = convert(w).value
        if value.ndim != 4:
            raise ValueError("The weight tensor must have rank 4. Received weight tensor with "
                             f"shape: {value.shape}")
        height, width = value.shape[:2]
        if height != width:
            raise ValueError("RadialConstraint needs square kernels (rows == cols). Received "
                             f"weight tensor with shape: {value.shape}")
        source = self._kernel_constraint(height)
        return ops.convert(value[source, source])

    @staticmethod
    def _kernel_constraint(size):
        """For each position of a ``size`` x ``size`` plane, the diagonal entry it takes:
        Keras starts from the centre block (1x1 for an odd size, 2x2 for an even one) filled
        with entry ``start - 1`` (``start = size // 2``) and pads one ring at a time with the
        next diagonal entries."""
        if size < 2:
            raise ValueError("RadialConstraint needs kernels of at least 2x2. Received a "
                             f"kernel of size {size}x{size}")
        start = size // 2
        centre = (size - 1) / 2
        ring = np.maximum(np.abs(np.arange(size) - centre)[:, None],
                          np.abs(np.arange(size) - centre)[None, :])
        ring = np.floor(ring).astype(int)   # 0 in the centre block, 1 around it, ...
        first = start if size % 2 else start + 1   # the diagonal entry of the first ring
        return np.where(ring == 0, start - 1, first + ring - 1)


max_norm = MaxNorm
non_neg = NonNeg
unit_norm = UnitNorm
min_max_norm = MinMaxNorm
radial_constraint = RadialConstraint
maxnorm = max_norm
nonneg = non_neg
unitnorm = unit_norm

ALL_OBJECTS = {"Constraint": Constraint, "MaxNorm": MaxNorm, "NonNeg": NonNeg,
               "UnitNorm": UnitNorm, "MinMaxNorm": MinMaxNorm,
               "RadialConstraint": RadialConstraint, "max_norm": max_norm, "non_neg": non_neg,
               "unit_norm": unit_norm, "min_max_norm": min_max_norm,
               "radial_constraint": radial_constraint, "maxnorm": maxnorm, "nonneg": nonneg,
               "unitnorm": unitnorm}


def serialize(constraint):
    """``{"module": "keras.constraints", "class_name", "config", "registered_name"}``."""
    if constraint is None:
        return None
    if not isinstance(constraint, Constraint):
        warnings.warn("keras.constraints.serialize() expects a keras.constraints.Constraint; "
                      f"received an instance of {type(constraint)}, which may not serialize "
                      "properly.", stacklevel=2)
    return serialization_lib.serialize_keras_object(constraint)


def deserialize(config, custom_objects=None):
    return deserialize_keras_object(config, module_objects=ALL_OBJECTS,
                                    custom_objects=custom_objects,
                                    printable_module_name="constraint")


def get(identifier):
    """A constraint for a name (``"max_norm"``), a config dict, an instance or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({"class_name": identifier, "config": {}})
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint function identifier: {identifier}")


__all__ = ["Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "RadialConstraint", "UnitNorm",
           "deserialize", "get", "max_norm", "maxnorm", "min_max_norm", "non_neg", "nonneg",
           "radial_constraint", "serialize", "unit_norm", "unitnorm"]
