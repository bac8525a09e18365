"""The one random generator of the engine (TensorFlow's global seed, on NumPy).

Initializers, ``Dropout`` and the per-epoch shuffle of the data adapters all
draw from ``generator()``. ``set_seed`` (what ``tracekeras.utils.set_random_seed``
calls) replaces it, so the same seed gives the same initial weights, the same
dropout masks and the same batch order, run after run, traced or not.

The ``tf.random`` ops (``uniform``, ``normal``, ``truncated_normal``, ``categorical``,
``shuffle``) draw from it too, or, given an op seed, from a stream fixed by the
global and op seeds (see ``stream``).
"""
import random as py_random

import numpy as np

from .ops import as_shape
from .tape import record

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
    GLOBAL_SEED[0] = int(seed)
    STREAMS.clear()
    np.random.seed(int(seed) % 2**32)
    py_random.seed(int(seed))


# -- tf.random: the op-level seeds ---------------------------------------------------
# TensorFlow draws an op with an op seed from a stream fixed by (global seed, op seed):
# repeated calls continue that stream, and ``tf.random.set_seed`` starts them all
# again. The streams here are NumPy's, so the numbers differ from TensorFlow's; the
# shapes, dtypes, ranges and the determinism under a seed are the same.
GLOBAL_SEED = [None]
STREAMS = {}


def stream(seed=None):
    """The generator an op with op seed ``seed`` draws from."""
    if seed is None:
        return GENERATOR
    seed = int(seed)
    if seed not in STREAMS:
        STREAMS[seed] = np.random.default_rng([GLOBAL_SEED[0] or 0, seed])
    return STREAMS[seed]


def uniform(shape, minval=0, maxval=None, dtype="float32", seed=None, name=None):
    """``tf.random.uniform``: floats in [minval, maxval) (maxval 1 by default); ints need maxval."""
    dtype = np.dtype(dtype)
    shape = as_shape(shape)
    if np.issubdtype(dtype, np.integer):
        if maxval is None:
            raise ValueError(f"Must specify maxval for integer dtype {dtype.name}")
        value = stream(seed).integers(minval, maxval, size=shape).astype(dtype)
    else:
        high = 1 if maxval is None else maxval
        value = (stream(seed).random(size=shape) * (high - minval) + minval).astype(dtype)
    return record("tf.random.uniform", value, (), None)


def normal(shape, mean=0.0, stddev=1.0, dtype="float32", seed=None, name=None):
    """``tf.random.normal``: draws from N(mean, stddev**2)."""
    value = stream(seed).normal(mean, stddev, size=as_shape(shape)).astype(dtype)
    return record("tf.random.normal", value, (), None)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype="float32", seed=None, name=None):
    """``tf.random.truncated_normal``: normal draws, redrawn until within two stddevs."""
    rng = stream(seed)
    value = rng.standard_normal(size=as_shape(shape))
    outside = np.abs(value) > 2
    while outside.any():
        value[outside] = rng.standard_normal(size=int(outside.sum()))
        outside = np.abs(value) > 2
    return record("tf.random.truncated_normal", (value * stddev + mean).astype(dtype), (), None)


def shuffle(value, seed=None, name=None):
    """``tf.random.shuffle``: the rows of ``value`` in a random order."""
    array = np.asarray(getattr(value, "value", value))
    return record("tf.random.shuffle", array[stream(seed).permutation(len(array))], (), None)


def categorical(logits, num_samples, dtype="int64", seed=None, name=None):
    """``tf.random.categorical``: ``num_samples`` class indices per row of ``logits``."""
    values = np.asarray(getattr(logits, "value", logits), dtype=np.float64)
    probs = np.exp(values - values.max(axis=-1, keepdims=True))
    probs /= probs.sum(axis=-1, keepdims=True)
    rng = stream(seed)
    draws = [rng.choice(probs.shape[-1], size=int(num_samples), p=row) for row in probs]
    return record("tf.random.categorical", np.asarray(draws, dtype=dtype).reshape(
        len(probs), int(num_samples)), (), None)
