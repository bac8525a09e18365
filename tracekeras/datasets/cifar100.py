"""``keras.datasets.cifar100``: 60,000 32x32 colour images in 100 classes (Keras cache).

``load_data`` reads the pickles ``train`` and ``test`` in
``~/.keras/datasets/cifar-100-python/`` (or first extracts
``cifar-100-python.tar.gz`` there) and returns channels-last uint8 images with
labels of shape (n, 1): the 100 fine classes, or with ``label_mode="coarse"``
the 20 superclasses. Nothing is downloaded: a missing file is a
``FileNotFoundError`` that names the URL to fetch it from.
Trace: an instant ``keras.datasets.cifar100.load_data`` with the folder and the sizes.
"""
import os

import numpy as np

from tracekeras import tracing
from tracekeras.datasets.cifar import load_batch
from tracekeras.utils.data_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
TAR_SHA256 = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"


def load_data(label_mode="fine", cache_dir=None):
    """``(x_train, y_train), (x_test, y_test)``: uint8 (n, 32, 32, 3) images, (n, 1) labels."""
    if label_mode not in ("fine", "coarse"):
        raise ValueError('`label_mode` must be one of `"fine"`, `"coarse"`. '
                         f"Received: label_mode={label_mode}.")
    path = get_file("cifar-100-python", origin=ORIGIN, untar=True, file_hash=TAR_SHA256,
                    cache_dir=cache_dir)
    x_train, y_train = load_batch(os.path.join(path, "train"), label_key=label_mode + "_labels")
    x_test, y_test = load_batch(os.path.join(path, "test"), label_key=label_mode + "_labels")
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train = x_train.transpose(0, 2, 3, 1)   # channels_last, the only data format here
    x_test = x_test.transpose(0, 2, 3, 1)
    tracing.instant("keras.datasets.cifar100.load_data", "data", source=path,
                    train=len(y_train), test=len(y_test))
    return (x_train, y_train), (x_test, y_test)
