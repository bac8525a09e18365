"""Central-difference gradient checks for the backend ops (shared by the backend tests).

``check_gradients(fn, *arrays)`` runs ``fn`` on float64 Variables under a
GradientTape, asks the tape for the gradient of ``sum(out * w)`` (``w`` a fixed
random weighting, passed as ``output_gradients``) and compares it with central
differences of the same function evaluated on plain arrays.
"""
import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tracekeras.backend import GradientTape, Tensor, Variable, math_ops, ops

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
EPS = 1e-6


def floats(low=-2.0, high=2.0):
    return st.floats(low, high, allow_nan=False, allow_infinity=False, width=64)


def arrays(shape, low=-2.0, high=2.0, away_from=None):
    """float64 arrays of ``shape``; ``away_from``: keep every element 0.05 from that point."""
    elements = floats(low, high)
    if away_from is not None:
        elements = elements.filter(lambda v: abs(v - away_from) > 0.05)
    return hnp.arrays(np.float64, shape, elements=elements)


def shapes(min_dims=0, max_dims=3, min_side=1, max_side=4):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side)


def value(x):
    return x.value if isinstance(x, Tensor) else np.asarray(x)


def numeric_gradient(fn, arrays_, i, weights):
    """d sum(fn(*arrays) * weights) / d arrays[i] by central differences."""
    base = [a.copy() for a in arrays_]
    x = base[i]
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = x[idx]
        x[idx] = old + EPS
        up = np.sum(value(fn(*[Tensor(a) for a in base])) * weights)
        x[idx] = old - EPS
        down = np.sum(value(fn(*[Tensor(a) for a in base])) * weights)
        x[idx] = old
        grad[idx] = (up - down) / (2 * EPS)
    return grad


def check_gradients(fn, *arrays_, wrt=None, rtol=1e-5, atol=1e-6, seed=0):
    """Assert that the tape's gradients of ``fn`` equal central differences.

    ``wrt``: indices of the arrays to differentiate (default: all). Returns the
    tape gradients for further checks.
    """
    arrays_ = [np.asarray(a, dtype=np.float64) for a in arrays_]
    wrt = range(len(arrays_)) if wrt is None else wrt
    variables = [Variable(a, name=f"x{i}") for i, a in enumerate(arrays_)]
    with GradientTape() as tape:
        out = fn(*variables)
    out_value = value(out)
    weights = np.random.default_rng(seed).uniform(0.5, 1.5, size=np.shape(out_value))
    grads = tape.gradient(out, variables, output_gradients=weights)
    for i in wrt:
        expected = numeric_gradient(fn, arrays_, i, weights)
        got = grads[i]
        assert got is not None, f"no gradient for input {i}"
        got = np.asarray(got)
        assert got.shape == arrays_[i].shape, (i, got.shape, arrays_[i].shape)
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol,
                                   err_msg=f"gradient of input {i}")
    return grads


def first_gradients(fn, arrays_, weights):
    """The tape's gradients of ``sum(fn(*arrays) * weights)`` on plain float64 arrays."""
    variables = [Variable(a, name=f"x{i}") for i, a in enumerate(arrays_)]
    with GradientTape() as tape:
        out = fn(*variables)
    return [np.asarray(g) for g in tape.gradient(out, variables, output_gradients=weights)]


def check_second_gradients(fn, *arrays_, rtol=1e-5, atol=1e-6, seed=0):
    """Assert that an outer tape's gradient of an inner tape's gradient equals central
    differences of the first-gradient function.

    The inner tape takes ``g_i = d sum(fn(*x) * w) / d x_i``; the outer tape the gradient
    of ``sum_i sum(g_i * v_i)`` (``w``, ``v`` fixed random weightings), which is compared
    with central differences of the same sum of ``first_gradients``."""
    arrays_ = [np.asarray(a, dtype=np.float64) for a in arrays_]
    rng = np.random.default_rng(seed)
    variables = [Variable(a, name=f"x{i}") for i, a in enumerate(arrays_)]
    with GradientTape() as outer:
        with GradientTape() as inner:
            out = fn(*variables)
        weights = rng.uniform(0.5, 1.5, size=np.shape(value(out)))
        firsts = inner.gradient(out, variables, output_gradients=weights)
        directions = [rng.uniform(0.5, 1.5, size=a.shape) for a in arrays_]
        total = math_ops.add_n([ops.reduce_sum(ops.multiply(g, v))
                               for g, v in zip(firsts, directions)])
    seconds = outer.gradient(total, variables)

    def summed(*xs):
        return Tensor(np.asarray(sum(np.sum(g * v) for g, v in zip(
            first_gradients(fn, [value(x) for x in xs], weights), directions))))
    # central differences cannot resolve less than the rounding of the summed value over
    # the step: a large sum (squared convolutions of many taps) widens atol by that much
    resolution = 4 * np.finfo(np.float64).eps * abs(float(value(summed(*arrays_)))) / EPS
    for i, a in enumerate(arrays_):
        expected = numeric_gradient(summed, arrays_, i, np.ones(()))
        got = np.zeros_like(a) if seconds[i] is None else np.asarray(seconds[i])
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=max(atol, resolution),
                                   err_msg=f"second gradient of input {i}")
    return seconds
