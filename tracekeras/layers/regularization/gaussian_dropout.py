"""GaussianDropout: multiply by one-centred Gaussian noise while training
(``keras.layers.regularization.gaussian_dropout``).

What it owns: ``GaussianDropout(rate, seed=None)``: for ``0 < rate < 1`` and
``training=True`` it returns ``inputs * noise``, the noise drawn with mean 1 and standard
deviation ``sqrt(rate / (1 - rate))`` (the variance of a Dropout of that rate); otherwise
(``training`` False or not given, or a rate outside (0, 1), which Keras takes without a
word) it passes its input through. The noise is Keras's legacy
``RandomGenerator.random_normal``, as ``GaussianNoise``'s: TensorFlow's ``tf.random.normal``
with the op seed ``seed``, ``seed + 1`` ... (one per eager call, one per trace of a train
function), or unseeded; the same numbers as tf_keras's (``backend.random.function_normal``).

What it receives: Tensors, and the training flag from ``Layer.__call__``.
What it hands on: a Tensor of the input's shape; the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend import ops, random
from tracekeras.engine.base_layer import Layer, executing_eagerly


class GaussianDropout(Layer):
    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.rate = rate
        self.seed = seed
        self._random_generator = random.RandomGenerator(seed)

    def call(self, inputs, training=None):
        if not 0 < self.rate < 1 or not training or not executing_eagerly():
            return inputs   # placeholders while a model is built: no draw from the generator
        inputs = backend.convert(inputs)
        dtype = inputs.value.dtype
        stddev = np.sqrt(self.rate / (1.0 - self.rate))
        noise = random.function_normal(inputs.value.shape, dtype,
            self._random_generator.make_legacy_seed, seeded=self.seed is not None)
        return ops.multiply(inputs, random.scaled(noise, dtype, stddev, 1.0))


    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config
