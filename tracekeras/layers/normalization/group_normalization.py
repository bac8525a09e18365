"""GroupNormalization: normalize each sample over groups of its channels
(``keras.layers.normalization.group_normalization``).

What it owns: ``GroupNormalization(groups=32, axis=-1, epsilon=1e-3, center=True,
scale=True, ...)``: its ``build`` (Keras's checks that the channel axis is known and
divides into ``groups``, ``groups=-1`` meaning one group per channel; an input spec fixing
the channels; ``gamma`` and ``beta`` of one value per channel through ``Layer.add_weight``)
and its ``call``: the channel axis split into ``(groups, channels // groups)``, the mean and
variance of each sample's group over every other axis (``tf.nn.weighted_moments``, the
weights the layer's mask or ones), then ``tf.nn.batch_normalization`` with ``gamma`` and
``beta`` reshaped to the groups, and the result reshaped back. The same in training and
inference: no moving statistics. ``groups=1`` is a layer normalization over all axes;
``groups`` equal to the channels, an instance normalization.

What it receives: the input shape at build time, Tensors (and a mask) at call time.
What it hands on: a Tensor of the input's shape (differentiable); the input's mask.

Trace events: span ``keras.layers.normalization.group_normalization.GroupNormalization.build``
(stage build, args layer and input_shape) with the ``add_weight`` spans inside it.
"""
from tracekeras import constraints, initializers, regularizers, tracing
from tracekeras.backend import array_ops, math_ops, nn, ops
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils.tf_utils import validate_axis

BUILD = "keras.layers.normalization.group_normalization.GroupNormalization.build"


class GroupNormalization(Layer):
    """``GroupNormalization(groups=32, axis=-1, epsilon=1e-3, center=True, scale=True,
    beta_initializer="zeros", gamma_initializer="ones", ...)``."""

    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.gamma = self.beta = None

    @tracing.traced("build", name=BUILD, args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        validate_axis(self.axis, input_shape)
        dim = input_shape[self.axis]
        if dim is None:
            raise ValueError(f"Axis {self.axis} of input tensor should have a defined "
                             "dimension but the layer received an input with shape "
                             f"{input_shape}.")
        if self.groups == -1:
            self.groups = dim
        if dim < self.groups:
            raise ValueError(f"Number of groups ({self.groups}) cannot be more than the "
                             f"number of channels ({dim}).")
        if dim % self.groups != 0:
            raise ValueError(f"Number of groups ({self.groups}) must be a multiple of the "
                             f"number of channels ({dim}).")
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: dim})
        if self.scale:
            self.gamma = self.add_weight(shape=(dim,), name="gamma",
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(shape=(dim,), name="beta",
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint)
        self.built = True

    def call(self, inputs, mask=None):
        input_shape = tuple(inputs.shape)
        if mask is None:
            mask = array_ops.ones_like(inputs)
        else:
            mask = ops.broadcast_to(mask, input_shape)
        reshaped_inputs = ops.reshape(inputs, self._group_shape(input_shape))
        reshaped_mask = ops.reshape(mask, self._group_shape(input_shape))
        normalized = self._apply_normalization(reshaped_inputs, reshaped_mask, input_shape)
        return ops.reshape(normalized, input_shape)

    def _group_shape(self, input_shape):
        """The input's shape with the channel axis split into ``(groups, per group)``."""
        group_shape = list(input_shape)
        group_shape[self.axis] = input_shape[self.axis] // self.groups
        group_shape.insert(self.axis, self.groups)
        return group_shape

    def _apply_normalization(self, reshaped_inputs, reshaped_mask, input_shape):
        reduction_axes = list(range(1, reshaped_inputs.ndim))
        reduction_axes.pop(self.axis - 1)
        mask_weights = ops.cast(reshaped_mask, reshaped_inputs.dtype)
        mean, variance = weighted_moments(reshaped_inputs, reduction_axes, mask_weights)
        broadcast_shape = [1] * len(input_shape)
        broadcast_shape[self.axis] = input_shape[self.axis] // self.groups
        broadcast_shape.insert(self.axis, self.groups)
        gamma = None if self.gamma is None else ops.reshape(self.gamma, broadcast_shape)
        beta = None if self.beta is None else ops.reshape(self.beta, broadcast_shape)
        return nn.batch_normalization(reshaped_inputs, mean, variance, beta, gamma,
                                      self.epsilon)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "groups": self.groups,
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


def weighted_moments(x, axes, frequency_weights):
    """``tf.nn.weighted_moments(x, axes, frequency_weights, keepdims=True)``: the weighted
    mean, and the weighted mean squared distance from it (held still for the gradient, as
    TensorFlow does), each divided by the weights' sum (0 where that is 0)."""
    weighted_sum = ops.reduce_sum(ops.multiply(frequency_weights, x), axis=axes, keepdims=True)
    weights = ops.add(frequency_weights, array_ops.zeros_like(x))
    sum_of_weights = ops.reduce_sum(weights, axis=axes, keepdims=True)
    mean = math_ops.divide_no_nan(weighted_sum, sum_of_weights)
    distances = math_ops.squared_difference(x, ops.stop_gradient(mean))
    distsq = ops.reduce_sum(ops.multiply(frequency_weights, distances), axis=axes,
                            keepdims=True)
    return mean, math_ops.divide_no_nan(distsq, sum_of_weights)
