"""The row forms of softmax, layer normalization and dropout (backend.rowwise), the stacks
of an einsum's batched matmul and Adam's update of a large variable, split over threads:
the same numbers, bit for bit, as the whole-array forms and as one piece."""
import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, einsum, nn, ops, parallel, rowwise
from tracekeras.optimizers import Adam


@pytest.fixture
def many_pieces(monkeypatch):
    """Split even small arrays, into many pieces; count the pieces of each split."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 1 << 12)
    calls = []
    split = parallel.split
    monkeypatch.setattr(parallel, "split", lambda fn, pieces: calls.append(len(pieces))
                        or split(fn, pieces))
    return calls


def attention_block(x, gamma, beta, weights, threads):
    """Self-attention scores -> softmax -> combine -> residual -> layer normalization ->
    dropout (the weights as its draws) -> sum against the weights: the outputs and every
    gradient."""
    with parallel.enabled(threads):
        xv, gv, bv = Variable(x), Variable(gamma), Variable(beta)
        with GradientTape() as tape:
            scores = einsum.einsum("aecd,abcd->acbe", xv, xv)
            probs = nn.softmax(scores, axis=-1)
            mixed = einsum.einsum("acbe,aecd->abcd", probs, xv)
            y = ops.add(xv, mixed)
            mean, variance = nn.moments(y, [3], keepdims=True)
            z = nn.batch_normalization(y, mean, variance, bv, gv, 1e-6)
            z = nn.dropout(z, 0.5, uniform_sampler=lambda shape, dtype: np.abs(weights) % 1)
            loss = ops.reduce_sum(ops.multiply(z, weights))
        grads = tape.gradient(loss, [xv, gv, bv])
    return [scores.value, probs.value, mixed.value, z.value] + [np.asarray(g) for g in grads]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_attention_ops_split_over_threads_give_the_same_numbers(dtype, many_pieces):
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((6, 20, 2, 8)) * 2).astype(dtype)
    gamma, beta = (rng.standard_normal(8).astype(dtype) for _ in range(2))
    weights = rng.standard_normal(x.shape).astype(dtype)
    one = attention_block(x, gamma, beta, weights, 1)
    assert set(many_pieces) == {1}
    many_pieces.clear()
    three = attention_block(x, gamma, beta, weights, 3)
    assert max(many_pieces) >= 3           # the stacks and the rows did split
    for a, b in zip(one, three):
        assert a.dtype == b.dtype == dtype
        np.testing.assert_array_equal(b, a)


def test_row_forms_equal_the_whole_array_forms(monkeypatch):
    """The same ops with the row forms turned off take the whole-array forms."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((7, 30, 12)).astype(np.float32)
    g = rng.standard_normal(x.shape).astype(np.float32)
    draws = rng.random(x.shape, dtype=np.float32)
    gamma, beta = rng.standard_normal(12).astype(np.float32), rng.standard_normal(12).astype(
        np.float32)
    results = []
    for rows in (True, False):
        if not rows:
            monkeypatch.setattr(rowwise, "rows_apply", lambda *args: False)
        xv, gv, bv = Variable(x), Variable(gamma), Variable(beta)
        with GradientTape() as tape:
            s = nn.softmax(xv, axis=-1)
            mean, variance = nn.moments(xv, [2], keepdims=True)
            z = nn.batch_normalization(xv, mean, variance, bv, gv, 1e-3)
            d = nn.dropout(z, 0.3, uniform_sampler=lambda shape, dtype: draws)
            loss = ops.add(ops.reduce_sum(ops.multiply(s, g)),
                           ops.reduce_sum(ops.multiply(d, g)))
        grads = tape.gradient(loss, [xv, gv, bv])
        results.append([s.value, mean.value, variance.value, z.value, d.value]
                       + [np.asarray(d) for d in grads])
    for a, b in zip(*results):
        np.testing.assert_array_equal(np.asarray(b), np.asarray(a))


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adam_on_a_large_variable_splits_alike(amsgrad, many_pieces):
    rng = np.random.default_rng(2)
    start = rng.standard_normal((300, 16)).astype(np.float32)
    grads = [rng.standard_normal(start.shape).astype(np.float32) for _ in range(3)]
    finals = []
    for threads in (1, 3):
        variable = Variable(start.copy())
        optimizer = Adam(learning_rate=0.01, amsgrad=amsgrad)
        with parallel.enabled(threads):
            for g in grads:
                optimizer.apply_gradients([(g, variable)])
        finals.append(variable.value.copy())
    assert max(many_pieces) >= 3
    assert not np.array_equal(finals[0], start)
    np.testing.assert_array_equal(finals[1], finals[0])
