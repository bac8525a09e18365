"""The bare NumPy floor of the keras.io MNIST convnet: the same work as ``model.fit``, no engine.

The model (``convnet.convnet``): Conv2D 32 3x3 relu, MaxPooling2D 2, Conv2D 64 3x3
relu, MaxPooling2D 2, Flatten, Dropout 0.5, Dense 10 softmax; Adam (Keras's
defaults: lr 1e-3, beta_1 0.9, beta_2 0.999, epsilon 1e-7), sparse categorical
crossentropy, accuracy, ``shuffle=False``. ``floor_epoch`` does what one epoch of
that fit must do, as plain float32 NumPy in one loop over the batches, every large
array allocated once before the loop and written with ``out=`` (but for the Winograd
convolution's own):

- the first convolution (one input channel) is one im2col copy and one matmul
  ``(N*H*W, 3*3) @ (3*3, F)``, its kernel gradient ``cols.T @ g`` (its input is data,
  so it has no input gradient);
- the second one (32 -> 64 channels, 3x3, stride 1) runs as the engine runs it, by
  Winograd's minimal filtering (F(4x4, 3x3) forward and for the input gradient, F(2x2,
  3x3) for the kernel gradient): ``backend/winograd.py``'s ``forward`` and ``backward``,
  plain NumPy functions (36 or 16 matmuls a pass and the tile transforms; they allocate
  their own arrays);
- a 2x2 max pooling is the maximum of its four taps (strided views); its gradient
  goes to the first maximum of each window, tap by tap (TensorFlow's rule), in
  cache-sized blocks of the batch;
- dropout draws a float32 uniform mask; the loss is softmax crossentropy on the
  logits, its gradient ``softmax - one_hot`` over the batch size.

Anything ``model.fit`` spends beyond this is the engine's overhead (the Python of
layers, tape and callbacks, and the fresh arrays its ops return).
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

FILTERS, CLASSES = (32, 64), 10
F32 = np.float32


def conv_params(seed=1):
    """Glorot-uniform kernels and zero biases (Keras's defaults), float32."""
    rng = np.random.default_rng(seed)

    def glorot(shape, fan_in, fan_out):
        limit = np.sqrt(6 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, shape).astype(F32)
    return [glorot((3, 3, 1, 32), 9, 9 * 32), np.zeros(32, F32),
            glorot((3, 3, 32, 64), 9 * 32, 9 * 64), np.zeros(64, F32),
            glorot((1600, CLASSES), 1600, CLASSES), np.zeros(CLASSES, F32)]


def train_flops(samples):
    """FLOPs (2 per multiply-add) of one epoch's matmuls: forward, kernel gradients, and the
    second convolution's input gradient."""
    conv1, conv2, dense = 26 * 26 * 9 * 32, 11 * 11 * 288 * 64, 1600 * CLASSES
    return 2 * samples * (2 * conv1 + 3 * conv2 + 3 * dense)


def im2col(x, out):
    """Every 3x3 window of ``x`` ``(n, h, w, c)`` as a row of ``out`` ``(n, h-2, w-2, 3, 3, c)``
    (one channel: tap by tap, which copies whole rows)."""
    windows = sliding_window_view(x, (3, 3), axis=(1, 2))      # (n, h-2, w-2, c, 3, 3)
    if x.shape[-1] > 1:
        np.copyto(out, windows.transpose(0, 1, 2, 4, 5, 3))
        return
    for i in range(3):
        for j in range(3):
            out[:, :, :, i, j, 0] = windows[:, :, :, 0, i, j]


def conv_forward(x, kernel, cols, out, block=1 << 20):
    """im2col of ``x`` into ``cols`` and its product with ``kernel`` ``(3 * 3 * c, f)`` into
    ``out``, in blocks of the batch of about ``block`` bytes of patches, each multiplied
    while it is in the cache."""
    n, k = len(x), kernel.shape[0]
    step = max(1, block // cols[:1].nbytes)
    for lo in range(0, n, step):
        rows = slice(lo, lo + step)
        im2col(x[rows], cols[rows])
        np.matmul(cols[rows].reshape(-1, k), kernel, out=out[rows].reshape(-1, kernel.shape[1]))


def pool_forward(a, out, hits, block=1 << 20):
    """2x2 max pooling of ``a`` (odd rows/columns dropped) into ``out``, and each window's
    first maximum marked in ``hits`` (one bool array per tap), in blocks of the batch of
    about ``block`` bytes of input: each block's taps are copied into a contiguous
    buffer, whose maxima and comparisons stay in the cache."""
    n, h, w, c = out.shape
    v = a[:, :2 * h, :2 * w].reshape(n, h, 2, w, 2, c)
    step = max(1, block // (4 * out[:1].nbytes))
    taps = np.empty((4, step, h, w, c), dtype=a.dtype)
    free = np.empty((step, h, w, c), dtype=bool)
    for lo in range(0, n, step):
        rows = slice(lo, lo + step)
        m = len(out[rows])
        for t, (i, j) in enumerate(((0, 0), (0, 1), (1, 0), (1, 1))):
            taps[t, :m] = v[rows, :, i, :, j]
        o = out[rows]
        np.maximum(taps[0, :m], taps[1, :m], out=o)
        np.maximum(o, taps[2, :m], out=o)
        np.maximum(o, taps[3, :m], out=o)
        free[:m] = True
        for t in range(4):
            hit = hits[t, rows]
            np.equal(taps[t, :m], o, out=hit)
            hit &= free[:m]
            free[:m] ^= hit


def pool_backward(hits, g, dtaps, block=1 << 20):
    """Route ``g`` to the first maximum of each window (``dtaps``: views of the gradient,
    one per tap), in blocks of the batch of about ``block`` bytes of input."""
    step = max(1, block // (4 * g[:1].nbytes))
    for lo in range(0, len(g), step):
        rows = slice(lo, lo + step)
        for hit, dtap in zip(hits, dtaps):
            np.multiply(g[rows], hit[rows], out=dtap[rows])


def column_sums(g, out):
    """``g.sum(axis=0)`` of a ``(m, c)`` gradient into ``out``, its rows first folded into
    rows of 2048 values: NumPy sums a narrow array ``c`` values at a time."""
    m, c = g.shape
    q = m // (2048 // c) * (2048 // c)
    np.sum(g[:q].reshape(-1, 2048).sum(axis=0).reshape(-1, c), axis=0, out=out)
    out += g[q:].sum(axis=0)


def adam_update(p, g, m, v, t, work, lr=1e-3, b1=0.9, b2=0.999, eps=1e-7):
    """Keras's Adam, in place: ``p -= lr_t m / (sqrt(v) + eps)``."""
    alpha = F32(lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t))
    m += (g - m) * F32(1 - b1)
    np.square(g, out=work)
    work -= v
    work *= F32(1 - b2)
    v += work
    np.sqrt(v, out=work)
    work += F32(eps)
    np.divide(m, work, out=work)
    work *= alpha
    p -= work


class Buffers:
    """Every array of a step, for ``batch`` samples, allocated once (but the second
    convolution's output and input gradient, which ``winograd`` hands back)."""

    def __init__(self, batch):
        def z(*shape, dtype=F32):
            return np.zeros(shape, dtype)
        self.cols1, self.a1 = z(batch, 26, 26, 3, 3, 1), z(batch, 26, 26, 32)
        self.p1 = z(batch, 13, 13, 32)
        self.p2 = z(batch, 5, 5, 64)
        self.keep, self.h = z(batch, 1600), z(batch, 1600)
        self.z, self.dh = z(batch, CLASSES), z(batch, 1600)
        self.da2 = z(batch, 11, 11, 64)
        self.da1 = z(batch, 26, 26, 32)
        self.hits1 = z(4, batch, 13, 13, 32, dtype=bool)
        self.hits2 = z(4, batch, 5, 5, 64, dtype=bool)
        self.relu1, self.relu2 = z(batch, 26, 26, 32, dtype=bool), z(batch, 11, 11, 64, dtype=bool)


def floor_epoch(x, y, params, slots, step=0, batch_size=128, rate=0.5, seed=0, tick=None):
    """One epoch in place on ``params`` and the Adam ``slots`` (m and v per parameter);
    returns (mean loss, accuracy, the step count after it). Longer than 50 lines on purpose:
    the floor is the whole step written out, with nothing between the NumPy calls.

    ``tick(part)``, when given, is called as each part of a step ends (``convnet_profile``
    times the parts with it)."""
    # plain NumPy functions, no engine; imported here, where the floor runs, since a
    # baseline server imports this module beside another checkout's tracekeras
    from tracekeras.backend import winograd
    tick = tick or no_tick
    k1, b1, k2, b2, w3, b3 = params
    grads = [np.empty_like(p) for p in params]
    gk1, gb1, gk2, gb2, gw3, gb3 = grads
    work = [np.empty_like(p) for p in params]
    rng = np.random.default_rng(seed)
    buf = Buffers(batch_size)
    zeros1, zeros2 = np.zeros(FILTERS[0], F32), np.zeros(FILTERS[1], F32)
    loss_total, correct = 0.0, 0
    for start in range(0, len(x), batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        n = len(xb)
        rows = np.arange(n)
        cols1, a1, p1 = buf.cols1[:n], buf.a1[:n], buf.p1[:n]
        p2, keep, h, z = buf.p2[:n], buf.keep[:n], buf.h[:n], buf.z[:n]
        # forward
        conv_forward(xb, k1.reshape(9, 32), cols1, a1)
        tick("conv1 fwd tf.nn.convolution: patches and matmul")
        a1 += b1
        tick("conv1 fwd tf.nn.bias_add")
        np.maximum(a1, zeros1, out=a1)        # a row of zeros: NumPy is slower with a scalar
        tick("conv1 fwd tf.nn.relu")
        pool_forward(a1, p1, buf.hits1[:, :n])
        tick("pool1 fwd tf.nn.max_pool")
        a2, winograd_state = winograd.forward(p1, k2)
        tick("conv2 fwd tf.nn.convolution")
        a2 += b2
        tick("conv2 fwd tf.nn.bias_add")
        np.maximum(a2, zeros2, out=a2)
        tick("conv2 fwd tf.nn.relu")
        pool_forward(a2, p2, buf.hits2[:, :n])
        tick("pool2 fwd tf.nn.max_pool")
        rng.random(keep.shape, dtype=F32, out=keep)
        np.greater_equal(keep, F32(rate), out=keep, casting="unsafe")
        keep *= F32(1 / (1 - rate))
        np.multiply(p2.reshape(n, 1600), keep, out=h)
        tick("dropout fwd tf.nn.dropout")
        np.matmul(h, w3, out=z)
        z += b3
        tick("dense fwd tf.linalg.matmul")
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)                  # probabilities
        loss_total += float(-np.log(z[rows, yb]).sum())
        correct += int((z.argmax(axis=1) == yb).sum())
        tick("loss fwd")
        # backward
        z[rows, yb] -= 1
        z *= F32(1 / n)                                    # d mean-loss / d logits
        tick("loss bwd")
        np.matmul(h.T, z, out=gw3)
        np.sum(z, axis=0, out=gb3)
        dh = buf.dh[:n]
        np.matmul(z, w3.T, out=dh)
        dh *= keep
        tick("dense bwd tf.linalg.matmul")
        da2, da1 = buf.da2[:n], buf.da1[:n]
        da2[:, 10:], da2[:, :, 10:] = 0, 0                 # the row and column no window reads
        d2 = da2[:, :10, :10].reshape(n, 5, 2, 5, 2, 64)
        pool_backward(buf.hits2[:, :n], dh.reshape(n, 5, 5, 64),
                      [d2[:, :, i, :, j] for i in (0, 1) for j in (0, 1)])
        tick("pool2 bwd tf.nn.max_pool")
        np.greater(a2, 0, out=buf.relu2[:n])
        da2 *= buf.relu2[:n]
        tick("conv2 bwd tf.nn.relu")
        column_sums(da2.reshape(-1, 64), gb2)
        tick("conv2 bwd tf.nn.bias_add")
        dp1, gk2[...] = winograd.backward(winograd_state, da2, True, True)
        tick("conv2 bwd tf.nn.convolution")
        d1 = da1.reshape(n, 13, 2, 13, 2, 32)
        pool_backward(buf.hits1[:, :n], dp1, [d1[:, :, i, :, j] for i in (0, 1) for j in (0, 1)])
        tick("pool1 bwd tf.nn.max_pool")
        np.greater(a1, 0, out=buf.relu1[:n])
        da1 *= buf.relu1[:n]
        tick("conv1 bwd tf.nn.relu")
        g1 = da1.reshape(-1, 32)
        np.matmul(cols1.reshape(-1, 9).T, g1, out=gk1.reshape(9, 32))
        column_sums(g1, gb1)
        tick("conv1 bwd tf.nn.convolution: kernel gradient")
        step += 1
        for p, g, (m, v), t in zip(params, grads, slots, work):
            adam_update(p, g, m, v, step, t)
        tick("optimizer")
    return loss_total / len(x), correct / len(x), step


def no_tick(part):
    """The ``tick`` of an untimed epoch."""


def fresh_state():
    params = conv_params()
    return params, [(np.zeros_like(p), np.zeros_like(p)) for p in params]
