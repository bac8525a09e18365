"""The batch normalization functions of ``keras.backend``: ``K.batch_normalization`` and
``K.normalize_batch_in_training``, as tf_keras 2.21 writes them.

What it owns: Keras's choice between TensorFlow's two batch normalizations and what each
gives. ``tf.nn.batch_normalization`` (``nn.batch_normalization``): ``x * inv + (beta -
mean * inv)`` with ``inv = gamma * rsqrt(var + epsilon)``, every parameter broadcast
against ``x``. The fused op (``tf.compat.v1.nn.fused_batch_norm``, here ``fused``):
``(x - mean) * (rsqrt(var + epsilon) * gamma) + beta`` along one channel axis of a rank-4
``x``, last (``NHWC``) or second (``NCHW``), with 1-D parameters only; its gradient reaches
``x``, ``gamma`` and ``beta``, never the mean and variance it is given, nor through the
mean and variance it hands back.

``batch_normalization``: a rank-4 ``x`` takes the fused op, with ``axis`` -1 or 3
(``NHWC``: broadcast parameters are flattened, a missing ``beta``/``gamma`` is zeros/ones),
1 or -3 (``NCHW``, as given), any other axis (no format: TensorFlow's default ``NHWC``, the
last axis, as given); other ranks ``tf.nn.batch_normalization``.

``normalize_batch_in_training``: ``(normed, mean, var)`` of the batch. A rank-4 ``x``
reduced over ``[0, 1, 2]`` takes the fused op in training mode, whose variance is the
unbiased one (times ``n / (n - 1)``) while ``normed`` uses the biased one; over
``[0, 2, 3]`` (no NCHW on a CPU), or over axes other than all but the last, the moments are
reshaped to broadcast (1 on the reduced axes) and so are ``gamma`` and ``beta``
("broadcast"); over all axes but the last, ``tf.nn.moments`` then
``tf.nn.batch_normalization`` ("regular").

What it receives: Tensors, Variables or arrays (``gamma``/``beta`` may be None). What it
hands on: Tensors recorded on the active tapes, so gradients flow. No trace events of its
own.
"""
import numpy as np

from . import array_ops, math_ops, nn, ops
from .string_ops import InvalidArgumentError
from .tensor import convert

FUSED_FORMATS = {1: "NCHW", -3: "NCHW", 3: "NHWC", -1: "NHWC"}


def tensor(value):
    """``value`` as a Tensor; None is TensorFlow's refusal to convert it."""
    if value is None:
        raise ValueError("Attempt to convert a value (None) with an unsupported type "
                         "(<class 'NoneType'>) to a Tensor.")
    return convert(value)


def fused(x, scale, offset, mean, variance, epsilon, data_format):
    """``(x - mean) * (rsqrt(variance + epsilon) * scale) + offset`` along the channel axis
    of ``data_format`` (the fused op's arithmetic), with its checks of the parameters."""
    channels = x.shape[1] if data_format == "NCHW" else x.shape[-1]
    params = []
    for name, value in (("scale", scale), ("offset", offset), ("estimated_mean", mean),
                        ("estimated_variance", variance)):
        if len(value.shape) != 1:
            shape = ",".join(str(d) for d in value.shape)
            raise InvalidArgumentError(f"{name} must be 1-dimensional[{shape}]")
        if value.shape[0] != channels:
            raise InvalidArgumentError(f"{name} must have the same number of elements as the "
                                       f"channels of x, got {value.shape[0]} and {channels}")
        params.append(ops.reshape(value, (channels, 1, 1)) if data_format == "NCHW"
                      else value)
    scale, offset, mean, variance = params
    factor = ops.multiply(math_ops.rsqrt(ops.add(variance, epsilon)), scale)
    return ops.add(ops.multiply(ops.subtract(x, mean), factor), offset)


def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    """``K.batch_normalization``: ``(x - mean) / sqrt(var + epsilon) * gamma + beta``."""
    x = convert(x)
    if len(x.shape) != 4:
        return nn.batch_normalization(x, mean, var, beta, gamma, epsilon)
    data_format = FUSED_FORMATS.get(axis)
    mean, var = convert(mean), convert(var)
    if data_format == "NHWC":      # the parameters may broadcast: Keras flattens them
        mean, var = ops.reshape(mean, (-1,)), ops.reshape(var, (-1,))
        beta = array_ops.zeros_like(mean) if beta is None else ops.reshape(beta, (-1,))
        gamma = array_ops.ones_like(mean) if gamma is None else ops.reshape(gamma, (-1,))
    gamma, beta = tensor(gamma), tensor(beta)
    # inference: no gradient reaches the mean and variance given (TensorFlow's rule)
    return fused(x, gamma, beta, ops.stop_gradient(mean), ops.stop_gradient(var), epsilon,
                 data_format or "NHWC")


def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):
    """``K.normalize_batch_in_training``: ``(normed, mean, var)`` over ``reduction_axes``."""
    x = convert(x)
    rank = len(x.shape)
    axes = list(reduction_axes)
    if rank == 4 and axes == [0, 1, 2]:
        return fused_in_training(x, gamma, beta, epsilon)
    if rank == 4 and axes == [0, 2, 3] or sorted(axes) != list(range(rank))[:-1]:
        return broadcast_in_training(x, gamma, beta, axes, epsilon)
    mean, var = math_ops.moments(x, axes)
    return nn.batch_normalization(x, mean, var, beta, gamma, epsilon), mean, var


def broadcast_in_training(x, gamma, beta, axes, epsilon):
    """Keras's ``_broadcast_normalize_batch_in_training``: moments and parameters reshaped
    to 1 on the reduced axes."""
    mean, var = math_ops.moments(x, axes)
    target = tuple(1 if axis in axes else x.shape[axis] for axis in range(len(x.shape)))
    gamma = None if gamma is None else ops.reshape(gamma, target)
    beta = None if beta is None else ops.reshape(beta, target)
    normed = nn.batch_normalization(x, ops.reshape(mean, target), ops.reshape(var, target),
                                    beta, gamma, epsilon)
    return normed, mean, var


def fused_in_training(x, gamma, beta, epsilon):
    """Keras's ``_fused_normalize_batch_in_training`` over ``[0, 1, 2]``: the fused op in
    training mode; the variance handed back is the unbiased one, and no gradient flows
    through the mean and variance handed back."""
    channels = x.shape[-1]
    dtype = x.value.dtype
    gamma = array_ops.ones((channels,), dtype=dtype) if gamma is None else tensor(gamma)
    beta = array_ops.zeros((channels,), dtype=dtype) if beta is None else tensor(beta)
    mean, var = math_ops.moments(x, [0, 1, 2])
    normed = fused(x, gamma, beta, mean, var, epsilon, "NHWC")
    count = int(np.prod(x.shape[:3]))
    unbiased = ops.multiply(var, np.asarray(count / max(count - 1, 1), dtype))
    return normed, ops.stop_gradient(mean), ops.stop_gradient(unbiased)
