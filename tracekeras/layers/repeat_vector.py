"""RepeatVector: a vector repeated ``n`` times along a new time axis
(``keras.layers.reshaping.repeat_vector``).

What it owns: ``RepeatVector(n)`` with its input spec (``ndim=2``), Keras's ``TypeError``
for an ``n`` that is not an int, ``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, features)`` -> ``(batch, n, features)``, as
``keras.backend.repeat`` makes it: ``expand_dims`` on axis 1, then ``tile`` ``n`` times
(both differentiable; the gradient sums the copies).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import array_ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec


class RepeatVector(Layer):
    def __init__(self, n, **kwargs):
        if not isinstance(n, int):
            raise TypeError(f"Expected an integer value for `n`, got {type(n)}.")
        super().__init__(**kwargs)
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return array_ops.tile(array_ops.expand_dims(inputs, 1), [1, self.n, 1])

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        config = super().get_config()
        config["n"] = self.n
        return config
