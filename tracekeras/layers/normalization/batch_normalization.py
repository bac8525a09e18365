"""BatchNormalization: normalize with the batch's statistics while training, with moving
averages of them otherwise (``keras.layers.normalization.batch_normalization``).

What it owns: ``BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center=True,
scale=True, ...)`` (Keras's ``BatchNormalizationBase``): its ``build`` (``gamma`` and
``beta``, trainable, and ``moving_mean`` and ``moving_variance``, non-trainable, one
value per feature along ``axis``, through ``Layer.add_weight``; the input spec then
pins those axes) and its ``call``:

* ``training=True`` (``fit`` calls it so): the batch's ``tf.nn.moments`` over every
  other axis (weighted by the mask, if any) normalize the inputs, and each moving
  statistic is updated as Keras's ``_assign_moving_average`` does:
  ``moving -= (moving - batch) * (1 - momentum)``. For 4-D and 5-D inputs Keras
  uses TensorFlow's fused kernel, whose moving variance takes the unbiased batch
  variance (``n / (n - 1)``) and ``(1 - f) * moving + f * batch`` with
  ``f = 1 - momentum``; so does this layer for those ranks.
* ``training=False`` or None, or a layer with ``trainable=False``: the moving
  statistics normalize, nothing changes.

Moving statistics are never updated while ``call`` runs on placeholders (a model being
built), as Keras's updates in its scratch graph never run.

What it receives: the input shape at build time; Tensors, the training flag and the
mask at call time.
What it hands on: ``tf.nn.batch_normalization``'s Tensor (differentiable in the input,
``gamma`` and ``beta``, and through the batch statistics); the input's mask.

Trace events: span ``keras.layers.normalization.batch_normalization.BatchNormalizationBase.build``
(stage build, args layer and input_shape) with the four ``add_weight`` spans inside it.
"""
import numpy as np

from tracekeras import constraints, initializers, regularizers, tracing
from tracekeras.backend import nn, ops
from tracekeras.engine.base_layer import Layer, executing_eagerly, shape_list
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils.tf_utils import validate_axis

BUILD = "keras.layers.normalization.batch_normalization.BatchNormalizationBase.build"


def check_axis_argument(axis):
    if isinstance(axis, (list, tuple)):
        return list(axis)
    if isinstance(axis, int):
        return axis
    raise TypeError("Expected an int or a list/tuple of ints for the argument 'axis', but "
                    f"received: {axis!r}")


class BatchNormalization(Layer):
    """``BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
    beta_initializer="zeros", gamma_initializer="ones", moving_mean_initializer="zeros",
    moving_variance_initializer="ones", ...)``."""

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        for what in ("renorm", "virtual_batch_size", "adjustment", "synchronized"):
            if kwargs.pop(what, None):
                raise NotImplementedError(f"tracekeras's BatchNormalization has no `{what}`.")
        kwargs.pop("fused", None)
        beta_reg = regularizers.get(beta_regularizer)
        gamma_reg = regularizers.get(gamma_regularizer)
        beta_constraint = constraints.get(beta_constraint)
        gamma_constraint = constraints.get(gamma_constraint)
        axis = check_axis_argument(axis)
        inits = [initializers.get(i) for i in (beta_initializer, gamma_initializer,
                                               moving_mean_initializer,
                                               moving_variance_initializer)]
        super().__init__(**kwargs)
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        (self.beta_initializer, self.gamma_initializer, self.moving_mean_initializer,
         self.moving_variance_initializer) = inits
        self.beta_regularizer = beta_reg
        self.gamma_regularizer = gamma_reg
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.supports_masking = True
        self.fused = None
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None

    @tracing.traced("build", name=BUILD, args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        self.axis = validate_axis(self.axis, input_shape)
        rank = len(input_shape)
        self.fused = rank in (4, 5) and self.axis in ([1], [rank - 1])
        axis_to_dim = {a: input_shape[a] for a in self.axis}
        if any(d is None for d in axis_to_dim.values()):
            raise ValueError(f"Input has undefined `axis` dimension. Received input with shape "
                             f"{input_shape} and axis={tuple(self.axis)}")
        self.input_spec = InputSpec(ndim=rank, axes=axis_to_dim)
        if len(axis_to_dim) == 1:
            param_shape = (next(iter(axis_to_dim.values())),)
        else:
            param_shape = tuple(axis_to_dim.get(i, 1) for i in range(rank))
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
        self.moving_mean = self.add_weight(name="moving_mean", shape=param_shape,
                                           initializer=self.moving_mean_initializer,
                                           trainable=False, experimental_autocast=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=param_shape,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False, experimental_autocast=False)
        self.built = True

    def _get_training_value(self, training=None):
        """The training flag, forced off for a frozen layer (``trainable=False``)."""
        return bool(training) and self.trainable

    def call(self, inputs, training=None, mask=None):
        if inputs.dtype == np.float16:   # as Keras: float16 inputs normalized in float32
            return ops.cast(self.call(ops.cast(inputs, "float32"), training, mask), "float16")
        ndims = inputs.ndim
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = inputs.shape[self.axis[0]]

        def broadcast(v):
            if v is not None and v.ndim != ndims and reduction_axes != list(range(ndims - 1)):
                return ops.reshape(v, broadcast_shape)
            return v

        if not self._get_training_value(training):
            mean, variance = self.moving_mean, self.moving_variance
        else:
            keep_dims = len(self.axis) > 1
            mean, variance = self._moments(inputs, reduction_axes, keep_dims, mask)
            if executing_eagerly():
                self._update_moving_statistics(inputs, mean, variance)
        return nn.batch_normalization(inputs, broadcast(mean), broadcast(variance),
                                      broadcast(self.beta), broadcast(self.gamma),
                                      self.epsilon)

    def _moments(self, inputs, reduction_axes, keep_dims, mask):
        if mask is None or self.fused:
            return nn.moments(inputs, reduction_axes, keepdims=keep_dims)
        weights = ops.cast(mask, inputs.dtype)
        weights = ops.reshape(weights, tuple(weights.shape) + (1,))
        return weighted_moments(inputs, reduction_axes, weights, keep_dims)

    def _update_moving_statistics(self, inputs, mean, variance):
        mean, variance = mean.value, variance.value
        if self.fused:   # TensorFlow's fused kernel: the unbiased variance, a mix of the two
            count = inputs.value.size / variance.size
            variance = variance * np.asarray(count / max(count - 1.0, 1.0), variance.dtype)
            factor = np.asarray(1.0 - self.momentum, mean.dtype)
            for var, value in ((self.moving_mean, mean), (self.moving_variance, variance)):
                var.assign((1 - factor) * var.value + factor * value.reshape(var.shape))
            return
        for var, value in ((self.moving_mean, mean), (self.moving_variance, variance)):
            self._assign_moving_average(var, value.reshape(var.shape), self.momentum)

    @staticmethod
    def _assign_moving_average(variable, value, momentum):
        """``variable -= (variable - value) * (1 - momentum)``, as Keras assigns it."""
        decay = np.asarray(1.0 - momentum, variable.dtype)
        variable.assign_sub((variable.value - value.astype(variable.dtype)) * decay)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(
                self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config


def weighted_moments(x, axes, frequency_weights, keepdims):
    """``tf.nn.weighted_moments``: mean and variance with each value counted ``weight`` times."""
    weighted_sum = ops.reduce_sum(ops.multiply(frequency_weights, x), axis=axes, keepdims=True)
    weights = ops.add(frequency_weights, np.zeros(x.shape, x.dtype))
    divisor = ops.divide(1.0, ops.reduce_sum(weights, axis=axes, keepdims=True))
    mean = ops.multiply(weighted_sum, divisor)
    distance = ops.square(ops.subtract(x, mean))
    variance = ops.multiply(ops.reduce_sum(ops.multiply(frequency_weights, distance), axis=axes,
                                           keepdims=True), divisor)
    if not keepdims:
        mean = ops.reshape(mean, tuple(d for i, d in enumerate(mean.shape) if i not in axes))
        variance = ops.reshape(variance, mean.shape)
    return mean, variance
