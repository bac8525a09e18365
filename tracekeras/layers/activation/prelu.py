"""PReLU: a leaky ReLU whose slopes are learned (``keras.layers.activation.prelu``).

What it owns: ``PReLU(alpha_initializer="zeros", alpha_regularizer=None,
alpha_constraint=None, shared_axes=None)`` (the regularizer and constraint resolved by
``regularizers.get`` and ``constraints.get``) and its
``build``: one weight ``alpha`` of the input's shape without the batch axis
(1 along each of ``shared_axes``, which then share one slope), made through
``Layer.add_weight``; the input spec then pins the other axes.

What it receives: the input shape at build time, Tensors at call time.
What it hands on: ``relu(x) - alpha * relu(-x)`` (``backend.nn.relu`` and
``backend.ops``: differentiable in ``x`` and ``alpha``); the input's mask.

Trace events: span ``keras.layers.activation.prelu.PReLU.build`` (stage build,
args layer and input_shape) with the ``add_weight`` span inside it.
"""
from tracekeras import constraints, initializers, regularizers, tracing
from tracekeras.backend import nn, ops
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.engine.input_spec import InputSpec


class PReLU(Layer):
    """``PReLU(alpha_initializer="zeros", alpha_regularizer=None, alpha_constraint=None,
    shared_axes=None)``."""

    def __init__(self, alpha_initializer="zeros", alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        alpha_initializer = initializers.get(alpha_initializer)
        alpha_regularizer = regularizers.get(alpha_regularizer)
        alpha_constraint = constraints.get(alpha_constraint)
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = alpha_initializer
        self.alpha_regularizer = alpha_regularizer
        self.alpha_constraint = alpha_constraint
        if shared_axes is None:
            self.shared_axes = None
        elif not isinstance(shared_axes, (list, tuple)):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)
        self.alpha = None

    @tracing.traced("build",
                    args=lambda self, input_shape: {"layer": self.name,
                                                    "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        param_shape = list(input_shape[1:])
        for axis in self.shared_axes or ():
            param_shape[axis - 1] = 1
        self.alpha = self.add_weight(name="alpha", shape=param_shape,
                                     initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer,
                                     constraint=self.alpha_constraint)
        axes = {}
        if self.shared_axes:
            axes = {i: input_shape[i] for i in range(1, len(input_shape))
                    if i not in self.shared_axes}
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)
        self.built = True

    def call(self, inputs):
        positive = nn.relu(inputs)
        negative = ops.multiply(ops.negative(self.alpha), nn.relu(ops.negative(inputs)))
        return ops.add(positive, negative)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"alpha_initializer": initializers.serialize(self.alpha_initializer),
                       "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
                       "alpha_constraint": constraints.serialize(self.alpha_constraint),
                       "shared_axes": self.shared_axes})
        return config
