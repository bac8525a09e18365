"""``keras.datasets.fashion_mnist``: 70,000 28x28 clothing images in 10 classes (Keras cache).

``load_data`` reads the four gzipped IDX files Keras keeps in
``~/.keras/datasets/fashion-mnist/`` (``train-labels-idx1-ubyte.gz``,
``train-images-idx3-ubyte.gz``, ``t10k-labels-idx1-ubyte.gz``,
``t10k-images-idx3-ubyte.gz``): labels after an 8-byte header, images after a
16-byte one, all uint8. Nothing is downloaded: a missing file is a
``FileNotFoundError`` that names the URL to fetch it from.
Trace: an instant ``keras.datasets.fashion_mnist.load_data`` with the folder and the sizes.
"""
import gzip
import os

import numpy as np

from tracekeras import tracing
from tracekeras.utils.data_utils import get_file

ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
         "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")
CLASS_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
               "Sneaker", "Bag", "Ankle boot")


def load_data(cache_dir=None):
    """``(x_train, y_train), (x_test, y_test)``: uint8 (n, 28, 28) images, uint8 labels."""
    subdir = os.path.join("datasets", "fashion-mnist")
    paths = [get_file(name, origin=ORIGIN_FOLDER + name, cache_dir=cache_dir,
                      cache_subdir=subdir) for name in FILES]
    y_train = read_idx(paths[0], 8)
    x_train = read_idx(paths[1], 16).reshape(len(y_train), 28, 28)
    y_test = read_idx(paths[2], 8)
    x_test = read_idx(paths[3], 16).reshape(len(y_test), 28, 28)
    tracing.instant("keras.datasets.fashion_mnist.load_data", "data",
                    source=os.path.dirname(paths[0]), train=len(y_train), test=len(y_test))
    return (x_train, y_train), (x_test, y_test)


def read_idx(path, header):
    """The uint8 payload of a gzipped IDX file after its ``header`` bytes."""
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=header)
