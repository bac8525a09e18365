"""``keras.datasets.mnist``: 70,000 28x28 handwritten digits in 10 classes (Keras cache).

``load_data`` reads ``mnist.npz`` (arrays ``x_train`` (60000, 28, 28),
``y_train`` (60000,), ``x_test`` (10000, 28, 28), ``y_test`` (10000,), all
uint8) from ``~/.keras/datasets`` (``cache_dir`` or ``$KERAS_HOME`` move the
root, see ``tracekeras.utils.data_utils``) and checks its sha256 as Keras does.
Nothing is downloaded and nothing is made up: a missing file is a
``FileNotFoundError`` that names the file, where to put it and the URL Keras
fetches it from. (For a data set that needs no download, ``tracekeras.datasets.digits``
ships 1,797 8x8 digits.)
Trace: an instant ``keras.datasets.mnist.load_data`` with the file and the sizes.
"""
import os

import numpy as np

from tracekeras import tracing
from tracekeras.utils.data_utils import get_file

ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
NPZ_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


def load_data(path="mnist.npz", cache_dir=None):
    """``(x_train, y_train), (x_test, y_test)``: uint8 (n, 28, 28) images, uint8 labels."""
    if cache_dir:
        cache_dir = os.path.expanduser(cache_dir)
        os.makedirs(cache_dir, exist_ok=True)
    path = get_file(path, origin=ORIGIN_FOLDER + "mnist.npz", file_hash=NPZ_SHA256,
                    cache_dir=cache_dir)
    with np.load(path, allow_pickle=True) as f:
        x_train, y_train = f["x_train"], f["y_train"]
        x_test, y_test = f["x_test"], f["y_test"]
    tracing.instant("keras.datasets.mnist.load_data", "data", source=path,
                    train=len(x_train), test=len(x_test))
    return (x_train, y_train), (x_test, y_test)
