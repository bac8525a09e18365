"""Losses: ``keras.losses`` (with the weighting rules of ``keras.utils.losses_utils``).

What it owns: the ``Loss`` base class and its ``Reduction`` keys, the
``LossFunctionWrapper`` that turns a per-sample function into a ``Loss``, the
per-sample loss functions (``mean_squared_error``, the crossentropies ...) and
the classes that wrap them, and ``get``/``serialize``/``deserialize`` (the name
table ``compile`` resolves strings through).

What it receives: ``y_true`` (a NumPy array, labels need no gradient),
``y_pred`` (a backend ``Tensor`` on the gradient tape) and an optional
``sample_weight``.

What it hands on: ``Loss.__call__`` returns a scalar ``Tensor`` (a per-sample
Tensor with ``Reduction.NONE``) built only from ``backend.ops``/``backend.nn``,
so ``GradientTape.gradient`` differentiates it.

Keras facts kept here: ``Reduction.AUTO`` means ``SUM_OVER_BATCH_SIZE``, which
divides the sum of the weighted per-sample losses by their number of elements
(not by the sum of the weights); a softmax/sigmoid output carries its logits
(``keras_logits``) and the crossentropies use them, as ``backend._get_logits``
does, with no epsilon clipping; otherwise probabilities are clipped to
``[1e-7, 1 - 1e-7]``. Trace events: ``keras.losses.Loss.__call__`` (stage loss,
level full); ``get`` goes through the traced ``deserialize_keras_object``.

This module is over 400 lines because it is one Keras module (``keras/losses.py``)
with seventeen losses; each function is short.
"""
import inspect
import warnings

import numpy as np

from tracekeras import tracing
from tracekeras.backend import config, nn, nn_functions, ops
from tracekeras.backend.tape import record
from tracekeras.backend.tensor import Tensor, convert
from tracekeras.saving import serialization_lib
from tracekeras.utils import serialization


class Reduction:
    """``keras.losses.Reduction`` (``ReductionV2``): how per-sample losses become one number."""

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError(f'Invalid Reduction Key: {key}. Expected keys are "{cls.all()}"')


# -- losses_utils: shapes, masks and weighting -------------------------------

def value_of(x):
    return x.value if isinstance(x, Tensor) else np.asarray(x)


def shape_of(x):
    return x.shape if isinstance(x, (Tensor, np.ndarray)) else np.shape(x)


def squeeze_last(x):
    """Drop a trailing axis of size 1 (a new Tensor: it no longer carries ``keras_logits``);
    another size is refused as ``tf.squeeze`` refuses it in Keras's train function."""
    if isinstance(x, Tensor):
        if x.shape[-1] != 1:
            raise ValueError(f"Can not squeeze dim[{x.ndim - 1}], expected a dimension of 1, "
                             f"got {x.shape[-1]}")
        return ops.reshape(x, x.shape[:-1])
    return np.squeeze(np.asarray(x), -1)


def expand_last(x):
    if isinstance(x, Tensor):
        return ops.reshape(x, x.shape + (1,))
    return np.expand_dims(np.asarray(x), -1)


def remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0):
    """Squeeze the last axis of whichever side has one rank too many (of size 1)."""
    p_shape, l_shape = shape_of(predictions), shape_of(labels)
    rank_diff = len(p_shape) - len(l_shape)
    if rank_diff == expected_rank_diff + 1 and p_shape[-1] == 1:
        predictions = squeeze_last(predictions)
    elif rank_diff == expected_rank_diff - 1 and l_shape[-1] == 1:
        labels = squeeze_last(labels)
    return labels, predictions


def squeeze_or_expand_dimensions(y_pred, y_true=None, sample_weight=None):
    """``losses_utils.squeeze_or_expand_dimensions``: line ranks up before weighting."""
    p_shape = shape_of(y_pred)
    if y_true is not None:
        t_shape = shape_of(y_true)
        if len(p_shape) - len(t_shape) != 1 or p_shape[-1] == 1:
            y_true, y_pred = remove_squeezable_dimensions(y_true, y_pred)
    if sample_weight is None:
        return y_pred, y_true, None
    p_rank = len(shape_of(y_pred))
    w_rank = len(shape_of(sample_weight))
    if w_rank - p_rank == 1:
        sample_weight = squeeze_last(sample_weight)
    elif p_rank - w_rank == 1:
        sample_weight = expand_last(sample_weight)
    return y_pred, y_true, sample_weight


def combined_mask(y_pred, losses):
    """The mask of the predictions (a model output's ``keras_mask``) and/or of the losses:
    an entry counts only where both keep it."""
    in_mask = getattr(y_pred, "keras_mask", None)
    out_mask = losses.keras_mask
    if in_mask is None or out_mask is None:
        return out_mask if in_mask is None else in_mask
    return np.logical_and(np.asarray(getattr(in_mask, "value", in_mask), bool),
                          np.asarray(getattr(out_mask, "value", out_mask), bool))


def apply_valid_mask(losses, sample_weight, mask, reduction):
    """Zero the weight of masked entries; with SUM_OVER_BATCH_SIZE divide by the valid count."""
    if mask is None:
        return sample_weight
    mask = np.asarray(getattr(mask, "value", mask), dtype=losses.dtype)
    if reduction in (Reduction.AUTO, Reduction.SUM_OVER_BATCH_SIZE):
        valid = mask.sum(dtype=losses.dtype)
        mask = mask * (np.asarray(mask.size, losses.dtype) / valid)
    if sample_weight is None:
        return mask
    mask, _, sample_weight = squeeze_or_expand_dimensions(mask, sample_weight=sample_weight)
    return value_of(sample_weight).astype(losses.dtype) * mask


def reduce_weighted_loss(weighted_losses, reduction=Reduction.SUM_OVER_BATCH_SIZE):
    if reduction == Reduction.NONE:
        return weighted_losses
    total = ops.reduce_sum(weighted_losses)
    if reduction == Reduction.SUM_OVER_BATCH_SIZE:
        count = weighted_losses.value.size
        if count == 0:   # divide_no_nan
            return ops.multiply(total, 0.0)
        total = ops.divide(total, np.asarray(count, dtype=total.dtype))
    return total


def compute_weighted_loss(losses, sample_weight=None, reduction=Reduction.SUM_OVER_BATCH_SIZE):
    """``losses_utils.compute_weighted_loss``: weight the per-sample losses, then reduce."""
    Reduction.validate(reduction)
    if reduction == Reduction.AUTO:
        reduction = Reduction.SUM_OVER_BATCH_SIZE
    losses = convert(losses)
    if losses.dtype.kind != "f":
        losses = ops.cast(losses, config.floatx())
    if sample_weight is not None:
        sw = sample_weight if isinstance(sample_weight, Tensor) else np.asarray(sample_weight)
        sw = convert(sw, dtype=losses.dtype)
        losses, _, sw = squeeze_or_expand_dimensions(losses, None, sw)
        losses = ops.multiply(losses, sw)   # broadcasts, as tf.multiply does
    return reduce_weighted_loss(losses, reduction)


# -- the Loss classes ---------------------------------------------------------

class Loss:
    """``keras.losses.Loss``: ``call`` gives per-sample losses; ``__call__`` weights and reduces."""

    def __init__(self, reduction=Reduction.AUTO, name=None):
        Reduction.validate(reduction)
        self.reduction = reduction
        self.name = name

    @tracing.traced("loss", level="full",
                    args=lambda self, *a, **k: {"loss": self.name, "reduction": self.reduction})
    def __call__(self, y_true, y_pred, sample_weight=None):
        losses = convert(self.call(y_true, y_pred))   # a user's ``call`` may return an array
        reduction = self._get_reduction()
        sample_weight = apply_valid_mask(losses, sample_weight,
                                         combined_mask(y_pred, losses), reduction)
        return compute_weighted_loss(losses, sample_weight, reduction=reduction)

    def _get_reduction(self):
        """AUTO is SUM_OVER_BATCH_SIZE outside a distribution strategy."""
        return Reduction.SUM_OVER_BATCH_SIZE if self.reduction == Reduction.AUTO else self.reduction

    def call(self, y_true, y_pred):
        raise NotImplementedError("Must be implemented in subclasses.")

    def get_config(self):
        return {"reduction": self.reduction, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class LossFunctionWrapper(Loss):
    """A ``Loss`` around a function ``fn(y_true, y_pred, **kwargs)`` of per-sample losses."""

    def __init__(self, fn, reduction=Reduction.AUTO, name=None, **kwargs):
        super().__init__(reduction=reduction, name=name)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_pred, y_true, _ = squeeze_or_expand_dimensions(y_pred, y_true)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = {k: value_of(v).tolist() if isinstance(v, Tensor) else v
                  for k, v in self._fn_kwargs.items()}
        # tf_keras 2.21 names the function in every wrapper's config (its get_registered_name)
        config["fn"] = getattr(self.fn, "__name__", type(self.fn).__name__)
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        fn = config.pop("fn", None)
        if cls is LossFunctionWrapper:
            return cls(get(fn), **config)
        return cls(**config)


# -- the per-sample functions: the backend crossentropies ----------------------

def _get_logits(output, from_logits, op_type, fn_name):
    """``backend._get_logits``: a softmax/sigmoid output is replaced by the logits it came from."""
    logits = getattr(output, "keras_logits", None)
    if logits is None:
        return output, from_logits
    if from_logits:
        warnings.warn(f'"`{fn_name}` received `from_logits=True`, but the `output` argument was '
                      f"produced by a {op_type} activation and thus does not represent logits. "
                      "Was this intended?", stacklevel=3)
    return logits, True


def labels_of(y_true, dtype):
    """Targets as a constant Tensor of the predictions' dtype."""
    if isinstance(y_true, Tensor):
        return y_true if y_true.dtype == dtype else ops.cast(y_true, dtype)
    return Tensor(np.asarray(y_true).astype(dtype, copy=False))


def clip_probabilities(output):
    eps = np.asarray(config.epsilon(), dtype=output.dtype)
    return ops.clip_by_value(output, eps, np.asarray(1, dtype=output.dtype) - eps)


def shape_text(shape):
    return str(tuple([None] + list(shape[1:]))) if len(shape) else "()"


def check_labels_in_range(labels, depth):
    """TensorFlow's check in ``sparse_softmax_cross_entropy_with_logits`` (CPU).

    TensorFlow raises ``InvalidArgumentError``; here a ValueError with its text.
    """
    bad = (labels < 0) | (labels >= depth)
    if bad.any():
        value = int(labels.reshape(-1)[np.argmax(bad.reshape(-1))])
        shown = " ".join(str(int(v)) for v in labels.reshape(-1))
        raise ValueError(f"Received a label value of {value} which is outside the valid range "
                         f"of [0, {depth}).  Label values: {shown}")


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1, ignore_class=None):
    """Integer labels against probabilities (or logits) on the last axis."""
    output = convert(y_pred)
    if axis not in (-1, output.ndim - 1):
        raise ValueError(f"Only axis=-1 is supported by tracekeras. Received: axis={axis}")
    target = value_of(y_true).astype(np.int64)
    output, from_logits = _get_logits(output, from_logits, "Softmax",
                                      "sparse_categorical_crossentropy")
    if not from_logits:
        output = ops.log(clip_probabilities(output))
    out_shape = output.shape
    update_shape = target.ndim != output.ndim - 1
    if update_shape:
        target = target.reshape(-1)
        if output.ndim != 2:
            output = ops.reshape(output, (-1, out_shape[-1]))
    valid = None
    if ignore_class is not None:
        valid = target != ignore_class
        target = np.where(valid, target, 0)
    check_labels_in_range(target, out_shape[-1])
    res = nn.sparse_softmax_cross_entropy_with_logits(target, output)
    if valid is not None:
        res = ops.where(valid, res, np.zeros((), res.dtype))
    if res.shape != out_shape[:-1]:
        res = ops.reshape(res, out_shape[:-1])
    if valid is not None:
        res.keras_mask = valid.reshape(out_shape[:-1])
    return res


def check_compatible(target, output):
    ts, os_ = target.shape, output.shape
    if len(ts) != len(os_) or any(a != b for a, b in zip(ts[1:], os_[1:])):
        hint = ""
        if len(ts) == len(os_) and ts[-1] == 1 and os_[-1] > 1:
            hint = (". The targets look like integer class labels: use "
                    "sparse_categorical_crossentropy for those, or one-hot encode them "
                    "(tracekeras.utils.to_categorical)")
        raise ValueError(f"Shapes {shape_text(ts)} and {shape_text(os_)} are incompatible{hint}")


def categorical_inputs(y_true, y_pred, label_smoothing, axis, name):
    """``(target, output)`` of a categorical loss: ``axis`` checked, a one-class ``y_pred``
    warned about (stacklevel: the loss function's caller), the labels smoothed towards
    ``1 / num_classes``."""
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type "
                         f"{type(axis)}")
    output = convert(y_pred)
    target = labels_of(y_true, output.dtype)
    if output.shape[-1] == 1:
        warnings.warn(f"In loss {name}, expected y_pred.shape to be "
                      "(batch_size, num_classes) with num_classes > 1. Received: "
                      f"y_pred.shape={shape_text(output.shape)}. Consider using "
                      "'binary_crossentropy' if you only have 2 classes.",
                      SyntaxWarning, stacklevel=3)
    if label_smoothing:
        ls = np.asarray(label_smoothing, dtype=output.dtype)
        num_classes = np.asarray(target.shape[-1], dtype=output.dtype)
        target = Tensor(target.value * (1 - ls) + ls / num_classes)
    return target, output


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """One-hot (or soft) labels against probabilities (or logits)."""
    target, output = categorical_inputs(y_true, y_pred, label_smoothing, axis,
                                        "categorical_crossentropy")
    check_compatible(target, output)
    output, from_logits = _get_logits(output, from_logits, "Softmax", "categorical_crossentropy")
    if from_logits:
        return nn.softmax_cross_entropy_with_logits(target, output, axis=axis)
    output = ops.divide(output, ops.reduce_sum(output, axis, keepdims=True))
    output = clip_probabilities(output)
    return ops.negative(ops.reduce_sum(ops.multiply(target, ops.log(output)), axis))


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """0/1 (or soft) labels against probabilities (or logits), averaged over the last axis."""
    output = convert(y_pred)
    target = labels_of(y_true, output.dtype)
    if label_smoothing:
        ls = np.asarray(label_smoothing, dtype=output.dtype)
        target = Tensor(target.value * (1 - ls) + np.asarray(0.5, output.dtype) * ls)
    output, from_logits = _get_logits(output, from_logits, "Sigmoid", "binary_crossentropy")
    if from_logits:
        bce = nn.sigmoid_cross_entropy_with_logits(target, output)
    else:
        eps = np.asarray(config.epsilon(), dtype=output.dtype)
        output = clip_probabilities(output)
        pos = ops.multiply(target, ops.log(ops.add(output, eps)))
        neg = ops.multiply(ops.subtract(np.ones((), output.dtype), target),
                           ops.log(ops.add(ops.subtract(np.ones((), output.dtype), output), eps)))
        bce = ops.negative(ops.add(pos, neg))
    return ops.reduce_mean(bce, axis=axis)



def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary crossentropy scaled down where the prediction is already confident (the focal
    factor ``(1 - p_t) ** gamma``), averaged over ``axis``; labels smoothed towards 0.5."""
    output = convert(y_pred)
    target = labels_of(y_true, output.dtype)
    if label_smoothing:
        ls = np.asarray(label_smoothing, dtype=output.dtype)
        target = Tensor(target.value * (1 - ls) + np.asarray(0.5, output.dtype) * ls)
    focal = nn_functions.binary_focal_crossentropy(
        target=target, output=output, apply_class_balancing=apply_class_balancing, alpha=alpha,
        gamma=gamma, from_logits=from_logits)
    return ops.reduce_mean(focal, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """Categorical crossentropy with each class's term scaled by ``alpha * (1 - p) ** gamma``;
    labels smoothed towards ``1 / num_classes``."""
    target, output = categorical_inputs(y_true, y_pred, label_smoothing, axis,
                                        "categorical_focal_crossentropy")
    return nn_functions.categorical_focal_crossentropy(
        target=target, output=output, alpha=alpha, gamma=gamma, from_logits=from_logits,
        axis=axis)

# -- the per-sample functions: regression, hinge, divergences -------------------

def const(x, like):
    return np.asarray(x, dtype=like.dtype)


def mean_squared_error(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    return ops.reduce_mean(ops.square(ops.subtract(y_pred, y_true)), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    return ops.reduce_mean(ops.abs(ops.subtract(y_pred, y_true)), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    scale = ops.maximum(ops.abs(y_true), const(config.epsilon(), y_pred))
    diff = ops.abs(ops.divide(ops.subtract(y_true, y_pred), scale))
    return ops.multiply(ops.reduce_mean(diff, axis=-1), const(100.0, y_pred))


def mean_squared_logarithmic_error(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    eps, one = const(config.epsilon(), y_pred), const(1.0, y_pred)
    first = ops.log(ops.add(ops.maximum(y_pred, eps), one))
    second = ops.log(ops.add(ops.maximum(y_true, eps), one))
    return ops.reduce_mean(ops.square(ops.subtract(first, second)), axis=-1)


def _maybe_convert_labels(y_true):
    """0/1 labels become -1/1 for the hinge losses."""
    v = y_true.value
    if np.all((v == 0) | (v == 1)):
        return Tensor(2 * v - 1)
    return y_true


def hinge(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = _maybe_convert_labels(labels_of(y_true, y_pred.dtype))
    margin = ops.subtract(const(1.0, y_pred), ops.multiply(y_true, y_pred))
    return ops.reduce_mean(ops.maximum(margin, const(0.0, y_pred)), axis=-1)


def squared_hinge(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = _maybe_convert_labels(labels_of(y_true, y_pred.dtype))
    margin = ops.subtract(const(1.0, y_pred), ops.multiply(y_true, y_pred))
    return ops.reduce_mean(ops.square(ops.maximum(margin, const(0.0, y_pred))), axis=-1)


def reduce_max(x, axis=-1):
    """tf.math.reduce_max over one axis; the gradient is shared between tied maxima."""
    x = convert(x)
    xv = x.value
    out = xv.max(axis=axis)
    hits = (xv == np.expand_dims(out, axis)).astype(xv.dtype)
    hits /= hits.sum(axis=axis, keepdims=True)
    return record("tf.math.reduce_max", out, (x,),
                  lambda g, needs: (np.expand_dims(g, axis) * hits,))


def categorical_hinge(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    pos = ops.reduce_sum(ops.multiply(y_true, y_pred), axis=-1)
    neg = reduce_max(ops.multiply(ops.subtract(const(1.0, y_pred), y_true), y_pred), axis=-1)
    return ops.maximum(ops.add(ops.subtract(neg, pos), const(1.0, y_pred)), const(0.0, y_pred))


def huber(y_true, y_pred, delta=1.0):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    delta = const(delta, y_pred)
    error = ops.subtract(y_pred, y_true)
    abs_error = ops.abs(error)
    quadratic = ops.multiply(const(0.5, y_pred), ops.square(error))
    linear = ops.subtract(ops.multiply(delta, abs_error), const(0.5, y_pred) * delta * delta)
    return ops.reduce_mean(ops.where(abs_error.value <= delta, quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    x = ops.subtract(y_pred, y_true)
    soft = nn.softplus(ops.multiply(const(-2.0, y_pred), x))
    return ops.reduce_mean(ops.subtract(ops.add(x, soft), const(np.log(2.0), y_pred)), axis=-1)


def kl_divergence(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    eps, one = const(config.epsilon(), y_pred), const(1.0, y_pred)
    y_true = ops.clip_by_value(y_true, eps, one)
    y_pred = ops.clip_by_value(y_pred, eps, one)
    return ops.reduce_sum(ops.multiply(y_true, ops.log(ops.divide(y_true, y_pred))), axis=-1)


def poisson(y_true, y_pred):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    log_pred = ops.log(ops.add(y_pred, const(config.epsilon(), y_pred)))
    return ops.reduce_mean(ops.subtract(y_pred, ops.multiply(y_true, log_pred)), axis=-1)


def l2_normalize(x, axis=-1):
    """tf.linalg.l2_normalize: x / sqrt(max(sum(x**2), 1e-12))."""
    norm2 = ops.reduce_sum(ops.square(x), axis=axis, keepdims=True)
    return ops.divide(x, ops.sqrt(ops.maximum(norm2, const(1e-12, x))))


def cosine_similarity(y_true, y_pred, axis=-1):
    y_pred = convert(y_pred)
    y_true = labels_of(y_true, y_pred.dtype)
    product = ops.multiply(l2_normalize(y_true, axis), l2_normalize(y_pred, axis))
    return ops.negative(ops.reduce_sum(product, axis=axis))


# -- the classes that wrap them -------------------------------------------------

def wrapper_class(class_name, fn, default_name, params=()):
    """A ``LossFunctionWrapper`` subclass: ``__init__(*params, reduction="auto",
    name=default_name)``.

    ``params`` are the (name, default) pairs Keras's class takes before
    ``reduction`` and ``name``, in Keras's order; they are handed on to ``fn``.
    """
    P = inspect.Parameter
    signature = inspect.Signature(
        [P("self", P.POSITIONAL_OR_KEYWORD)]
        + [P(p, P.POSITIONAL_OR_KEYWORD, default=d) for p, d in params]
        + [P("reduction", P.POSITIONAL_OR_KEYWORD, default=Reduction.AUTO),
           P("name", P.POSITIONAL_OR_KEYWORD, default=default_name)])

    def __init__(self, *args, **kwargs):
        try:
            bound = signature.bind(self, *args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{class_name}.__init__(): {e}") from None
        bound.apply_defaults()
        values = dict(bound.arguments)
        del values["self"]
        reduction, name = values.pop("reduction"), values.pop("name")
        LossFunctionWrapper.__init__(self, fn, reduction=reduction, name=name, **values)

    __init__.__signature__ = signature
    doc = f"``keras.losses.{class_name}``: ``{fn.__name__}`` as a ``Loss``."
    return type(class_name, (LossFunctionWrapper,), {"__init__": __init__, "__doc__": doc,
                                                      "__module__": __name__})


MeanSquaredError = wrapper_class("MeanSquaredError", mean_squared_error, "mean_squared_error")
MeanAbsoluteError = wrapper_class("MeanAbsoluteError", mean_absolute_error, "mean_absolute_error")
MeanAbsolutePercentageError = wrapper_class(
    "MeanAbsolutePercentageError", mean_absolute_percentage_error, "mean_absolute_percentage_error")
MeanSquaredLogarithmicError = wrapper_class(
    "MeanSquaredLogarithmicError", mean_squared_logarithmic_error, "mean_squared_logarithmic_error")
BinaryCrossentropy = wrapper_class(
    "BinaryCrossentropy", binary_crossentropy, "binary_crossentropy",
    (("from_logits", False), ("label_smoothing", 0.0), ("axis", -1)))
CategoricalCrossentropy = wrapper_class(
    "CategoricalCrossentropy", categorical_crossentropy, "categorical_crossentropy",
    (("from_logits", False), ("label_smoothing", 0.0), ("axis", -1)))
SparseCategoricalCrossentropy = wrapper_class(
    "SparseCategoricalCrossentropy", sparse_categorical_crossentropy,
    "sparse_categorical_crossentropy", (("from_logits", False), ("ignore_class", None)))
Hinge = wrapper_class("Hinge", hinge, "hinge")
SquaredHinge = wrapper_class("SquaredHinge", squared_hinge, "squared_hinge")
CategoricalHinge = wrapper_class("CategoricalHinge", categorical_hinge, "categorical_hinge")
Huber = wrapper_class("Huber", huber, "huber_loss", (("delta", 1.0),))
LogCosh = wrapper_class("LogCosh", log_cosh, "log_cosh")
KLDivergence = wrapper_class("KLDivergence", kl_divergence, "kl_divergence")
Poisson = wrapper_class("Poisson", poisson, "poisson")
CosineSimilarity = wrapper_class("CosineSimilarity", cosine_similarity, "cosine_similarity",
                                 (("axis", -1),))
BinaryFocalCrossentropy = wrapper_class(
    "BinaryFocalCrossentropy", binary_focal_crossentropy, "binary_focal_crossentropy",
    (("apply_class_balancing", False), ("alpha", 0.25), ("gamma", 2.0), ("from_logits", False),
     ("label_smoothing", 0.0), ("axis", -1)))
CategoricalFocalCrossentropy = wrapper_class(
    "CategoricalFocalCrossentropy", categorical_focal_crossentropy,
    "categorical_focal_crossentropy",
    (("alpha", 0.25), ("gamma", 2.0), ("from_logits", False), ("label_smoothing", 0.0),
     ("axis", -1)))

# Keras's aliases.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
bce = binary_crossentropy
huber_loss = huber

CLASSES = (Loss, LossFunctionWrapper, MeanSquaredError, MeanAbsoluteError,
           MeanAbsolutePercentageError, MeanSquaredLogarithmicError, BinaryCrossentropy,
           CategoricalCrossentropy, SparseCategoricalCrossentropy, Hinge, SquaredHinge,
           CategoricalHinge, Huber, LogCosh, KLDivergence, Poisson, CosineSimilarity,
           BinaryFocalCrossentropy, CategoricalFocalCrossentropy)
FUNCTIONS = (mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
             mean_squared_logarithmic_error, binary_crossentropy, categorical_crossentropy,
             sparse_categorical_crossentropy, hinge, squared_hinge, categorical_hinge, huber,
             log_cosh, kl_divergence, poisson, cosine_similarity, binary_focal_crossentropy,
             categorical_focal_crossentropy)
ALIASES = {"mse": mse, "MSE": MSE, "mae": mae, "MAE": MAE, "mape": mape, "MAPE": MAPE,
           "msle": msle, "MSLE": MSLE, "kld": kld, "KLD": KLD,
           "kullback_leibler_divergence": kl_divergence, "logcosh": logcosh, "bce": bce,
           "huber_loss": huber_loss}
# The names ``get`` knows (Keras looks strings up in the module's globals).
LOSSES = {**{c.__name__: c for c in CLASSES}, **{f.__name__: f for f in FUNCTIONS}, **ALIASES}


# -- get / serialize / deserialize ----------------------------------------------

def serialize(loss):
    """A loss object in the new form (module ``keras.losses``), a function as
    ``{"module": "builtins", "class_name": "function", "config": <its name>, ...}``."""
    return serialization_lib.serialize_keras_object(loss)


def deserialize(name, custom_objects=None):
    """A name or a ``{"class_name", "config"}`` dict -> a loss; a class named alone is
    instantiated."""
    obj = serialization.deserialize_keras_object(name, module_objects=LOSSES,
                                                 custom_objects=custom_objects,
                                                 printable_module_name="loss function")
    return obj() if isinstance(obj, type) else obj


def get(identifier):
    """``keras.losses.get``: None, a name, a config dict or a callable -> a loss."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret loss function identifier: {identifier}")


def is_known(name):
    """Whether ``get(name)`` resolves ``name`` without custom objects."""
    return isinstance(name, str) and (name in LOSSES or name in serialization.CUSTOM_OBJECTS)
