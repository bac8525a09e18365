"""The Gauss error function and what is built on it: ``tf.math.erf``, ``tf.math.erfc`` and
``tf.nn.gelu``, forward with backward.

What it owns: ``erfc_values`` (NumPy has no error function and tracekeras does not depend
on SciPy: for ``|z| < 2.5`` the Maclaurin series of erf, else Laplace's continued fraction
of erfc, both summed in float64 to about 1e-14, then cast back to the input's dtype), the
differentiable ops ``erf`` and ``erfc`` (d erf / dz = 2 / sqrt(pi) * exp(-z^2)) and
``gelu`` written as TensorFlow writes it: ``0.5 * x * erfc(-x * 0.7071067811865476)``, or
with ``approximate=True`` ``0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 *
x^3)))``, so its gradient follows from the ops.

What it receives: float arrays or Tensors. What it hands on: Tensors recorded on the tapes.

Trace events: a ``backend`` instant per op at level full (``tape.record``).
"""
import numpy as np

from . import nn, ops
from .math_ops import pow as power
from .math_ops import unary
from .tensor import convert

TWO_OVER_SQRT_PI = 1.1283791670955126
SERIES_TERMS, FRACTION_TERMS = 60, 60


def erfc_values(z):
    """erfc of a float array, computed in float64 and returned in the array's dtype."""
    z = np.asarray(z)
    a = np.abs(z.astype(np.float64))
    erf_abs = np.empty_like(a)
    near = a < 2.5
    s = a[near]
    term, total = s.copy(), s.copy()
    for n in range(1, SERIES_TERMS):   # erf(s) = 2/sqrt(pi) * sum (-1)^n s^(2n+1) / (n! (2n+1))
        term = term * -(s * s) / n
        total += term / (2 * n + 1)
    erf_abs[near] = TWO_OVER_SQRT_PI * total
    b = a[~near]
    fraction = np.zeros_like(b)
    for k in range(FRACTION_TERMS, 0, -1):   # erfc(b) = e^-b^2 / sqrt(pi) / (b + 1/2 / (b + ...
        fraction = (k / 2) / (b + fraction)
    erfc_far = np.exp(-b * b) * (TWO_OVER_SQRT_PI / 2) / (b + fraction)
    erfc_abs = np.empty_like(a)
    erfc_abs[near] = 1 - erf_abs[near]
    erfc_abs[~near] = erfc_far
    out = np.where(z < 0, 2 - erfc_abs, erfc_abs)
    return out.astype(z.dtype if z.dtype.kind == "f" else np.float32)


def _slope(x):
    """d erf / dx = 2 / sqrt(pi) * exp(-x^2) on NumPy values."""
    return TWO_OVER_SQRT_PI * np.exp(-(x * x))


def _slope_ops(x):
    return ops.multiply(ops.exp(ops.negative(ops.square(x))), TWO_OVER_SQRT_PI)


erf = unary("erf", lambda z: (1 - erfc_values(z)).astype(erfc_values(z).dtype),
            lambda x, out: _slope(x), lambda x, out: _slope_ops(x))
erfc = unary("erfc", erfc_values, lambda x, out: -_slope(x),
             lambda x, out: ops.negative(_slope_ops(x)))


def gelu(features, approximate=False, name=None):
    """``tf.nn.gelu``: x * P(X <= x) for a standard normal X, or its tanh approximation."""
    x = convert(features)
    if np.dtype(x.value.dtype).kind != "f":
        raise ValueError("`features.dtype` must be a floating point tensor."
                         f"Received:features.dtype={x.dtype}")
    dtype = x.value.dtype.type
    half_x = ops.multiply(x, dtype(0.5))
    if approximate:
        cubic = ops.multiply(power(x, dtype(3)), dtype(0.044715))
        inner = ops.multiply(ops.add(x, cubic), dtype(0.7978845608028654))
        return ops.multiply(half_x, ops.add(nn.tanh(inner), dtype(1.0)))
    return ops.multiply(half_x, erfc(ops.multiply(ops.negative(x), dtype(0.7071067811865476))))
