"""Normalization: shift and scale features to mean 0 and variance 1
(``keras.layers.preprocessing.normalization``).

What it owns: ``Normalization(axis=-1, mean=None, variance=None, invert=False)``.
``axis`` names the axes that keep their own statistics (the features; None: one
mean and variance for everything); the statistics come either from ``mean=`` and
``variance=`` (constants, no weights) or from ``adapt(data)``, which fills three
non-trainable weights, ``mean``, ``variance`` and ``count``, batch by batch with
Keras's running combination (each batch weighted by its share of the count so far;
the variance also gathers the squared shift of each mean). ``call`` computes
``(x - mean) / max(sqrt(variance), epsilon)``, or with ``invert=True`` the way
back, ``mean + x * max(sqrt(variance), epsilon)``.

What it receives: the input shape at build time; data in ``adapt``; Tensors at call time.
What it hands on: a float Tensor of the input's shape (differentiable in the input).

Trace events: span ``keras.layers.preprocessing.normalization.Normalization.build``
(stage build) with its ``add_weight`` spans; the ``adapt`` span of
``PreprocessingLayer``; the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras import backend, tracing
from tracekeras.backend import Tensor, ops
from tracekeras.engine.base_layer import shape_list
from tracekeras.engine.base_preprocessing_layer import PreprocessingLayer

BUILD = "keras.layers.preprocessing.normalization.Normalization.build"


class Normalization(PreprocessingLayer):
    """``Normalization(axis=-1, mean=None, variance=None, invert=False)``."""

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        if isinstance(mean, backend.Variable) or isinstance(variance, backend.Variable):
            which = "mean" if isinstance(mean, backend.Variable) else "variance"
            raise ValueError(f"Normalization does not support passing a Variable for the "
                             f"`{which}` init arg.")
        if (mean is not None) != (variance is not None):
            raise ValueError("When setting values directly, both `mean` and `variance` must "
                             f"be set. Got mean: {mean} and variance: {variance}")
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        self.axis = (axis,) if isinstance(axis, int) else tuple(axis)
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.adapt_mean = self.adapt_variance = self.count = None
        self.mean = self.variance = None

    @tracing.traced("build", name=BUILD, args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        if isinstance(input_shape, list) and input_shape and isinstance(input_shape[0], tuple):
            raise ValueError("Normalization only accepts a single input. If you are passing a "
                             "python list or tuple as a single input, please convert to a "
                             "numpy array or `tf.Tensor`.")
        input_shape = list(input_shape)
        ndim = len(input_shape)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError("All `axis` values must be in the range [-ndim, ndim). Found ndim: "
                             f"`{ndim}`, axis: {self.axis}")
        self._keep_axis = sorted(a if a >= 0 else a + ndim for a in self.axis)
        for a in self._keep_axis:
            if input_shape[a] is None:
                raise ValueError(f"All `axis` values to be kept must have known shape. Got "
                                 f"axis: {self.axis}, input shape: {input_shape}, with unknown "
                                 f"axis at index: {a}")
        self._reduce_axis = [d for d in range(ndim) if d not in self._keep_axis]
        self._broadcast_shape = [input_shape[d] if d in self._keep_axis else 1
                                 for d in range(ndim)]
        shape = tuple(input_shape[d] for d in self._keep_axis)
        if self.input_mean is None:
            # in the compute dtype, as Keras makes them (float16 under mixed_float16)
            dtype = self.compute_dtype
            self.adapt_mean = self.add_weight(name="mean", shape=shape, dtype=dtype,
                                              initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=shape, dtype=dtype,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int64",
                                         initializer="zeros", trainable=False)
            self.built = True
            self.finalize_state()
        else:
            dtype = np.dtype(self.compute_dtype)
            self.mean = (self.input_mean * np.ones(shape)).reshape(self._broadcast_shape)
            self.variance = (self.input_variance * np.ones(shape)).reshape(self._broadcast_shape)
            self.mean = Tensor(self.mean.astype(dtype))
            self.variance = Tensor(self.variance.astype(dtype))
        self.built = True

    def update_state(self, data):
        """Fold one batch's moments into the running mean, variance and count."""
        if self.input_mean is not None:
            raise ValueError("Cannot `adapt` a Normalization layer that is initialized with "
                             f"static `mean` and `variance`, you passed mean "
                             f"{self.input_mean} and variance {self.input_variance}.")
        if not self.built:
            raise RuntimeError("`build` must be called before `update_state`.")
        data = np.asarray(getattr(data, "value", data)).astype(self.adapt_mean.dtype)
        axes = tuple(self._reduce_axis)
        batch_mean = data.mean(axis=axes, dtype=data.dtype)
        batch_variance = ((data - data.mean(axis=axes, keepdims=True, dtype=data.dtype)) ** 2
                          ).mean(axis=axes, dtype=data.dtype)
        batch_count = int(np.prod([data.shape[a] for a in axes])) if axes else 1
        total_count = batch_count + int(self.count.value)
        dtype = data.dtype
        batch_weight = np.asarray(batch_count, dtype) / np.asarray(total_count, dtype)
        existing_weight = np.asarray(1.0, dtype) - batch_weight
        old_mean, old_variance = self.adapt_mean.value, self.adapt_variance.value
        total_mean = old_mean * existing_weight + batch_mean * batch_weight
        total_variance = ((old_variance + (old_mean - total_mean) ** 2) * existing_weight
                          + (batch_variance + (batch_mean - total_mean) ** 2) * batch_weight)
        self.adapt_mean.assign(total_mean)
        self.adapt_variance.assign(total_variance)
        self.count.assign(np.asarray(total_count, np.int64))

    def reset_state(self):
        if self.input_mean is not None or not self.built:
            return
        self.adapt_mean.assign(np.zeros(self.adapt_mean.shape))
        self.adapt_variance.assign(np.ones(self.adapt_variance.shape))
        self.count.assign(np.asarray(0, np.int64))

    def finalize_state(self):
        """Snapshot the adapted statistics in the broadcast shape ``call`` uses."""
        if self.input_mean is not None or not self.built:
            return
        self.mean = Tensor(self.adapt_mean.value.reshape(self._broadcast_shape).copy())
        self.variance = Tensor(self.adapt_variance.value.reshape(self._broadcast_shape).copy())

    def call(self, inputs):
        dtype = np.dtype(self.compute_dtype)
        if inputs.dtype != dtype:
            inputs = ops.cast(inputs, dtype)
        scale = np.maximum(np.sqrt(self.variance.value), np.asarray(backend.epsilon(), dtype))
        if self.invert:
            return ops.add(self.mean, ops.multiply(inputs, scale))
        return ops.divide(ops.subtract(inputs, self.mean), scale)

    def compute_output_shape(self, input_shape):
        """The input shape, where the statistics' broadcast fills an unknown axis (as
        TensorFlow's shape inference does for ``(inputs - mean) / std``: an adapted layer
        called on ``(None, None)`` gives ``(None, 9)``)."""
        input_shape = tuple(input_shape)
        stats = getattr(self, "_broadcast_shape", None)
        if not self.built or stats is None or len(stats) != len(input_shape):
            return input_shape
        return tuple(dim if dim is not None or stat == 1 else stat
                     for dim, stat in zip(input_shape, stats))

    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, "invert": self.invert,
                       "mean": listify(self.input_mean),
                       "variance": listify(self.input_variance)})
        return config


def listify(value):
    """A NumPy array or number as plain Python lists/numbers (Keras's ``listify_tensors``)."""
    if isinstance(value, (np.ndarray, np.generic)):
        return value.tolist()
    return value
