"""The backend.nn ops behind the layers of tracekeras.layers (Dot, Embedding,
BatchNormalization, LayerNormalization): forward value vs hand-written NumPy,
gradient vs central differences (Hypothesis over shapes, float64 inputs)."""
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracekeras.backend import nn

from .helpers import SETTINGS, arrays, check_gradients, shapes


@SETTINGS
@given(data=st.data())
def test_l2_normalize_on_any_axis(data):
    x = data.draw(arrays(data.draw(shapes(min_dims=1)), -3, 3, away_from=0.0))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    expected = x / np.sqrt(np.maximum((x * x).sum(axis=axis, keepdims=True), 1e-12))
    np.testing.assert_allclose(nn.l2_normalize(x, axis=axis).value, expected, rtol=1e-12)
    check_gradients(lambda t: nn.l2_normalize(t, axis=axis), x)


@SETTINGS
@given(data=st.data())
def test_batch_dot_over_any_pair_of_axes(data):
    batch = data.draw(st.integers(1, 3))
    shape1 = (batch,) + data.draw(shapes(min_dims=1, max_dims=2))
    ax1 = data.draw(st.integers(1, len(shape1) - 1))
    rest2 = list(data.draw(shapes(min_dims=0, max_dims=1)))
    ax2 = data.draw(st.integers(1, len(rest2) + 1))
    shape2 = [batch] + rest2
    shape2.insert(ax2, shape1[ax1])
    x = data.draw(arrays(shape1))
    y = data.draw(arrays(tuple(shape2)))
    out = nn.batch_dot(x, y, (ax1, ax2)).value
    for b in range(batch):   # each sample: a tensordot over the two axes
        expected = np.tensordot(x[b], y[b], axes=(ax1 - 1, ax2 - 1))
        np.testing.assert_allclose(out[b].reshape(-1), np.reshape(expected, -1), rtol=1e-12)
    check_gradients(lambda a, c: nn.batch_dot(a, c, (ax1, ax2)), x, y)


@SETTINGS
@given(data=st.data())
def test_embedding_lookup_rows_and_scattered_gradient(data):
    table = data.draw(arrays((data.draw(st.integers(1, 5)), data.draw(st.integers(1, 3)))))
    ids = np.asarray(data.draw(st.lists(st.integers(0, table.shape[0] - 1), min_size=1,
                                        max_size=6)))
    np.testing.assert_array_equal(nn.embedding_lookup(table, ids).value, table[ids])
    check_gradients(lambda t: nn.embedding_lookup(t, ids), table)


def test_embedding_lookup_index_out_of_range_as_tensorflow_words_it():
    with pytest.raises(IndexError, match=re.escape("indices[0,1] = 3 is not in [0, 3)")):
        nn.embedding_lookup(np.zeros((3, 2)), np.array([[0, 3]]))


@SETTINGS
@given(data=st.data())
def test_moments_over_any_axes(data):
    x = data.draw(arrays(data.draw(shapes(min_dims=1))))
    axes = sorted(data.draw(st.sets(st.integers(0, x.ndim - 1), min_size=1)))
    keepdims = data.draw(st.booleans())
    mean, variance = nn.moments(x, axes, keepdims=keepdims)
    np.testing.assert_allclose(mean.value, x.mean(axis=tuple(axes), keepdims=keepdims),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(variance.value, x.var(axis=tuple(axes), keepdims=keepdims),
                               rtol=1e-10, atol=1e-12)
    check_gradients(lambda t: nn.moments(t, axes, keepdims=keepdims)[0], x)
    check_gradients(lambda t: nn.moments(t, axes, keepdims=keepdims)[1], x)


@SETTINGS
@given(data=st.data(), with_offset=st.booleans(), with_scale=st.booleans())
def test_batch_normalization_in_every_argument(data, with_offset, with_scale):
    x = data.draw(arrays(data.draw(shapes(min_dims=1))))
    param_shape = x.shape[-1:]
    mean = data.draw(arrays(param_shape))
    variance = data.draw(arrays(param_shape, 0.2, 2.0))
    offset = data.draw(arrays(param_shape)) if with_offset else None
    scale = data.draw(arrays(param_shape)) if with_scale else None
    expected = (x - mean) / np.sqrt(variance + 1e-3) * (1 if scale is None else scale) + (
        0 if offset is None else offset)
    got = nn.batch_normalization(x, mean, variance, offset, scale, 1e-3).value
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    extra = [a for a in (offset, scale) if a is not None]

    def fn(x_, m_, v_, *rest):
        rest = list(rest)
        o_ = rest.pop(0) if with_offset else None
        s_ = rest.pop(0) if with_scale else None
        return nn.batch_normalization(x_, m_, v_, o_, s_, 1e-3)
    check_gradients(fn, x, mean, variance, *extra)


@SETTINGS
@given(data=st.data())
def test_batch_normalization_of_the_batch_itself(data):
    """Training mode: the statistics come from x, so the gradient flows through them too."""
    x = data.draw(arrays((data.draw(st.integers(2, 4)), data.draw(st.integers(1, 3)))))

    def fn(t):
        mean, variance = nn.moments(t, [0])
        return nn.batch_normalization(t, mean, variance, None, None, 1e-3)
    check_gradients(fn, x, rtol=1e-4, atol=1e-6)
