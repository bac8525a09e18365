"""Loading the tf_keras 2.21 reference fixtures (data/*.json) and rebuilding inputs from them."""
import json
import pathlib

import numpy as np

DATA = pathlib.Path(__file__).parent / "data"


def load(name):
    with open(DATA / f"{name}.json") as f:
        return json.load(f)["cases"]


def array(value, dtype=np.float32):
    return None if value is None else np.asarray(value, dtype=dtype)


def labels(value):
    """Integer labels stay integers; anything else becomes float32."""
    arr = np.asarray(value)
    return arr if arr.dtype.kind in "iu" else arr.astype(np.float32)
