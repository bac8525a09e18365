"""Dropout: zero a random fraction of the inputs while training
(``keras.layers.regularization.dropout``).

What it owns: ``Dropout(rate, noise_shape=None, seed=None)``: with ``training=True``
it zeroes each value with probability ``rate`` and scales the rest by
``1 / (1 - rate)`` (``backend.nn.dropout``); otherwise it passes its input through.
``noise_shape`` (None for "as the input") shares one draw along its axes of size 1.
Without ``seed`` the masks are tf_keras's: an unseeded ``tf.random.uniform`` whose seeds
follow TensorFlow's rules (``backend.random.function_uniform``: inside a train function
Keras runs as a ``tf.function``, the graph's op seeds; run eagerly, the eager ones).
With a ``seed`` the layer owns a NumPy generator seeded once, so the same seed gives
the same sequence of masks call after call (NumPy's numbers, not TensorFlow's).

What it receives: Tensors, and the training flag from ``Layer.__call__`` (given,
or inherited from the enclosing model call).

What it hands on: a Tensor; the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numbers

import numpy as np

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
        self.rng = np.random.default_rng(seed) if seed is not None else None
        self.supports_masking = True

    def call(self, inputs, training=None):
        if not training or (isinstance(self.rate, numbers.Real) and self.rate == 0):
            return inputs
        if not executing_eagerly():
            return inputs   # placeholders while a model is built: no draw from the generator
        if self.rng is not None:
            return nn.dropout(inputs, self.rate, self.rng,
                              noise_shape=self._get_noise_shape(inputs))
        return nn.dropout(inputs, self.rate, noise_shape=self._get_noise_shape(inputs),
                          uniform_sampler=backend.random.function_uniform)

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
