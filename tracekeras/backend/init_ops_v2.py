"""TensorFlow's own initializers (``tensorflow/python/ops/init_ops_v2.py``), not Keras's:
``tf.zeros_initializer``, ``tf.ones_initializer``, ``tf.constant_initializer`` and
``tf.random_uniform_initializer``.

Keras scripts hand them to layers (``Dense(1, kernel_initializer=tf.constant_initializer(1.))``)
or to ``tf.Variable``; ``keras.initializers.get`` takes them as any callable, and the layer
calls them with the weight's shape and dtype.

``Zeros``/``Ones``/``Constant`` receive a shape and a dtype (``zeros``/``ones``: float32
when not given; ``constant``: the value's own, as ``tf.constant`` makes it), and optionally
the partition keywords ``partition_shape``/``partition_offset``: any other keyword is
TensorFlow's TypeError, a partition keyword to ``constant_initializer`` (without
``support_partition``) its ValueError. They hand on a Tensor made by ``tf.zeros``/``tf.ones``/
``tf.constant`` (a value whose size is not the shape's is ``tf.constant``'s refusal).

``RandomUniform(minval=-0.05, maxval=0.05, seed=None)`` is called with a shape and a dtype
(float32 by default) as TensorFlow's is. Unseeded, each call is one ``tf.random.uniform``
op, which draws from the global seed's stream (the same numbers as TensorFlow after
``tf.random.set_seed``, a different draw each call); seeded, each call is
``tf.random.stateless_uniform`` with the seed ``[seed, 0]`` (the same numbers each call).
Its config is ``{"minval", "maxval", "seed"}``. A dtype that is not a number is
TensorFlow's ``ValueError``; float bounds for an integer dtype its ``TypeError``.

Trace events: those of the ops they call.
"""
import numpy as np

from . import array_ops, random
from .array_ops import numpy_dtype

PARTITION_KEYWORDS = ["partition_shape", "partition_offset"]


class Initializer:
    """``tf.keras.initializers.Initializer``'s TensorFlow twin: called with a shape."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError("Initializer subclasses must implement the `__call__()` "
                                  "method.")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)

    def _validate_kwargs(self, kwargs, support_partition=True):
        for kwarg in kwargs:
            if kwarg not in PARTITION_KEYWORDS:
                raise TypeError(f"Keyword argument should be one of {PARTITION_KEYWORDS}. "
                                f"Received: {kwarg}")
            if not support_partition:
                raise ValueError(f"{type(self).__name__} initializer doesn't support "
                                 "partition-related arguments")


class Zeros(Initializer):
    """``tf.zeros_initializer()``: zeros of the shape."""

    def __call__(self, shape, dtype="float32", **kwargs):
        self._validate_kwargs(kwargs)
        return array_ops.zeros(kwargs.get("partition_shape", shape), dtype)


class Ones(Initializer):
    """``tf.ones_initializer()``: ones of the shape."""

    def __call__(self, shape, dtype="float32", **kwargs):
        self._validate_kwargs(kwargs)
        return array_ops.ones(kwargs.get("partition_shape", shape), dtype)


class Constant(Initializer):
    """``tf.constant_initializer(value)``: ``value`` (a number, list, tuple or array)
    broadcast to the shape when it is one number, else reshaped to it."""

    def __init__(self, value=0, support_partition=False):
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError(f"Invalid type for initial value: {type(value).__name__}. Expected "
                            "Python scalar, list or tuple of values, or numpy.ndarray.")
        self.value = value
        self.support_partition = support_partition

    def __call__(self, shape, dtype=None, **kwargs):
        self._validate_kwargs(kwargs, support_partition=self.support_partition)
        return array_ops.constant(self.value, dtype=dtype, shape=shape)

    def get_config(self):
        return {"value": self.value}


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


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant

__all__ = ["Constant", "Initializer", "Ones", "RandomUniform", "Zeros", "constant_initializer",
           "ones_initializer", "zeros_initializer"]
