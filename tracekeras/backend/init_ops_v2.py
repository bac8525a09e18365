"""TensorFlow's own initializers (``tensorflow.python.ops.init_ops_v2``), not Keras's:
``tf.random_uniform_initializer``.

What it owns: ``RandomUniform(minval=-0.05, maxval=0.05, seed=None)``, called with a
shape and a dtype (float32 by default) as TensorFlow's is. Unseeded, each call is one
``tf.random.uniform`` op, which draws from the global seed's stream (the same numbers as
TensorFlow after ``tf.random.set_seed``, a different draw each call); seeded, each call is
``tf.random.stateless_uniform`` with the seed ``[seed, 0]`` (the same numbers each call).
Its config is ``{"minval", "maxval", "seed"}``. A dtype that is not a number is
TensorFlow's ``ValueError``; float bounds for an integer dtype its ``TypeError``.

What it receives: shapes and dtypes. What it hands on: Tensors (``tf.Variable``'s
``initial_value``). Trace events: those of the random ops it calls.
"""
import numpy as np

from . import random
from .array_ops import numpy_dtype


class RandomUniform:
    """``tf.random_uniform_initializer``: uniform values in [minval, maxval)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        self.seed = seed

    def __call__(self, shape, dtype="float32", **kwargs):
        dtype = numpy_dtype(getattr(dtype, "name", dtype))
        if dtype.kind not in "fiu":
            shown = "string" if dtype.kind == "O" else dtype.name   # as a tf.DType shows
            raise ValueError(f"Argument `dtype` expected to be numeric or boolean. "
                             f"Received <dtype: '{shown}'>.")
        if dtype.kind in "iu":
            for bound in (self.minval, self.maxval):
                if isinstance(bound, (float, np.floating)):
                    raise TypeError(f"Cannot convert {bound!r} to EagerTensor of dtype "
                                    f"{dtype.name}")
        if self.seed:
            return random.stateless_uniform(shape, [self.seed, 0], self.minval, self.maxval,
                                            dtype=dtype)
        return random.uniform(shape, self.minval, self.maxval, dtype=dtype, seed=self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


__all__ = ["RandomUniform"]
