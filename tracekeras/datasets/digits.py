"""The handwritten digits data set that ships with tracekeras (works offline).

``load_data()`` returns ``(x_train, y_train), (x_test, y_test)`` like the Keras
dataset loaders: uint8 images (n, 8, 8) with pixel values 0..16, integer labels.
The split is a seeded shuffle, so every run sees the same data.
"""
import os

import numpy as np

from tracekeras import tracing

PATH = os.path.join(os.path.dirname(__file__), "digits.npz")


def load_arrays():
    with np.load(PATH, allow_pickle=False) as data:
        return data["images"], data["labels"]


def load_data(test_split=0.2, seed=113):
    if not 0.0 <= test_split < 1.0:
        raise ValueError(f"`test_split` must be in [0, 1). Received: test_split={test_split}")
    images, labels = load_arrays()
    order = np.random.default_rng(seed).permutation(len(images))
    images, labels = images[order], labels[order]
    n_test = int(round(len(images) * test_split))
    cut = len(images) - n_test
    tracing.instant("keras.datasets.digits.load_data", "data",
                    source="tracekeras/datasets/digits.npz",
                    train=cut, test=n_test)
    return (images[:cut], labels[:cut]), (images[cut:], labels[cut:])
