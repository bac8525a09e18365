"""The one random generator of the engine (TensorFlow's global seed, on NumPy).

Initializers, ``Dropout`` and the per-epoch shuffle of the data adapters all
draw from ``generator()``. ``set_seed`` (what ``tracekeras.utils.set_random_seed``
calls) replaces it, so the same seed gives the same initial weights, the same
dropout masks and the same batch order, run after run, traced or not.
"""
import random as py_random

import numpy as np

GENERATOR = np.random.default_rng()


def generator():
    return GENERATOR


def set_seed(seed):
    """Seed the engine's generator, NumPy's global one and Python's ``random``."""
    global GENERATOR
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed!r} "
                         f"(of type {type(seed).__name__})")
    GENERATOR = np.random.default_rng(int(seed))
    np.random.seed(int(seed) % 2**32)
    py_random.seed(int(seed))
