"""The speed paths of the convnet's elementwise ops give the plain formulas' numbers bit for
bit: bias_add and relu along whole rows (``ops.wide_rows``), relu's gradient, dropout's
select (``nn.zeros_outside``), max pooling's gradient for tiling windows
(``pooling.spread``) and Philox blocks encrypted chunk by chunk, with the work split over
threads or not."""
import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, nn, ops, parallel, philox_random, pooling


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("shape", [(4, 26, 26, 32), (3, 5, 7, 6), (2, 9, 4), (5, 8), (7,)])
@pytest.mark.parametrize("threads", [1, 2])
def test_bias_add_and_relu_along_whole_rows(shape, threads, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)
    rng = np.random.default_rng(1)
    x = rng.standard_normal(shape).astype(np.float32)
    bias = rng.standard_normal(shape[-1:]).astype(np.float32)
    with parallel.enabled(threads):
        added = ops.bias_add(x, bias).value
        in_place = ops.bias_add(x.copy(), bias, overwrite=True).value
        rectified = nn.relu(added).value
        rectified_in_place = nn.relu(added.copy(), overwrite=True).value
    assert same_bits(added, x + bias) and same_bits(in_place, x + bias)
    assert same_bits(rectified, np.maximum(x + bias, 0))
    assert same_bits(rectified_in_place, np.maximum(x + bias, 0))


def test_wide_rows_folds_trailing_spatial_axes_only_when_it_can():
    x = np.zeros((2, 26, 26, 32), np.float32)
    x2, row = ops.wide_rows(x, np.arange(32, dtype=np.float32))
    assert x2.shape == (2, 26 * 26 * 32) and np.shares_memory(x2, x)
    assert np.array_equal(row.reshape(-1, 32), np.tile(np.arange(32), (26 * 26, 1)))
    strided = x[:, ::2]
    assert ops.wide_rows(strided, row[:32])[0] is strided        # not contiguous: as it is
    dense = np.zeros((128, 512), np.float32)
    assert ops.wide_rows(dense, np.zeros(512, np.float32))[0] is dense


@pytest.mark.parametrize("threads", [1, 2])
def test_relu_gradient_is_g_times_the_mask(threads, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)
    rng = np.random.default_rng(2)
    out = np.maximum(rng.standard_normal((6, 5, 5, 4)).astype(np.float32), 0)
    out[0, 0, 0, :2] = np.nan, np.inf
    g = rng.standard_normal(out.shape).astype(np.float32)
    g[1, 0, 0, :3] = np.inf, -np.inf, np.nan
    with parallel.enabled(threads), np.errstate(invalid="ignore"):   # inf * 0, as TF's
        got = nn.relu_grad(g, out)
        assert same_bits(got, g * (out > 0))
        assert same_bits(nn.relu_grad(g.astype(np.float64), out),
                         g.astype(np.float64) * (out > 0))
    assert same_bits(nn.relu_grad(np.float32(3), np.float32(0)), np.float32(3) * False)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_zeros_outside_is_tensorflows_select(dtype):
    values = np.array([[1, np.inf, np.nan], [-np.inf, -0.0, 3]], dtype)
    mask = np.array([[True, False, False], [True, True, False]])
    expected = np.where(mask, values, dtype(0))
    assert same_bits(nn.zeros_outside(values.copy(), mask), expected)
    column = np.array([[False], [True]])                       # a mask that broadcasts
    assert same_bits(nn.zeros_outside(values.copy(), column), np.where(column, values, dtype(0)))
    assert same_bits(nn.zeros_outside(np.array([5, 6]), np.array([True, False])), [5, 0])


@pytest.mark.parametrize("shape, window", [((5, 26, 26, 32), (2, 2)), ((3, 9, 12, 5), (3, 3)),
                                           ((4, 8, 6), (2,)), ((2, 4, 6, 4, 3), (2, 3, 2))])
@pytest.mark.parametrize("threads", [1, 2])
def test_max_pool_gradient_of_tiling_windows(shape, window, threads, monkeypatch):
    """Against the gradient routed tap by tap to each window's first maximum, with ties (the
    zeros a relu leaves) in many windows."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)
    rng = np.random.default_rng(3)
    x = np.maximum(rng.standard_normal(shape).astype(np.float32), 0)
    with parallel.enabled(threads):
        xv = Variable(x)
        with GradientTape() as tape:
            y = pooling.max_pool(xv, window, window)
            weights = rng.standard_normal(y.shape).astype(np.float32)
            loss = ops.reduce_sum(ops.multiply(y, weights))
        grad = np.asarray(tape.gradient(loss, xv))
    expected = np.zeros_like(x)
    free = np.ones(y.shape, bool)
    for index in pooling.tap_slices(window, y.shape[1:-1], window):
        hit = (x[index] == y.value) & free
        free &= ~hit
        expected[index] = weights * hit
    assert same_bits(grad, expected)


@pytest.mark.parametrize("threads", [1, 2])
def test_philox_blocks_chunk_by_chunk(threads, monkeypatch):
    """Blocks across chunk boundaries and a carry into the counter's upper words are those
    of one pass of ``philox_rounds`` over every counter."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)
    monkeypatch.setattr(philox_random, "CHUNK_BLOCKS", 1000)
    stream = philox_random.PhiloxRandom((0x12345678, 0x9ABCDEF0),
                                        (0xFFFFFC00, 0xFFFFFFFF, 0xFFFFFFFF, 7))
    n = 2500
    with parallel.enabled(threads):
        got = stream.blocks(n)
    counters = philox_random.add_to_counter(stream.counter, np.arange(n, dtype=np.uint64))
    expected = np.stack(philox_random.philox_rounds(counters, stream.key), axis=-1)
    assert same_bits(got, expected)
    for block in (0, 999, 1000, 1023, 1024, 2499):      # the rounds in Python integers
        assert got[block].tolist() == textbook_philox([int(w[block]) for w in counters],
                                                      stream.key)


def textbook_philox(c, key):
    k0, k1 = key
    for r in range(philox_random.ROUNDS):
        if r:
            k0, k1 = (k0 + philox_random.W32A) & 0xFFFFFFFF, (k1 + philox_random.W32B) & 0xFFFFFFFF
        a, b = c[0] * philox_random.M4x32A, c[2] * philox_random.M4x32B
        c = [(b >> 32) ^ c[1] ^ k0, b & 0xFFFFFFFF, (a >> 32) ^ c[3] ^ k1, a & 0xFFFFFFFF]
    return c
