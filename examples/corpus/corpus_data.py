"""Offline stand-ins for the downloads of the corpus programs.

Each function returns what the Keras loader it replaces returns (the same
structure, dtypes and per-sample shapes) with fewer samples, and data that can
be learned: every class has its own template, and each sample is its class's
template plus noise. The programs call these where the original calls
``keras.datasets.<name>.load_data()`` or downloads a file; every other line
of a program is as its source wrote it (see each program's docstring).
"""
import os

import numpy as np


def classes_of(n, num_classes, rng):
    return rng.integers(0, num_classes, size=n)


def templated_images(n, shape, num_classes, seed):
    rng = np.random.default_rng(seed)
    templates = rng.random((num_classes,) + shape)
    labels = classes_of(n, num_classes, rng)
    images = 0.7 * templates[labels] + 0.3 * rng.random((n,) + shape)
    return (images * 255).astype(np.uint8), labels.astype(np.uint8)


def image_split(shape, num_classes, n_train, n_test, seed):
    x, y = templated_images(n_train + n_test, shape, num_classes, seed)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def mnist(n_train=2000, n_test=400):
    """Like ``keras.datasets.mnist.load_data()``: uint8 (n, 28, 28) images, uint8 labels."""
    return image_split((28, 28), 10, n_train, n_test, seed=1)


def fashion_mnist(n_train=2000, n_test=400):
    """Like ``keras.datasets.fashion_mnist.load_data()``."""
    return image_split((28, 28), 10, n_train, n_test, seed=2)


def cifar10(n_train=1000, n_test=200):
    """Like ``keras.datasets.cifar10.load_data()``: uint8 (n, 32, 32, 3), labels (n, 1)."""
    (x, y), (xt, yt) = image_split((32, 32, 3), 10, n_train, n_test, seed=3)
    return (x, y.reshape(-1, 1)), (xt, yt.reshape(-1, 1))


def word_sequences(n, num_words, num_classes, seed, min_len=20, max_len=160):
    """Lists of word indices (1 = start, words from 4 up), each class preferring its own words."""
    rng = np.random.default_rng(seed)
    labels = classes_of(n, num_classes, rng)
    vocab = np.arange(4, num_words)
    preferred = [rng.choice(vocab, size=40, replace=False) for _ in range(num_classes)]
    sequences = np.empty(n, dtype=object)
    for i, label in enumerate(labels):
        length = int(rng.integers(min_len, max_len))
        words = rng.choice(vocab, size=length)
        own = rng.random(length) < 0.3
        words[own] = rng.choice(preferred[label], size=int(own.sum()))
        sequences[i] = [1] + words.tolist()
    return sequences, labels.astype(np.int64)


def imdb(num_words=10000, n_train=1000, n_test=300):
    """Like ``keras.datasets.imdb.load_data(num_words=...)``: object arrays of int lists."""
    x, y = word_sequences(n_train + n_test, num_words, 2, seed=4)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def reuters(num_words=10000, n_train=1200, n_test=300):
    """Like ``keras.datasets.reuters.load_data(num_words=...)``: 46 topics."""
    x, y = word_sequences(n_train + n_test, num_words, 46, seed=5, max_len=100)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def boston_housing():
    """Like ``keras.datasets.boston_housing.load_data()``: float64 (404, 13) and (102, 13)."""
    rng = np.random.default_rng(6)
    scale = np.array([3.6, 11.4, 11.1, 0.07, 0.55, 6.3, 68.6, 3.8, 9.5, 408.2, 18.5, 356.7, 12.7])
    x = rng.random((506, 13)) * scale * 2
    w = rng.standard_normal(13) / scale
    y = 22.5 + 3.0 * (x @ w) + rng.standard_normal(506)
    return (x[:404], y[:404]), (x[404:], y[404:])


def tabular(n=1000, features=9, seed=7):
    """A numeric table and a target that depends on it (the Auto MPG shape: 9 features)."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, features)).astype(np.float32) * rng.uniform(1, 100, features)
    w = rng.standard_normal(features) / x.std(axis=0)
    y = (20 + 5 * (x - x.mean(axis=0)) @ w).astype(np.float32)
    return x, y


def reviews_folder(root, n_per_class=40, seed=8):
    """An ``aclImdb``-like tree: ``train`` and ``test`` with ``pos``/``neg`` text files."""
    rng = np.random.default_rng(seed)
    words = {"pos": "great wonderful superb moving brilliant fun".split(),
             "neg": "awful boring terrible dull waste bad".split()}
    common = "the a movie film plot actor story it was and of to is <br />".split()
    for split in ("train", "test"):
        for label, own in words.items():
            folder = os.path.join(root, split, label)
            os.makedirs(folder, exist_ok=True)
            for i in range(n_per_class):
                text = " ".join(rng.choice(common + own * 2, size=int(rng.integers(20, 60))))
                with open(os.path.join(folder, f"{i}_{label}.txt"), "w") as f:
                    f.write(text.capitalize() + ".")
    return root


FLOWERS = ("daisy", "dandelion", "roses", "sunflowers", "tulips")


def flower_image(rng, tint, height, width):
    """A tinted picture with a bright disc at a random place: (height, width, 3) uint8."""
    y, x = np.mgrid[0:height, 0:width]
    cy, cx = rng.uniform(0.3, 0.7) * height, rng.uniform(0.3, 0.7) * width
    disc = ((y - cy) ** 2 + (x - cx) ** 2 < (0.25 * min(height, width)) ** 2)[..., None]
    pixels = 0.55 * np.asarray(tint) + 0.25 * disc * 255 + rng.uniform(0, 50, (height, width, 3))
    return np.clip(pixels, 0, 255).astype(np.uint8)


def flower_photos(root, n_per_class=10, seed=9):
    """A ``flower_photos``-like tree: one folder of small JPEG files per flower class."""
    from PIL import Image   # only these two makers write image files
    rng = np.random.default_rng(seed)
    tints = rng.uniform(0, 255, (len(FLOWERS), 3))
    for flower, tint in zip(FLOWERS, tints):
        folder = os.path.join(root, flower)
        os.makedirs(folder, exist_ok=True)
        for i in range(n_per_class):
            height, width = int(rng.integers(40, 64)), int(rng.integers(48, 80))
            Image.fromarray(flower_image(rng, tint, height, width)).save(
                os.path.join(folder, f"{flower}_{i}.jpg"), quality=90)
    return root


def sunflower_file(path, seed=10):
    """One more picture of the ``sunflowers`` class, as a JPEG file at ``path``."""
    from PIL import Image   # only these two makers write image files
    rng = np.random.default_rng(9)
    tint = rng.uniform(0, 255, (len(FLOWERS), 3))[FLOWERS.index("sunflowers")]
    Image.fromarray(flower_image(np.random.default_rng(seed), tint, 60, 60)).save(
        path, format="JPEG", quality=90)
    return path
