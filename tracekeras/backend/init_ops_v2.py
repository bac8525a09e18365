"""TensorFlow's own initializers (``tensorflow/python/ops/init_ops_v2.py``):
``tf.zeros_initializer``, ``tf.ones_initializer`` and ``tf.constant_initializer``.

Keras scripts hand them to layers (``Dense(1, kernel_initializer=tf.constant_initializer(1.))``);
``keras.initializers.get`` takes them as any callable, and the layer calls them with the
weight's shape and dtype.

What they receive: a shape and a dtype (``zeros``/``ones``: float32 when not given;
``constant``: the value's own, as ``tf.constant`` makes it), and optionally the partition
keywords ``partition_shape``/``partition_offset``: any other keyword is TensorFlow's
TypeError, a partition keyword to ``constant_initializer`` (without ``support_partition``)
its ValueError. What they hand on: a Tensor made by ``tf.zeros``/``tf.ones``/``tf.constant``
(a value whose size is not the shape's is ``tf.constant``'s refusal). No trace events.
"""
import numpy as np

from . import array_ops

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


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
