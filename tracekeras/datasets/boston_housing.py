"""``keras.datasets.boston_housing``: 506 houses, 13 features, price targets (Keras cache).

``load_data`` reads ``boston_housing.npz`` (arrays ``x`` (n, 13), ``y`` (n,))
from ``~/.keras/datasets`` (see ``tracekeras.utils.data_utils``), shuffles it
with ``RandomState(seed)`` and keeps the last ``test_split`` for testing.
Nothing is downloaded: a missing file is a ``FileNotFoundError`` that names the
URL to fetch it from. (Keras warns about an ethically problematic feature, "B",
in this data set; it is best kept to illustrating that problem.)
Trace: an instant ``keras.datasets.boston_housing.load_data`` with the file and the sizes.
"""
import numpy as np

from tracekeras import tracing
from tracekeras.utils.data_utils import get_file

ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
NPZ_SHA256 = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def load_data(path="boston_housing.npz", test_split=0.2, seed=113, cache_dir=None):
    """``(x_train, y_train), (x_test, y_test)``: float feature rows and prices (k$)."""
    if not 0 <= test_split < 1:
        raise ValueError(f"`test_split` must be in [0, 1). Received: test_split={test_split}")
    path = get_file(path, origin=ORIGIN_FOLDER + "boston_housing.npz", file_hash=NPZ_SHA256,
                    cache_dir=cache_dir)
    with np.load(path, allow_pickle=True) as f:
        x, y = f["x"], f["y"]
    order = np.arange(len(x))
    np.random.RandomState(seed).shuffle(order)
    x, y = x[order], y[order]
    cut = int(len(x) * (1 - test_split))
    tracing.instant("keras.datasets.boston_housing.load_data", "data", source=path,
                    train=cut, test=len(x) - cut)
    return (np.array(x[:cut]), np.array(y[:cut])), (np.array(x[cut:]), np.array(y[cut:]))
