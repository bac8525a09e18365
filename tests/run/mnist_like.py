"""An ``mnist.npz`` in Keras's format for tests that run the MNIST scripts (not MNIST).

The seed scripts call ``mnist.load_data()`` and reshape to 60,000 and 10,000
images, so the tests need a file with MNIST's names, shapes and dtypes. This
one is drawn from the 8x8 digits that ship with tracekeras: each digit is
enlarged to 20x20, placed in a 28x28 frame at a random offset, given a random
stroke intensity and noise, and scaled to 0..255 uint8; the test images come
from digits the training images never use. Only the format is MNIST's.
"""
import hashlib

import numpy as np

from tracekeras.datasets import digits


def write_npz(path, n_train=60000, n_test=10000, seed=0):
    """Write the file at ``path``; return its sha256 (what ``mnist.NPZ_SHA256`` must be)."""
    (x_train, y_train), (x_test, y_test) = arrays(n_train, n_test, seed)
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def arrays(n_train, n_test, seed=0):
    images, labels = digits.load_arrays()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(images))
    test_ids, train_ids = order[:360], order[360:]
    train = rng.choice(train_ids, n_train)
    test = rng.choice(test_ids, n_test)
    return ((render(images, train, rng), labels[train]),
            (render(images, test, rng), labels[test]))


def render(images, ids, rng):
    """28x28 uint8 images of the chosen digits, each enlarged, shifted and noised."""
    big = enlarge(images.astype(np.float32) / 16.0)          # (1797, 20, 20)
    n = len(ids)
    out = np.zeros((n, 28, 28), np.float32)
    shifts = rng.integers(0, 9, size=(n, 2))
    gain = rng.uniform(0.75, 1.0, size=(n, 1, 1)).astype(np.float32)
    for dy in range(9):
        for dx in range(9):
            pick = (shifts[:, 0] == dy) & (shifts[:, 1] == dx)
            out[pick, dy:dy + 20, dx:dx + 20] = big[ids[pick]]
    out *= gain
    out += rng.standard_normal(out.shape, dtype=np.float32) * np.float32(0.03)
    return (np.clip(out, 0, 1) * 255).astype(np.uint8)


def enlarge(images, size=20):
    """Bilinear resize of (n, 8, 8) images to (n, size, size)."""
    src = images.shape[1]
    coords = (np.arange(size) + 0.5) * src / size - 0.5
    low = np.clip(np.floor(coords).astype(int), 0, src - 1)
    high = np.clip(low + 1, 0, src - 1)
    frac = np.clip(coords - low, 0, 1).astype(np.float32)
    rows = images[:, low, :] * (1 - frac)[None, :, None] + images[:, high, :] * frac[None, :, None]
    return rows[:, :, low] * (1 - frac)[None, None, :] + rows[:, :, high] * frac[None, None, :]
