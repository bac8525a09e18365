"""GaussianNoise: add zero-centred Gaussian noise while training
(``keras.layers.regularization.gaussian_noise``).

What it owns: ``GaussianNoise(stddev, seed=None)``: with ``training=True`` it returns
``inputs + backend.random_normal(shape, 0.0, stddev, dtype, seed)``, as Keras's
``backend.in_train_phase`` does; otherwise (``training`` False or not given) it passes its
input through. The noise is Keras's legacy ``RandomGenerator.random_normal``: TensorFlow's
``tf.random.normal`` with the op seed ``seed``, ``seed + 1`` ... (one per eager call, one
per trace of a train function), or unseeded; the same numbers as tf_keras's
(``backend.random.function_normal``).

What it receives: Tensors, and the training flag from ``Layer.__call__``.
What it hands on: a Tensor of the input's shape; the input's mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras import backend
from tracekeras.backend import ops, random
from tracekeras.engine.base_layer import Layer, executing_eagerly


class GaussianNoise(Layer):
    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.stddev = stddev
        self.seed = seed
        self._random_generator = random.RandomGenerator(seed)

    def call(self, inputs, training=None):
        if not training or not executing_eagerly():
            return inputs   # placeholders while a model is built: no draw from the generator
        inputs = backend.convert(inputs)
        dtype = inputs.value.dtype
        noise = random.function_normal(inputs.value.shape, dtype,
            self._random_generator.make_legacy_seed, seeded=self.seed is not None)
        return ops.add(inputs, random.scaled(noise, dtype, self.stddev, 0.0))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"stddev": self.stddev, "seed": self.seed})
        return config
