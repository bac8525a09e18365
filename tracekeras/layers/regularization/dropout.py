"""Dropout: zero a random fraction of the inputs while training
(``keras.layers.regularization.dropout``).

What it owns: ``Dropout(rate, noise_shape=None, seed=None)``: with ``training=True``
it zeroes each value with probability ``rate`` and scales the rest by
``1 / (1 - rate)`` (``backend.nn.dropout``); otherwise it passes its input through.
``noise_shape`` (None for "as the input") shares one draw along its axes of size 1.
The masks are tf_keras's: ``tf.random.uniform`` whose seeds follow TensorFlow's rules
(``backend.random.function_uniform``: inside a train function Keras runs as a
``tf.function``, the graph's op seeds; run eagerly, the eager ones). Without ``seed`` the
op is unseeded; with one, its op seed is Keras's legacy ``make_legacy_seed``: the seed,
then one more at each eager call and at each trace of a train function.

What it receives: Tensors, and the training flag from ``Layer.__call__`` (given,
or inherited from the enclosing model call).

What it hands on: a Tensor; the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numbers

from tracekeras import backend
from tracekeras.backend import nn
from tracekeras.engine.base_layer import Layer, executing_eagerly


class Dropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        if isinstance(rate, (int, float)) and not 0 <= rate <= 1:
            raise ValueError(f"Invalid value {rate} received for `rate`, expected a value "
                             "between 0 and 1.")
        super().__init__(**kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self._random_generator = backend.random.RandomGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=None):
        if not training or (isinstance(self.rate, numbers.Real) and self.rate == 0):
            return inputs
        if not executing_eagerly():
            return inputs   # placeholders while a model is built: no draw from the generator
        return nn.dropout(inputs, self.rate, noise_shape=self._get_noise_shape(inputs),
                          uniform_sampler=self.uniform_sampler)

    def uniform_sampler(self, shape, dtype):
        return backend.random.function_uniform(shape, dtype,
            self._random_generator.make_legacy_seed, seeded=self.seed is not None)


    def _get_noise_shape(self, inputs):
        """``noise_shape`` with each None replaced by the input's size on that axis."""
        if self.noise_shape is None:
            return None
        return tuple(inputs.shape[i] if d is None else d
                     for i, d in enumerate(self.noise_shape))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed})
        return config
