"""backend.winograd: a 3x3 stride-1 convolution by Winograd's minimal filtering (F(4x4, 3x3)
forward, F(2x2, 3x3) for the gradients) gives im2col's output, input gradient and kernel
gradient (float64: to rounding; float32: within a few ulps of the largest value), for odd
and even output sizes, VALID and SAME padding; only the convolutions it fits take it."""
import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, conv, ops, winograd


def conv_step(x, kernel, padding, use_winograd, monkeypatch, sources=(0, 1)):
    """Output, and gradients of sum(y * w) with respect to the chosen sources."""
    if not use_winograd:
        monkeypatch.setattr(winograd, "applies", lambda *args: False)
    xv, kv = Variable(x), Variable(kernel)
    with GradientTape() as tape:
        y = conv.convolution(xv, kv, (1, 1), padding)
        weights = np.linspace(-1, 1, y.value.size).reshape(y.shape).astype(x.dtype)
        loss = ops.reduce_sum(ops.multiply(y, weights))
    grads = tape.gradient(loss, [[xv, kv][i] for i in sources])
    monkeypatch.undo()
    return [y.value] + [np.asarray(g) for g in grads]


@pytest.mark.parametrize("shape, filters, padding", [
    ((5, 13, 13, 32), 64, "VALID"),      # the MNIST convnet's second convolution: odd output
    ((3, 10, 7, 8), 9, "VALID"),         # even rows, odd columns
    ((2, 6, 9, 12), 8, "SAME"),
    ((4, 3, 3, 8), 16, "VALID"),         # one output
    ((40, 8, 8, 8), 8, "SAME")])         # several chunks of the batch
@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-12), (np.float32, 3e-6)])
def test_winograd_gives_im2col_numbers(shape, filters, padding, dtype, rtol, monkeypatch):
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape).astype(dtype)
    kernel = rng.standard_normal((3, 3, shape[-1], filters)).astype(dtype)
    assert winograd.applies(x, kernel, (1, 1), (1, 1), 1)
    fast = conv_step(x, kernel, padding, True, monkeypatch)
    plain = conv_step(x, kernel, padding, False, monkeypatch)
    for a, b in zip(fast, plain):
        assert a.dtype == b.dtype == dtype and a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=0, atol=rtol * float(np.abs(b).max()))


def test_one_gradient_alone(monkeypatch):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 9, 9, 8))
    kernel = rng.standard_normal((3, 3, 8, 8))
    both = conv_step(x, kernel, "VALID", True, monkeypatch)
    for source in (0, 1):
        alone = conv_step(x, kernel, "VALID", True, monkeypatch, sources=(source,))
        np.testing.assert_allclose(alone[1], both[1 + source], rtol=1e-12)


def test_only_the_convolutions_it_fits_take_it():
    x = np.zeros((2, 9, 9, 8), np.float32)
    kernel = np.zeros((3, 3, 8, 16), np.float32)
    assert winograd.applies(x, kernel, (1, 1), (1, 1), 1)
    assert not winograd.applies(x, kernel, (2, 2), (1, 1), 1)        # strided
    assert not winograd.applies(x, kernel, (1, 1), (2, 2), 1)        # dilated
    assert not winograd.applies(x, np.zeros((3, 3, 4, 16), np.float32), (1, 1), (1, 1), 2)
    assert not winograd.applies(x, np.zeros((5, 5, 8, 16), np.float32), (1, 1), (1, 1), 1)
    assert not winograd.applies(x[..., :1], np.zeros((3, 3, 1, 16), np.float32),
                                (1, 1), (1, 1), 1)                     # one input channel
    assert not winograd.applies(x.astype(np.float16), kernel.astype(np.float16),
                                (1, 1), (1, 1), 1)
    assert not winograd.applies(x[:, :2], kernel, (1, 1), (1, 1), 1)  # no full window
    assert not winograd.applies(np.zeros((2, 9, 9, 9, 8), np.float32),
                                np.zeros((3, 3, 3, 8, 8), np.float32), (1, 1, 1), (1, 1, 1), 1)


@pytest.mark.parametrize("tiles", [winograd.F4, winograd.F2])
def test_each_tiling_is_an_exact_correlation(tiles):
    """``A^T ((G g) * (B^T d))`` is the correlation of ``d`` (``m + 2`` values) with ``g`` (3):
    exact up to float64 rounding, so a wrong entry in a matrix shows."""
    rng = np.random.default_rng(2)
    for _ in range(5):
        d, g = rng.standard_normal(tiles.n), rng.standard_normal(3)
        fast = tiles.a_t @ ((tiles.g @ g) * (tiles.b_t @ d))
        plain = np.array([d[k:k + 3] @ g for k in range(tiles.size)])
        np.testing.assert_allclose(fast, plain, rtol=0, atol=1e-13)


def test_four_by_four_tiles_where_they_do_fewer_products():
    for (ho, wo), tiles in [((11, 11), winograd.F4), ((3, 3), winograd.F4),
                            ((1, 1), winograd.F2), ((2, 2), winograd.F2),
                            ((2, 40), winograd.F2), ((8, 5), winograd.F4)]:
        assert winograd.choose(ho, wo) is tiles


def test_float32_error_against_a_float64_direct_convolution():
    """The MNIST convnet's second convolution on random data: each of the three results
    within 3e-6 of its largest value of the float64 direct convolution's, the two
    gradients within 1e-6."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((32, 13, 13, 32)).astype(np.float32)
    kernel = (rng.standard_normal((3, 3, 32, 64)) * 0.1).astype(np.float32)
    g = rng.standard_normal((32, 11, 11, 64)).astype(np.float32)
    out, state = winograd.forward(x, kernel)
    dx, dk = winograd.backward(state, g, True, True)
    x64, k64, g64 = (a.astype(np.float64) for a in (x, kernel, g))
    taps = [(i, j) for i in range(3) for j in range(3)]
    ref = sum(x64[:, i:i + 11, j:j + 11] @ k64[i, j] for i, j in taps)
    ref_dx = np.zeros_like(x64)
    for i, j in taps:
        ref_dx[:, i:i + 11, j:j + 11] += g64 @ k64[i, j].T
    ref_dk = np.stack([np.einsum("nhwc,nhwf->cf", x64[:, i:i + 11, j:j + 11], g64)
                       for i, j in taps]).reshape(k64.shape)
    for fast, plain in [(out, ref), (dx, ref_dx), (dk, ref_dk)]:
        assert fast.dtype == np.float32
        assert np.abs(fast - plain).max() <= 3e-6 * np.abs(plain).max()
    # the gradients by F(2x2, 3x3), the kernel gradient's chunk parts added in float64:
    # about 4e-7 and 7e-7 here (F(4x4, 3x3) tiles gave 2-5e-6)
    for fast, plain in [(dx, ref_dx), (dk, ref_dk)]:
        assert np.abs(fast - plain).max() <= 1e-6 * np.abs(plain).max()
