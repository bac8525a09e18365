"""The backend.nn ops behind the layers of tracekeras.layers (Dot, Embedding,
BatchNormalization, LayerNormalization): forward value vs hand-written NumPy,
gradient vs central differences (Hypothesis over shapes, float64 inputs)."""
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend_gradcheck import SETTINGS, arrays, check_gradients, shapes
from tracekeras.backend import nn


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
