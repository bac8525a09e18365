"""UnitNormalization: each sample scaled to unit L2 norm over ``axis``
(``keras.layers.normalization.unit_normalization``).

What it owns: ``UnitNormalization(axis=-1)`` (an int or a list of ints; anything else is
Keras's ``TypeError``), the axis check at build time (``validate_axis``, its messages) and
its config. It has no weights.

What it receives / hands on: a Tensor -> ``tf.linalg.l2_normalize(cast(inputs), axis)``:
``x / sqrt(max(sum(x**2), 1e-12))``, built from differentiable ops as TensorFlow builds it;
the input's mask.

Trace events: span ``keras.layers.normalization.unit_normalization.UnitNormalization.build``
(stage build, args layer and input_shape) and the ``Layer.__call__`` spans of the base class.
"""
from tracekeras import tracing
from tracekeras.backend import math_ops, ops
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.utils.tf_utils import validate_axis


class UnitNormalization(Layer):
    """``UnitNormalization(axis=-1)``."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("Invalid value for `axis` argument: expected an int or a "
                            f"list/tuple of ints. Received: axis={axis}")
        self.supports_masking = True

    @tracing.traced("build", args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        validate_axis(self.axis, tuple(input_shape))
        super().build(input_shape)

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        return math_ops.l2_normalize(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
