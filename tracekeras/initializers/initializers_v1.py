"""The TensorFlow 1 initializers Keras exports as ``tf.compat.v1.keras.initializers``
(``keras/initializers/initializers_v1.py``): ``RandomNormal``, ``RandomUniform`` and
``TruncatedNormal`` (with the aliases ``normal``/``random_normal``, ``uniform``/
``random_uniform``, ``truncated_normal``).

What they differ in from the Keras 2 initializers of :mod:`tracekeras.initializers`:
Keras's defaults (standard deviation 0.05, range [-0.05, 0.05]) on TensorFlow 1's
``init_ops`` classes, which take a ``dtype`` (default float32; the normal ones refuse a
non-float one) and draw with the stateful seeded random ops (``tf.random.normal``,
``tf.random.uniform``, ``tf.random.truncated_normal`` with ``seed=``): a seeded instance
gives new values at every call, where a Keras 2 one repeats its values. Their configs
carry the dtype's name.

What they receive: a shape, an optional dtype (and ``partition_info``, unused). What they
hand on: a Tensor drawn by :mod:`tracekeras.backend.random`, the numbers TensorFlow's kernels
draw. No trace events of their own.
"""
from tracekeras.backend import random
from tracekeras.shim.tf_names import as_dtype


def float_dtype(dtype):
    """``init_ops._assert_float_dtype``: the normal initializers take only float dtypes."""
    if not dtype.is_floating:
        raise ValueError("Argument `dtype` is expected to be floating point. "
                         f"Received: <dtype: '{dtype.name}'>.")
    return dtype


class Initializer:
    """``init_ops.Initializer``: called with a shape (and dtype) for a tensor of values."""

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class RandomNormal(Initializer):
    """Draws from N(mean, stddev**2), new values at every call."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype="float32"):
        self.mean = mean
        self.stddev = stddev
        self.seed = seed
        self.dtype = float_dtype(as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self.dtype if dtype is None else as_dtype(dtype)
        return random.normal(shape, self.mean, self.stddev, dtype, seed=self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed,
                "dtype": self.dtype.name}


class RandomUniform(Initializer):
    """Draws uniformly from [minval, maxval), new values at every call."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None, dtype="float32"):
        self.minval = minval
        self.maxval = maxval
        self.seed = seed
        self.dtype = as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self.dtype if dtype is None else as_dtype(dtype)
        return random.uniform(shape, self.minval, self.maxval, dtype, seed=self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed,
                "dtype": self.dtype.name}


class TruncatedNormal(RandomNormal):
    """Draws from N(mean, stddev**2), redrawing values more than two deviations out."""

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self.dtype if dtype is None else as_dtype(dtype)
        return random.truncated_normal(shape, self.mean, self.stddev, dtype, seed=self.seed)


normal = random_normal = RandomNormal
uniform = random_uniform = RandomUniform
truncated_normal = TruncatedNormal

__all__ = ["Initializer", "RandomNormal", "RandomUniform", "TruncatedNormal", "normal",
           "random_normal", "random_uniform", "truncated_normal", "uniform"]
