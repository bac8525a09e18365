"""The bare NumPy floor of the seed model: the same matrix work as ``model.fit``, no engine.

The seed model is ``Sequential([Dense(512, relu), Dense(10, softmax)])`` compiled
with ``rmsprop`` and ``sparse_categorical_crossentropy`` and the ``accuracy``
metric, fitted on 60000 x 784 float32 data with ``batch_size=128`` and the
default per-epoch shuffle. ``floor_epoch`` does what one such epoch must do,
written as plain NumPy in one function: gather the shuffled batch, forward,
crossentropy from the logits, backward, Keras 2.11+'s RMSprop update
(``v = rho v + (1 - rho) g**2; w -= lr g / sqrt(v + eps)``, rho 0.9, eps 1e-7, lr 0.001), and the
loss/accuracy means. Anything the engine
spends beyond this is engine overhead.
"""
import time

import numpy as np

UNITS, CLASSES = 512, 10


def seed_data(samples=60000, features=784, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((samples, features), dtype=np.float32)
    y = rng.integers(0, CLASSES, samples).astype(np.int64)
    return x, y


def seed_params(features=784, seed=1):
    """Glorot-uniform kernels and zero biases, float32 (Keras's Dense defaults)."""
    rng = np.random.default_rng(seed)

    def glorot(fan_in, fan_out):
        limit = np.sqrt(6 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)
    return [glorot(features, UNITS), np.zeros(UNITS, np.float32),
            glorot(UNITS, CLASSES), np.zeros(CLASSES, np.float32)]


def train_flops(samples, features=784):
    """Multiply-add FLOPs (2 per multiply-add) of the matmuls of one training epoch.

    Forward x@W1 and h@W2; backward h.T@dz, dz@W2.T and x.T@dh (no gradient for x).
    """
    return 2 * samples * (2 * features * UNITS + 3 * UNITS * CLASSES)


def forward_flops(samples, features=784):
    return 2 * samples * (features * UNITS + UNITS * CLASSES)


def floor_epoch(x, y, params, slots, batch_size=128, rng=None, lr=1e-3, rho=0.9, eps=1e-7,
                shuffle=True, clock=None):
    """One shuffled epoch of forward, backward and RMSprop, in place on params and slots.

    Every large array is preallocated once and written with ``out=``, so the epoch
    allocates almost nothing: no allocator churn (glibc trimming the heap and
    faulting pages back in can double an epoch; see the README) and no copies.
    Returns (mean loss, accuracy) as Keras's epoch logs would; ``clock``, a list, receives
    ``time.perf_counter()`` as each step begins (as ``engine_bench.fit_once``'s). Longer than 50
    lines on
    purpose: the floor is the whole step written out in one function, with nothing between
    the NumPy calls.
    """
    w1, b1, w2, b2 = params
    n, features = x.shape
    order = (rng or np.random.default_rng(0)).permutation(n) if shuffle else np.arange(n)
    f32 = np.float32
    lr, rho, one_minus_rho, eps = f32(lr), f32(rho), f32(1 - rho), f32(eps)
    xb_buf = np.empty((batch_size, features), np.float32)
    h_buf = np.empty((batch_size, UNITS), np.float32)
    dh_buf = np.empty_like(h_buf)
    mask_buf = np.empty(h_buf.shape, bool)
    z_buf = np.empty((batch_size, CLASSES), np.float32)
    grads = [np.empty_like(p) for p in params]
    gw1, gb1, gw2, gb2 = grads
    scratch = [np.empty_like(p) for p in params]
    loss_total, correct = 0.0, 0
    for start in range(0, n, batch_size):
        if clock is not None:
            clock.append(time.perf_counter())
        idx = order[start:start + batch_size]
        m = len(idx)
        xb, h, dh, z = xb_buf[:m], h_buf[:m], dh_buf[:m], z_buf[:m]
        np.take(x, idx, axis=0, out=xb)
        yb = y[idx]
        rows = np.arange(m)
        np.matmul(xb, w1, out=h)
        h += b1
        np.maximum(h, 0, out=h)
        np.matmul(h, w2, out=z)
        z += b2
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)                # probabilities
        loss_total += float(-np.log(z[rows, yb]).sum())
        correct += int((z.argmax(axis=1) == yb).sum())
        z[rows, yb] -= 1
        z *= f32(1 / m)                                  # d mean-loss / d logits
        np.matmul(h.T, z, out=gw2)
        np.sum(z, axis=0, out=gb2)
        np.matmul(z, w2.T, out=dh)
        np.greater(h, 0, out=mask_buf[:m])
        dh *= mask_buf[:m]
        np.matmul(xb.T, dh, out=gw1)
        np.sum(dh, axis=0, out=gb1)
        for p, g, v, t in zip(params, grads, slots, scratch):
            v *= rho                                     # Keras 2.11+ RMSprop:
            np.multiply(g, g, out=t)                     # v = rho v + (1 - rho) g**2
            t *= one_minus_rho
            v += t
            np.add(v, eps, out=t)                        # w -= lr g / sqrt(v + eps)
            np.sqrt(t, out=t)
            np.divide(g, t, out=t)
            t *= lr
            p -= t
    return loss_total / n, correct / n


def floor_forward(x, y, params, batch_size=128, with_loss=True):
    """predict (with_loss False: the concatenated softmax outputs) or evaluate (loss, accuracy)."""
    w1, b1, w2, b2 = params
    outs, loss_total, correct = [], 0.0, 0
    for start in range(0, len(x), batch_size):
        xb = x[start:start + batch_size]
        h = xb @ w1
        h += b1
        np.maximum(h, 0, out=h)
        z = h @ w2
        z += b2
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        if with_loss:
            yb = y[start:start + batch_size]
            loss_total += float(-np.log(z[np.arange(len(yb)), yb]).sum())
            correct += int((z.argmax(axis=1) == yb).sum())
        else:
            outs.append(z)
    if with_loss:
        return loss_total / len(x), correct / len(x)
    return np.concatenate(outs)


def fresh_state(features=784):
    params = seed_params(features)
    return params, [np.zeros_like(p) for p in params]
