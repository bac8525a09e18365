"""The neural-network functions of ``keras.backend``: activations, crossentropies, dropout.

What it owns: ``relu``, ``elu``, ``sigmoid``, ``tanh``, ``softplus``, ``softsign``,
``hard_sigmoid``, ``softmax``, ``binary_crossentropy``, ``categorical_crossentropy``,
``sparse_categorical_crossentropy``, ``binary_focal_crossentropy`` and
``categorical_focal_crossentropy`` (Keras's focal factors on those crossentropies),
``l2_normalize``, ``bias_add``, ``dropout``,
``in_top_k`` and ``stop_gradient``, as Keras's own functions compute them: the activations
are those of :mod:`tracekeras.activations` (``K.relu`` takes ``alpha``, ``max_value``,
``threshold``);
``K.softmax`` refuses a rank-1 tensor; ``K.binary_crossentropy`` is elementwise (no mean
over the last axis, unlike the loss), its probabilities clipped to ``[epsilon, 1 -
epsilon]`` and ``epsilon`` added inside the logs; the categorical ones are the losses'
per-sample functions; ``K.dropout`` without a seed draws its op seed from NumPy's global
generator, as Keras does.

What it receives: Tensors, arrays or numbers. What it hands on: Tensors recorded on the tape.
No trace events of their own.
"""
import numpy as np

from . import config, math_ops, nn, ops, random
from .tensor import convert


def activations():
    """The activation functions (imported when first used: tracekeras.activations imports
    this package)."""
    from tracekeras import activations as module
    return module


def losses():
    from tracekeras import losses as module
    return module


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    return activations().relu(x, alpha=alpha, max_value=max_value, threshold=threshold)


def elu(x, alpha=1.0):
    return activations().elu(x, alpha=alpha)


def sigmoid(x):
    return activations().sigmoid(x)


def tanh(x):
    return activations().tanh(x)


def softplus(x):
    return activations().softplus(x)


def softsign(x):
    return activations().softsign(x)


def hard_sigmoid(x):
    """``K.hard_sigmoid``: ``clip(0.2 x + 0.5, 0, 1)``."""
    return activations().hard_sigmoid(x)


def softmax(x, axis=-1):
    """``K.softmax``: ``tf.nn.softmax`` along ``axis``; a rank-1 tensor is refused."""
    x = convert(x)
    if x.ndim <= 1:
        raise ValueError("Cannot apply softmax to a tensor that is 1D. Received input: "
                         f"{np.asarray(x.value)}")   # as an EagerTensor formats
    return nn.softmax(x, axis=axis)


def binary_crossentropy(target, output, from_logits=False):
    """``K.binary_crossentropy``: elementwise ``-(t log(p + e) + (1 - t) log(1 - p + e))``
    with ``p`` clipped to ``[e, 1 - e]`` (``e`` = epsilon), or, from logits,
    ``tf.nn.sigmoid_cross_entropy_with_logits``."""
    output = convert(output)
    target = losses().labels_of(target, output.dtype)
    output, from_logits = losses()._get_logits(output, from_logits, "Sigmoid",
                                               "binary_crossentropy")
    if from_logits:
        return nn.sigmoid_cross_entropy_with_logits(target, output)
    eps = np.asarray(config.epsilon(), dtype=output.dtype)
    one = np.ones((), output.dtype)
    output = losses().clip_probabilities(output)
    pos = ops.multiply(target, ops.log(ops.add(output, eps)))
    neg = ops.multiply(ops.subtract(one, target), ops.log(ops.add(ops.subtract(one, output),
                                                                   eps)))
    return ops.negative(ops.add(pos, neg))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """``K.categorical_crossentropy``: the loss's per-sample crossentropy."""
    return losses().categorical_crossentropy(target, output, from_logits=from_logits,
                                             axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1,
                                    ignore_class=None):
    """``K.sparse_categorical_crossentropy``: the loss's per-sample crossentropy."""
    return losses().sparse_categorical_crossentropy(target, output, from_logits=from_logits,
                                                    axis=axis, ignore_class=ignore_class)


def binary_focal_crossentropy(target, output, apply_class_balancing=False, alpha=0.25,
                              gamma=2.0, from_logits=False):
    """``K.binary_focal_crossentropy``: ``K.binary_crossentropy`` times the focal factor
    ``(1 - p_t) ** gamma`` (``p_t``: the probability given to the target), and with
    ``apply_class_balancing`` times ``alpha`` for targets 1, ``1 - alpha`` for 0."""
    output = convert(output)
    target = losses().labels_of(target, output.dtype)
    one = np.ones((), output.dtype)
    sigmoidal = sigmoid(output) if from_logits else output
    p_t = ops.add(ops.multiply(target, sigmoidal),
                  ops.multiply(ops.subtract(one, target), ops.subtract(one, sigmoidal)))
    focal_factor = math_ops.pow(ops.subtract(one, p_t), np.asarray(gamma, output.dtype))
    bce = binary_crossentropy(target=target, output=output, from_logits=from_logits)
    focal_bce = ops.multiply(focal_factor, bce)
    if apply_class_balancing:
        alpha = np.asarray(alpha, output.dtype)
        weight = ops.add(ops.multiply(target, alpha),
                         ops.multiply(ops.subtract(one, target), one - alpha))
        focal_bce = ops.multiply(weight, focal_bce)
    return focal_bce


def categorical_focal_crossentropy(target, output, alpha=0.25, gamma=2.0, from_logits=False,
                                   axis=-1):
    """``K.categorical_focal_crossentropy``: the sum along ``axis`` of ``alpha * (1 - p) **
    gamma * -t log(p)``, ``p`` the probabilities normalised to sum to 1 and clipped to
    ``[epsilon, 1 - epsilon]`` (softmax first, from logits)."""
    target, output = convert(target), convert(output)
    if tuple(target.shape) != tuple(output.shape):
        raise ValueError(f"Shapes {shape_text(target.shape)} and {shape_text(output.shape)} "
                         "are incompatible")
    output, from_logits = losses()._get_logits(output, from_logits, "Softmax",
                                               "categorical_focal_crossentropy")
    if from_logits:
        output = nn.softmax(output, axis=axis)
    output = ops.divide(output, ops.reduce_sum(output, axis=axis, keepdims=True))
    output = losses().clip_probabilities(output)
    one = np.ones((), output.dtype)
    cce = ops.multiply(ops.negative(target), ops.log(output))
    modulating_factor = math_ops.pow(ops.subtract(one, output), np.asarray(gamma, output.dtype))
    weighting_factor = ops.multiply(modulating_factor, np.asarray(alpha, output.dtype))
    return ops.reduce_sum(ops.multiply(weighting_factor, cce), axis=axis)


def shape_text(shape):
    """A shape as TensorFlow's TensorShape prints it: ``(2, 3)``, ``(3,)``."""
    return str(tuple(int(d) for d in shape))


def l2_normalize(x, axis=None):
    """``K.l2_normalize``: ``tf.linalg.l2_normalize`` (of a KerasTensor: a TFOpLambda layer,
    as tf_keras makes)."""
    return math_ops.l2_normalize(x, axis=axis)


def bias_add(x, bias, data_format=None):
    """``K.bias_add``: ``x + bias`` along the channels (the last axis; ``channels_first``:
    the second); a bias of rank ``ndim(x) - 1`` is added as it is."""
    data_format = data_format or config.image_data_format()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(f"Unknown data_format: {data_format}")
    x, bias = convert(x), convert(bias)
    if bias.ndim not in (1, x.ndim - 1):
        raise ValueError(f"Unexpected bias dimensions {bias.ndim}, expect to be 1 or "
                         f"{x.ndim - 1} dimensions")
    if data_format == "channels_first" and x.ndim > 2:
        shape = (1, bias.shape[-1]) + (1,) * (x.ndim - 2) if bias.ndim == 1 else \
            (1, bias.shape[-1]) + tuple(bias.shape[:-1])
        return ops.add(x, ops.reshape(bias, shape))
    if bias.ndim == 1:
        return ops.bias_add(x, bias)
    return ops.add(x, ops.reshape(bias, (1,) + tuple(bias.shape)))


def dropout(x, level, noise_shape=None, seed=None):
    """``K.dropout``: ``tf.nn.dropout(x, rate=level, seed=seed)``, the op seed drawn from
    NumPy's global generator when not given (Keras's ``np.random.randint(10e6)``)."""
    if seed is None:
        seed = np.random.randint(int(10e6))
    return nn.dropout(x, level, noise_shape=noise_shape,
                      uniform_sampler=lambda shape, dtype: random.uniform(shape, dtype=dtype,
                                                                          seed=seed))


def stop_gradient(variables):
    """``K.stop_gradient``: ``tf.stop_gradient`` (of each, for a list)."""
    if isinstance(variables, (list, tuple)):
        return map(ops.stop_gradient, variables)
    return ops.stop_gradient(variables)


def in_top_k(predictions, targets, k):
    """``K.in_top_k``: whether each target's prediction is among its row's ``k`` largest
    (fewer than ``k`` predictions above it: ties at the boundary count as in; a row with a
    non-finite prediction is not)."""
    values = np.asarray(convert(predictions).value)
    targets = np.asarray(convert(targets).value).astype(np.int64)
    target_values = values[np.arange(len(targets)), targets]
    above = (values > target_values[:, None]).sum(axis=1)
    finite = np.isfinite(values).all(axis=1)
    return convert((above < k) & finite)
