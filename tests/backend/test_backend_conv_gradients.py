"""The convolution and pooling ops of tracekeras.backend: forward value against a direct
NumPy loop (the definition), gradient against central differences (Hypothesis over shapes,
strides, dilations, padding and groups; float64 inputs)."""
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracekeras.backend import GradientTape, Variable, conv, pooling, spatial

from .helpers import SETTINGS, arrays, check_gradients


def same_pads(length, span, stride):
    out = -(-length // stride)
    total = max((out - 1) * stride + span - length, 0)
    return total // 2, total - total // 2


def direct_convolution(x, kernel, strides, padding, dilations):
    """The definition, one output position at a time."""
    rank = kernel.ndim - 2
    spans = [(k - 1) * d + 1 for k, d in zip(kernel.shape[:rank], dilations)]
    pads = [same_pads(n, s, st_) if padding == "SAME" else (0, 0)
            for n, s, st_ in zip(x.shape[1:-1], spans, strides)]
    xp = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    out_shape = [(n - s) // st_ + 1 for n, s, st_ in zip(xp.shape[1:-1], spans, strides)]
    groups = x.shape[-1] // kernel.shape[-2]
    cg, fg = kernel.shape[-2], kernel.shape[-1] // groups
    out = np.zeros((x.shape[0], *out_shape, kernel.shape[-1]))
    for pos in itertools.product(*[range(o) for o in out_shape]):
        index = tuple(slice(p * st_, p * st_ + s, d)
                      for p, st_, s, d in zip(pos, strides, spans, dilations))
        window = xp[(slice(None),) + index]                 # (batch, *k, channels)
        for g in range(groups):
            w = window[..., g * cg:(g + 1) * cg]
            k = kernel[..., g * fg:(g + 1) * fg]
            out[(slice(None),) + pos + (slice(g * fg, (g + 1) * fg),)] = np.tensordot(
                w, k, axes=(list(range(1, rank + 2)), list(range(rank + 1))))
    return out


@st.composite
def conv_cases(draw, grouped=True):
    rank = draw(st.sampled_from([1, 2]))
    groups = draw(st.sampled_from([1, 1, 2])) if grouped else 1
    cg, fg = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    kernel_size = tuple(draw(st.integers(1, 3)) for _ in range(rank))
    dilated = draw(st.booleans())
    strides = (1,) * rank if dilated else tuple(draw(st.integers(1, 2)) for _ in range(rank))
    dilations = tuple(draw(st.integers(1, 2)) for _ in range(rank)) if dilated else (1,) * rank
    padding = draw(st.sampled_from(["VALID", "SAME"]))
    spatial = tuple(draw(st.integers((k - 1) * d + 1, (k - 1) * d + 4))
                    for k, d in zip(kernel_size, dilations))
    x = draw(arrays((draw(st.integers(1, 2)),) + spatial + (cg * groups,)))
    kernel = draw(arrays(kernel_size + (cg, fg * groups)))
    return x, kernel, strides, padding, dilations, groups


@SETTINGS
@given(case=conv_cases())
def test_convolution_is_the_sum_over_windows_and_its_gradients_are_exact(case):
    x, kernel, strides, padding, dilations, groups = case

    def op(a, k):
        return conv.convolution(a, k, strides, padding, dilations, groups)
    np.testing.assert_allclose(op(x, kernel).value,
                               direct_convolution(x, kernel, strides, padding, dilations),
                               rtol=1e-10, atol=1e-10)
    check_gradients(op, x, kernel)


@SETTINGS
@given(case=conv_cases(grouped=False))
def test_conv_transpose_is_the_adjoint_of_convolution(case):
    y, kernel, strides, padding, dilations, _ = case
    x = conv.convolution(y, kernel, strides, padding, dilations).value
    rng = np.random.default_rng(0)
    z = rng.standard_normal(x.shape)
    # <conv(y), z> == <y, conv_transpose(z)>: the transpose is the adjoint.
    back = conv.conv_transpose(z, kernel, y.shape, strides, padding, dilations).value
    np.testing.assert_allclose(np.sum(x * z), np.sum(y * back), rtol=1e-9, atol=1e-9)

    def op(a, k):
        return conv.conv_transpose(a, k, y.shape, strides, padding, dilations)
    check_gradients(op, z, kernel)


@st.composite
def pool_cases(draw):
    rank = draw(st.sampled_from([1, 2]))
    ksize = tuple(draw(st.integers(1, 3)) for _ in range(rank))
    strides = tuple(draw(st.integers(1, 3)) for _ in range(rank))
    padding = draw(st.sampled_from(["VALID", "SAME"]))
    spatial = tuple(draw(st.integers(k, k + 3)) for k in ksize)
    shape = (draw(st.integers(1, 2)),) + spatial + (draw(st.integers(1, 2)),)
    # distinct values: a max is then unique and central differences see one slope
    x = draw(st.permutations(range(int(np.prod(shape)))))
    x = np.asarray(x, dtype=np.float64).reshape(shape) * 0.1
    return x, ksize, strides, padding


def direct_pool(x, ksize, strides, padding, reduce):
    rank = len(ksize)
    pads = [same_pads(n, k, s) if padding == "SAME" else (0, 0)
            for n, k, s in zip(x.shape[1:-1], ksize, strides)]
    xp = np.pad(x, [(0, 0)] + pads + [(0, 0)], constant_values=np.nan)
    out_shape = [(n - k) // s + 1 for n, k, s in zip(xp.shape[1:-1], ksize, strides)]
    out = np.zeros((x.shape[0], *out_shape, x.shape[-1]))
    for pos in itertools.product(*[range(o) for o in out_shape]):
        index = tuple(slice(p * s, p * s + k) for p, s, k in zip(pos, strides, ksize))
        window = xp[(slice(None),) + index].reshape(x.shape[0], -1, x.shape[-1])
        out[(slice(None),) + pos] = reduce(window, axis=1)
    assert out.ndim == rank + 2
    return out


@SETTINGS
@given(case=pool_cases(), kind=st.sampled_from(["max", "avg"]))
def test_pooling_reduces_each_window_and_its_gradients_are_exact(case, kind):
    x, ksize, strides, padding = case
    op_fn, reduce = ((pooling.max_pool, np.nanmax) if kind == "max"
                     else (pooling.avg_pool, np.nanmean))

    def op(a):
        return op_fn(a, ksize, strides, padding)
    np.testing.assert_allclose(op(x).value, direct_pool(x, ksize, strides, padding, reduce),
                               rtol=1e-12)
    check_gradients(op, x)


@SETTINGS
@given(data=st.data())
def test_reduce_max_shares_the_gradient_between_ties(data):
    x = data.draw(arrays((2, 3, 4)))
    axis = data.draw(st.sampled_from([None, 1, (1, 2), -1]))
    keepdims = data.draw(st.booleans())
    np.testing.assert_array_equal(pooling.reduce_max(x, axis, keepdims).value,
                                  np.max(x, axis=axis, keepdims=keepdims))
    distinct = np.arange(24.0).reshape(2, 3, 4)[:, ::-1] * 0.1
    check_gradients(lambda a: pooling.reduce_max(a, axis, keepdims), distinct)


def test_reduce_max_gives_tied_maxima_equal_shares():
    v = Variable(np.ones((1, 2, 2)))
    with GradientTape() as tape:
        out = pooling.reduce_max(v, (1, 2))
    np.testing.assert_allclose(tape.gradient(out, v), np.full((1, 2, 2), 0.25))



def max_pool_gradient(x, ksize, strides, padding="VALID"):
    v = Variable(x)
    with GradientTape() as tape:
        out = pooling.max_pool(v, ksize, strides, padding)
    return tape.gradient(out, v)


@pytest.mark.parametrize("ksize, strides, expected", [
    ((2,), (2,), [1, 0, 1, 0, 0]),          # windows apart; the last place is in none
    ((2,), (1,), [1, 1, 1, 1, 0]),          # windows overlap: each window's first place
    ((3,), (2,), [1, 0, 1, 0, 0]),          # overlapping: place 2 is first of window 2 only
])
def test_max_pool_gives_tied_maxima_to_the_first_place_of_each_window(ksize, strides,
                                                                       expected):
    grad = max_pool_gradient(np.ones((1, 5, 1), np.float32), ksize, strides)
    assert grad.ravel().tolist() == expected


def test_max_pool_gradient_is_the_same_per_sample_and_for_a_large_batch():
    # a batch larger than one cache-sized block of the backward pass, with ties (ReLU zeros)
    rng = np.random.default_rng(0)
    x = np.maximum(rng.standard_normal((30, 26, 26, 8)), 0).astype(np.float32)
    for ksize, strides in [((2, 2), (2, 2)), ((3, 3), (2, 2))]:
        whole = max_pool_gradient(x, ksize, strides)
        one_by_one = np.concatenate([max_pool_gradient(x[i:i + 1], ksize, strides)
                                     for i in range(len(x))])
        np.testing.assert_array_equal(whole, one_by_one)
        assert whole.dtype == np.float32 and whole.sum() == np.prod(
            pooling.max_pool(x, ksize, strides).shape)

@SETTINGS
@given(data=st.data())
def test_pad_and_its_gradient(data):
    x = data.draw(arrays((2, data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)), 2)))
    paddings = [(0, 0)] + [tuple(data.draw(st.integers(0, 2)) for _ in range(2))
                           for _ in range(2)] + [(0, 0)]
    np.testing.assert_array_equal(spatial.pad(x, paddings).value, np.pad(x, paddings))
    check_gradients(lambda a: spatial.pad(a, paddings), x)


@SETTINGS
@given(data=st.data())
def test_resize_nearest_repeats_values_and_sums_their_gradients(data):
    rank = data.draw(st.sampled_from([1, 2]))
    x = data.draw(arrays((2,) + tuple(data.draw(st.integers(1, 3)) for _ in range(rank)) + (2,)))
    factors = tuple(data.draw(st.integers(1, 3)) for _ in range(rank))
    expected = x
    for axis, factor in enumerate(factors, start=1):
        expected = expected.repeat(factor, axis=axis)
    np.testing.assert_array_equal(spatial.resize_nearest(x, factors).value, expected)
    check_gradients(lambda a: spatial.resize_nearest(a, factors), x)
