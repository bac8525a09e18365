"""The Gauss error function and what is built on it: ``tf.math.erf``, ``tf.math.erfc`` and
``tf.nn.gelu``, forward with backward.

What it owns: ``erfc_values`` (NumPy has no error function and tracekeras does not depend
on SciPy: a Chebyshev fit of erfc good to 1.2e-7 of its value everywhere, evaluated in
float64, then cast back to the input's dtype; a 60-term series in float64 took 0.8 s on
ConvMixer's 6-million-value activations, the fit 0.1 s), the
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
# erfc(z) = t exp(-z^2 + P(t)), t = 1 / (1 + z/2), z >= 0: a Chebyshev fit whose fractional
# error is under 1.2e-7 for every z (Press et al., Numerical Recipes, 2nd ed., section 6.2,
# erfcc); the coefficients of P from t^0 up.
ERFC_FIT = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807,
            -1.13520398, 1.48851587, -0.82215223, 0.17087277)
BLOCK = 1 << 16              # values taken at a time: the fit's ten passes stay in the cache


def erfc_values(z):
    """erfc of a float array, computed in float64 and returned in the array's dtype (float32
    for other input): ``ERFC_FIT`` for ``|z|``, then ``erfc(-z) = 2 - erfc(z)``. Block by
    block of ``BLOCK`` values, each block's Horner steps in place."""
    z = np.asarray(z)
    flat = z.reshape(-1)
    # each block rounds from float64 straight into the result's dtype (no float64 copy of
    # the whole array: ConvMixer's 26 MB activations would make a 52 MB one each call)
    out = np.empty(flat.shape, z.dtype if z.dtype.kind == "f" else np.float32)
    for lo in range(0, flat.size, BLOCK):
        part = flat[lo:lo + BLOCK].astype(np.float64)
        a = np.abs(part)
        t = np.reciprocal(1 + 0.5 * a)
        poly = np.full_like(t, ERFC_FIT[-1])
        for coefficient in ERFC_FIT[-2::-1]:
            poly *= t
            poly += coefficient
        poly -= a * a
        np.exp(poly, out=poly)
        poly *= t
        out[lo:lo + BLOCK] = np.where(part < 0, 2 - poly, poly)
    return out.reshape(z.shape)


def _slope(x):
    """d erf / dx = 2 / sqrt(pi) * exp(-x^2) on NumPy values."""
    return TWO_OVER_SQRT_PI * np.exp(-(x * x))


def _slope_ops(x):
    return ops.multiply(ops.exp(ops.negative(ops.square(x))), TWO_OVER_SQRT_PI)


def erf_values(z):
    """erf of a float array: ``1 - erfc`` where that keeps the digits, the Maclaurin series
    ``2/sqrt(pi) sum (-1)^n z^(2n+1) / (n! (2n+1))`` in float64 for ``|z| < 1/2`` (twelve
    terms; 1 - erfc would leave only the fit's absolute error near 0)."""
    z = np.asarray(z)
    values = 1 - erfc_values(z).astype(np.float64)
    near = np.abs(z) < 0.5
    s = z[near].astype(np.float64)
    term, total = s.copy(), s.copy()
    for n in range(1, 12):
        term *= -(s * s) / n
        total += term / (2 * n + 1)
    values[near] = TWO_OVER_SQRT_PI * total
    return values.astype(z.dtype if z.dtype.kind == "f" else np.float32)


erf = unary("erf", erf_values,
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
