"""LayerNormalization: normalize each sample over its own features
(``keras.layers.normalization.layer_normalization``).

What it owns: ``LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True)``:
its ``build`` (``gamma`` and ``beta`` of the input's size along ``axis``, through
``Layer.add_weight``) and its ``call``: ``tf.nn.moments`` over ``axis`` for each
sample, then ``tf.nn.batch_normalization`` with ``gamma`` and ``beta``. The same in
training and inference; there are no moving statistics.

What it receives: the input shape at build time, Tensors at call time.
What it hands on: a Tensor of the input's shape (differentiable); the input's mask.

Trace events: span ``keras.layers.normalization.layer_normalization.LayerNormalization.build``
(stage build, args layer and input_shape) with the ``add_weight`` spans inside it.
"""
import numpy as np

from tracekeras import constraints, initializers, regularizers, tracing
from tracekeras.backend import nn, ops
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.layers.normalization.batch_normalization import check_axis_argument
from tracekeras.utils.tf_utils import validate_axis

BUILD = "keras.layers.normalization.layer_normalization.LayerNormalization.build"


class LayerNormalization(Layer):
    """``LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True,
    beta_initializer="zeros", gamma_initializer="ones", ...)``."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, **kwargs):
        beta_reg = regularizers.get(beta_regularizer)
        gamma_reg = regularizers.get(gamma_regularizer)
        beta_constraint = constraints.get(beta_constraint)
        gamma_constraint = constraints.get(gamma_constraint)
        axis = check_axis_argument(axis)
        beta_init, gamma_init = (initializers.get(beta_initializer),
                                 initializers.get(gamma_initializer))
        super().__init__(**kwargs)
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer, self.gamma_initializer = beta_init, gamma_init
        self.beta_regularizer = beta_reg
        self.gamma_regularizer = gamma_reg
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.supports_masking = True
        self.gamma = self.beta = None

    @tracing.traced("build", name=BUILD, args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        self.axis = validate_axis(self.axis, input_shape)
        param_shape = [input_shape[a] for a in self.axis]
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape,
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True,
                                         experimental_autocast=False)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape,
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True,
                                        experimental_autocast=False)
        self.built = True

    def call(self, inputs):
        if inputs.dtype == np.float16 and self.dtype == "float32":   # as Keras: in float32
            return ops.cast(self.call(ops.cast(inputs, "float32")), "float16")
        ndims = inputs.ndim
        broadcast_shape = [1] * ndims
        for a in self.axis:
            broadcast_shape[a] = inputs.shape[a]

        def broadcast(v):
            if v is not None and v.ndim != ndims and self.axis != [ndims - 1]:
                return ops.reshape(v, broadcast_shape)
            return v
        mean, variance = nn.moments(inputs, self.axis, keepdims=True)
        return nn.batch_normalization(inputs, mean, variance, broadcast(self.beta),
                                      broadcast(self.gamma), self.epsilon)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config
