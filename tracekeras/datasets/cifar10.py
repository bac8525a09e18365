"""``keras.datasets.cifar10``: 60,000 32x32 colour images in 10 classes (Keras cache).

``load_data`` reads the pickled batches in ``~/.keras/datasets/cifar-10-batches-py/``
(``data_batch_1`` .. ``data_batch_5`` for training, ``test_batch``), or first
extracts ``cifar-10-batches-py.tar.gz`` there (Keras's name for the
downloaded ``cifar-10-python.tar.gz``), and returns channels-last uint8 images
with labels of shape (n, 1). Nothing is downloaded: a missing file is a
``FileNotFoundError`` that names the URL to fetch it from.
Trace: an instant ``keras.datasets.cifar10.load_data`` with the folder and the sizes.
"""
import os

import numpy as np

from tracekeras import tracing
from tracekeras.datasets.cifar import load_batch
from tracekeras.utils.data_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
TAR_SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
CLASS_NAMES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
               "truck")


def load_data(cache_dir=None):
    """``(x_train, y_train), (x_test, y_test)``: uint8 (n, 32, 32, 3) images, (n, 1) labels."""
    path = get_file("cifar-10-batches-py", origin=ORIGIN, untar=True, file_hash=TAR_SHA256,
                    cache_dir=cache_dir)
    batches = [load_batch(os.path.join(path, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([x for x, _ in batches]).astype("uint8")
    y_train = np.concatenate([np.asarray(y) for _, y in batches]).astype("uint8")
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train = y_train.reshape(len(y_train), 1)
    y_test = np.reshape(y_test, (len(y_test), 1)).astype(y_train.dtype)
    x_train = x_train.transpose(0, 2, 3, 1)   # channels_last, the only data format here
    x_test = x_test.transpose(0, 2, 3, 1).astype(x_train.dtype)
    tracing.instant("keras.datasets.cifar10.load_data", "data", source=path,
                    train=len(y_train), test=len(y_test))
    return (x_train, y_train), (x_test, y_test)
