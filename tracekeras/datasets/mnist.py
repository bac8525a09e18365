"""``mnist.load_data()`` that works with no network.

Keras downloads ``mnist.npz`` into ``~/.keras/datasets/`` (or ``cache_dir``;
tracekeras also looks under ``$KERAS_HOME``, see ``tracekeras.utils.data_utils``)
the first time. tracekeras reads that file when it exists. When it does not
(this machine cannot download), it builds an MNIST-shaped stand-in from the
digits that ship with tracekeras: each 8x8 digit is enlarged to 20x20, placed
in a 28x28 frame at a random offset, given random stroke intensity and noise,
and scaled to 0..255 uint8; 60,000 training and 10,000 test images, the test
images drawn from digits the training images never use. It is not MNIST (the
accuracy figures differ) and a warning says so, but the shapes, dtypes and the
whole example run exactly as with MNIST.
"""
import os
import warnings

import numpy as np

from tracekeras import tracing
from tracekeras.datasets import digits
from tracekeras.utils.data_utils import cache_root


def cache_path(path="mnist.npz", cache_dir=None):
    return os.path.join(cache_root(cache_dir), "datasets", path)


def load_data(path="mnist.npz", cache_dir=None):
    """``(x_train, y_train), (x_test, y_test)``: uint8 (n, 28, 28) images, uint8 labels."""
    found = path if os.path.isabs(path) else cache_path(path, cache_dir)
    if os.path.exists(found):
        with np.load(found, allow_pickle=False) as f:
            out = (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
        tracing.instant("keras.datasets.mnist.load_data", "data", source=found,
                        train=len(out[0][0]), test=len(out[1][0]))
        return out
    warnings.warn(f"MNIST is not in the Keras cache ({found}) and cannot be downloaded here; "
                  "using tracekeras's offline stand-in built from the bundled 8x8 digits "
                  "(same shapes and dtypes, different images).", stacklevel=2)
    out = stand_in()
    tracing.instant("keras.datasets.mnist.load_data", "data", source="stand-in (digits)",
                    train=len(out[0][0]), test=len(out[1][0]))
    return out


def stand_in(n_train=60000, n_test=10000, seed=0):
    images, labels = digits.load_arrays()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(images))
    test_ids, train_ids = order[:360], order[360:]
    x_train = render(images, rng.choice(train_ids, n_train), rng)
    x_test = render(images, rng.choice(test_ids, n_test), rng)
    return (x_train[0], labels[x_train[1]]), (x_test[0], labels[x_test[1]])


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
    return (np.clip(out, 0, 1) * 255).astype(np.uint8), ids


def enlarge(images, size=20):
    """Bilinear resize of (n, 8, 8) images to (n, size, size)."""
    src = images.shape[1]
    coords = (np.arange(size) + 0.5) * src / size - 0.5
    low = np.clip(np.floor(coords).astype(int), 0, src - 1)
    high = np.clip(low + 1, 0, src - 1)
    frac = np.clip(coords - low, 0, 1).astype(np.float32)
    rows = images[:, low, :] * (1 - frac)[None, :, None] + images[:, high, :] * frac[None, :, None]
    return rows[:, :, low] * (1 - frac)[None, None, :] + rows[:, :, high] * frac[None, None, :]
