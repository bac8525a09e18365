"""RandomFourierFeatures: ``cos(inputs @ (unscaled_kernel / kernel_scale) + bias)``, the
random features that approximate a shift-invariant kernel (``keras.layers.kernelized``,
exported as ``keras.layers.experimental.RandomFourierFeatures``).

What it owns: the layer's arguments and their checks (``output_dim`` positive, a string
``kernel_initializer`` one of "gaussian" and "laplacian", ``scale`` positive when given),
its ``build`` (three weights: ``unscaled_kernel`` ``(input_dim, output_dim)``, drawn from a
standard normal for "gaussian" or from a standard Cauchy by NumPy's global generator for
"laplacian", not trainable; ``bias`` ``(output_dim,)`` uniform in [0, 2 pi), not trainable;
``kernel_scale`` ``(1,)`` initialised to ``scale``, by default ``sqrt(input_dim / 2)`` for
"gaussian" and 1 otherwise, a trainable weight of a layer that is not trainable), its
``call`` and ``get_config``. Like Keras's, the output is not multiplied by
``sqrt(2 / output_dim)``, unlike the paper's. With ``trainable=True`` the layer learns
``kernel_scale``, kept non-negative by a ``NonNeg`` constraint the optimizer applies after
each update, as in Keras.

What it receives / hands on: rank-2 inputs ``(batch, input_dim)`` -> ``(batch, output_dim)``
float32.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras import initializers
from tracekeras.backend import math_ops, ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec

KERAS_MODULE = "keras.layers.kernelized"
SUPPORTED_RBF_KERNEL_TYPES = ["gaussian", "laplacian"]


class RandomFourierFeatures(Layer):
    """``RandomFourierFeatures(output_dim, kernel_initializer="gaussian", scale=None,
    trainable=False, name=None)``."""

    def __init__(self, output_dim, kernel_initializer="gaussian", scale=None, trainable=False,
                 name=None, **kwargs):
        if output_dim <= 0:
            raise ValueError("`output_dim` should be a positive integer. "
                             f"Received: {output_dim}")
        if isinstance(kernel_initializer, str):
            if kernel_initializer.lower() not in SUPPORTED_RBF_KERNEL_TYPES:
                raise ValueError(f"Unsupported `kernel_initializer`: {kernel_initializer} "
                                 f"Expected one of: {SUPPORTED_RBF_KERNEL_TYPES}")
        if scale is not None and scale <= 0.0:
            raise ValueError(f"When provided, `scale` should be a positive float. "
                             f"Received: {scale}")
        super().__init__(trainable=trainable, name=name, **kwargs)
        self.output_dim = output_dim
        self.kernel_initializer = kernel_initializer
        self.scale = scale

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != 2:
            raise ValueError("The rank of the input tensor should be 2. Received input with "
                             f"rank {len(input_shape)} instead. Full input shape received: "
                             f"{input_shape}")
        if input_shape[1] is None:
            raise ValueError("The last dimension of the input tensor should be defined. "
                             f"Found `None`. Full input shape received: {input_shape}")
        input_dim = int(input_shape[1])
        self.input_spec = InputSpec(ndim=2, axes={1: input_dim})
        self.unscaled_kernel = self.add_weight(
            name="unscaled_kernel", shape=(input_dim, self.output_dim), dtype="float32",
            initializer=random_features_initializer(self.kernel_initializer,
                                                    (input_dim, self.output_dim)),
            trainable=False)
        self.bias = self.add_weight(
            name="bias", shape=(self.output_dim,), dtype="float32",
            initializer=initializers.RandomUniform(minval=0.0, maxval=2 * np.pi),
            trainable=False)
        if self.scale is None:
            self.scale = default_scale(self.kernel_initializer, input_dim)
        self.kernel_scale = self.add_weight(
            name="kernel_scale", shape=(1,), dtype="float32",
            initializer=initializers.Constant(self.scale), trainable=True, constraint="NonNeg")
        self.built = True

    def call(self, inputs):
        inputs = ops.cast(inputs, "float32")
        kernel = ops.multiply(ops.divide(np.float32(1.0), self.kernel_scale),
                              self.unscaled_kernel)
        outputs = ops.bias_add(ops.matmul(inputs, kernel), self.bias)
        return math_ops.cos(outputs)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != 2:
            raise ValueError(f"Shape {input_shape} must have rank 2")
        if input_shape[-1] is None:
            raise ValueError("The last dimension of the input tensor should be defined. "
                             f"Found `None`. Full input shape received: {input_shape}")
        return input_shape[:-1] + (self.output_dim,)

    def get_config(self):
        kernel_initializer = self.kernel_initializer
        if not isinstance(kernel_initializer, str):
            kernel_initializer = initializers.serialize(kernel_initializer)
        config = super().get_config()
        config.update({"output_dim": self.output_dim, "kernel_initializer": kernel_initializer,
                       "scale": self.scale})
        return config


def random_features_initializer(initializer, shape):
    """The initializer of ``unscaled_kernel``: "gaussian" a standard normal, "laplacian"
    standard Cauchy samples drawn now from NumPy's global generator, as Keras draws them."""
    if not isinstance(initializer, str):
        return initializers.get(initializer)
    if initializer.lower() == "gaussian":
        return initializers.RandomNormal(stddev=1.0)
    if initializer.lower() == "laplacian":
        probs = np.random.uniform(low=0.0, high=1.0, size=shape)
        return initializers.Constant(np.tan(np.pi * (probs - 0.5)))
    raise ValueError(f'Unsupported `kernel_initializer`: "{initializer}" '
                     f"Expected one of: {SUPPORTED_RBF_KERNEL_TYPES}")


def default_scale(initializer, input_dim):
    if isinstance(initializer, str) and initializer.lower() == "gaussian":
        return np.sqrt(input_dim / 2.0)
    return 1.0
