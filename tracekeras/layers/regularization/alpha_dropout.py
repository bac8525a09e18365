"""AlphaDropout: dropout that keeps a SELU network's mean and variance
(``keras.layers.regularization.alpha_dropout``).

What it owns: ``AlphaDropout(rate, noise_shape=None, seed=None)``. With ``training=True``
and ``0 < rate < 1`` each value is kept where a uniform draw is ``>= rate`` and set to
SELU's negative saturation value ``alpha_p = -alpha * scale`` elsewhere, then the affine
map ``a * x + b`` brings the mean and variance back (``a = ((1 - rate) * (1 + rate *
alpha_p ** 2)) ** -0.5``, ``b = -a * alpha_p * rate``), the ops in tf_keras 2.21's
order. Otherwise (no training flag, or a rate of 0 or 1) the inputs pass through.
The gradient is ``a`` where kept, 0 where dropped. The draw is tf_keras's
``tf.random.uniform`` (``backend.random.function_uniform``, as ``Dropout``'s): unseeded,
or with Keras's legacy op seeds (the seed, then one more per eager call and per trace).

What it receives: Tensors, and the training flag from ``Layer.__call__``.

What it hands on: a Tensor of the input's shape; the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend import convert, ops
from tracekeras.engine.base_layer import Layer, executing_eagerly

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self._random_generator = backend.random.RandomGenerator(seed)
        self.supports_masking = True

    def _get_noise_shape(self, inputs):
        """``noise_shape`` with each None replaced by the input's size, else the input's."""
        if self.noise_shape is None:
            return tuple(inputs.shape)
        return tuple(inputs.shape[i] if d is None else d
                     for i, d in enumerate(self.noise_shape))

    def call(self, inputs, training=None):
        if not 0.0 < self.rate < 1.0 or not training or not executing_eagerly():
            return inputs   # placeholders while a model is built: no draw either
        inputs = convert(inputs)
        dtype = inputs.value.dtype
        shape = self._get_noise_shape(inputs)
        draws = backend.random.function_uniform(shape, dtype,
            self._random_generator.make_legacy_seed, seeded=self.seed is not None)
        kept_idx = (np.asarray(draws) >= dtype.type(self.rate)).astype(dtype)
        alpha_p = -SELU_ALPHA * SELU_SCALE
        a = ((1 - self.rate) * (1 + self.rate * alpha_p**2)) ** -0.5
        b = -a * alpha_p * self.rate
        x = ops.add(ops.multiply(inputs, kept_idx), dtype.type(alpha_p) * (1 - kept_idx))
        return ops.add(ops.multiply(dtype.type(a), x), dtype.type(b))


    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config
