"""The NumPy helpers metrics share (``keras.utils.metrics_utils`` and the rank rules of ``losses_utils``).

What it owns: ``Reduction`` keys of the ``Reduce`` metrics, detaching a
prediction from the gradient tape, lining up ranks (``squeeze_or_expand_dimensions``),
Keras's weight broadcasting rule (``broadcast_weights``), the masks of
``apply_valid_mask``, and the match functions the accuracies are built from
(``binary_matches``, ``sparse_categorical_matches``,
``sparse_top_k_categorical_matches``).

What it receives and hands on: NumPy arrays in, NumPy arrays out. Metrics
never touch the tape: a backend ``Tensor`` given as a prediction is detached
(``detach``), keeping its ``keras_logits`` (also detached), so a crossentropy
metric uses the logits as Keras's does. No trace events (a hot path).
"""
import numpy as np

from tracekeras.backend.tensor import Tensor


class Reduction:
    """``metrics_utils.Reduction``: how a ``Reduce`` metric turns its state into a result."""

    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"
    WEIGHTED_MEAN = "weighted_mean"


def detach(x, dtype=None):
    """A NumPy array, or an untracked Tensor when ``x`` carries ``keras_logits``.

    ``dtype`` casts as ``tf.cast`` would; a cast to the same dtype keeps the
    logits (``tf.cast`` is then the identity), another dtype drops them.
    """
    if isinstance(x, Tensor):
        value, logits = x.value, x.keras_logits
        if dtype is not None and value.dtype != np.dtype(dtype):
            return value.astype(dtype)
        if logits is None:
            return value
        out = Tensor(value)
        out.keras_logits = Tensor(logits.value)
        return out
    x = np.asarray(x)
    return x if dtype is None else x.astype(dtype, copy=False)


def values_of(x):
    return x.value if isinstance(x, Tensor) else np.asarray(x)


def remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0):
    p_shape, l_shape = np.shape(values_of(predictions)), np.shape(values_of(labels))
    rank_diff = len(p_shape) - len(l_shape)
    if rank_diff == expected_rank_diff + 1 and p_shape[-1] == 1:
        predictions = np.squeeze(values_of(predictions), -1)
    elif rank_diff == expected_rank_diff - 1 and l_shape[-1] == 1:
        labels = np.squeeze(values_of(labels), -1)
    return labels, predictions


def squeeze_or_expand_dimensions(y_pred, y_true=None, sample_weight=None):
    """``losses_utils.squeeze_or_expand_dimensions`` on NumPy arrays."""
    p_shape = np.shape(values_of(y_pred))
    if y_true is not None:
        t_shape = np.shape(values_of(y_true))
        if len(p_shape) - len(t_shape) != 1 or p_shape[-1] == 1:
            y_true, y_pred = remove_squeezable_dimensions(y_true, y_pred)
    if sample_weight is None:
        return y_pred, y_true, None
    p_rank, w_rank = np.ndim(values_of(y_pred)), np.ndim(sample_weight)
    if w_rank - p_rank == 1:
        sample_weight = np.squeeze(sample_weight, -1)
    elif p_rank - w_rank == 1:
        sample_weight = np.expand_dims(sample_weight, -1)
    return y_pred, y_true, sample_weight


def broadcast_weights(weights, values):
    """``tf.__internal__.ops.broadcast_weights``: a scalar, or the same rank with dims 1 or equal."""
    if weights.shape == values.shape:
        return weights
    if weights.ndim == 0 or (weights.ndim == values.ndim and
                             all(w in (1, v) for w, v in zip(weights.shape, values.shape))):
        return np.broadcast_to(weights, values.shape)
    raise ValueError(f"weights can not be broadcast to values. values.rank={values.ndim}. "
                     f"weights.rank={weights.ndim}. values.shape={values.shape}. "
                     f"weights.shape={weights.shape}.")


def apply_valid_mask(values, sample_weight, mask, reduction):
    """``losses_utils.apply_valid_mask``: masked entries get weight 0."""
    if mask is None:
        return sample_weight
    mask = np.asarray(mask, dtype=values.dtype)
    if reduction == Reduction.SUM_OVER_BATCH_SIZE:
        mask = mask * (np.asarray(mask.size, values.dtype) / mask.sum(dtype=values.dtype))
    if sample_weight is None:
        return mask
    mask, _, sample_weight = squeeze_or_expand_dimensions(mask, sample_weight=sample_weight)
    return np.asarray(sample_weight, values.dtype) * mask


def check_compatible(y_true, y_pred):
    """``TensorShape.assert_is_compatible_with`` (the batch axis shown as None, as in ``fit``)."""
    ts, ps = np.shape(y_true), np.shape(y_pred)
    if len(ts) != len(ps) or any(a != b for a, b in zip(ts[1:], ps[1:])):
        def text(s):
            return str(tuple([None] + list(s[1:]))) if s else "()"
        raise ValueError(f"Shapes {text(ts)} and {text(ps)} are incompatible")


def binary_matches(y_true, y_pred, threshold=0.5):
    y_pred = values_of(y_pred)
    y_pred = (y_pred > np.asarray(threshold, y_pred.dtype)).astype(y_pred.dtype)
    return (values_of(y_true) == y_pred).astype(np.float32)


def sparse_categorical_matches(y_true, y_pred):
    """Whether the arg max of ``y_pred`` equals the integer label (labels (n,) or (n, 1))."""
    y_true, y_pred = values_of(y_true), values_of(y_pred)
    org_shape = y_true.shape
    reshape = y_true.ndim == y_pred.ndim
    if reshape:
        y_true = np.squeeze(y_true, -1)
    predicted = np.argmax(y_pred, axis=-1)
    if predicted.dtype != y_true.dtype:
        predicted = predicted.astype(y_true.dtype)
    matches = (y_true == predicted).astype(np.float32)
    return matches.reshape(org_shape) if reshape else matches


def in_top_k(predictions, targets, k):
    """``tf.math.in_top_k``: ties at the boundary count as in; non-finite rows never match."""
    target_values = np.take_along_axis(predictions, targets[:, None].astype(np.int64), axis=-1)
    larger = (predictions > target_values).sum(axis=-1)
    finite = np.isfinite(predictions).all(axis=-1)
    valid = (targets >= 0) & (targets < predictions.shape[-1])
    return (larger < k) & finite & valid


def sparse_top_k_categorical_matches(y_true, y_pred, k=5):
    y_true, y_pred = values_of(y_true), values_of(y_pred)
    org_shape = y_true.shape
    if y_pred.ndim > 2:
        y_pred = y_pred.reshape(-1, y_pred.shape[-1])
    reshape = y_true.ndim > 1
    if reshape:
        y_true = y_true.reshape(-1)
    targets = y_true.astype(np.int32)
    safe = np.clip(targets, 0, y_pred.shape[-1] - 1)
    matches = (in_top_k(y_pred, safe, k) & (safe == targets)).astype(np.float32)
    return matches.reshape(org_shape) if reshape else matches
