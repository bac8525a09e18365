"""The NumPy helpers metrics share (``keras.utils.metrics_utils`` and the rank rules of
``losses_utils``).

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
import functools

import numpy as np

from tracekeras.backend.tensor import Tensor, Variable, VariableSlice, before_writing


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


def result_wrapper(result_fn):
    """Keras's ``result_wrapper``: the metric's result as Tensors, whatever its ``result``
    computed them with (NumPy here), so ``metric.result().numpy()`` works as in Keras."""
    @functools.wraps(result_fn)
    def decorated(metric_obj, *args):
        result = result_fn(metric_obj, *args)
        if isinstance(result, dict):
            return {k: as_result_tensor(v) for k, v in result.items()}
        if isinstance(result, (list, tuple)):
            return type(result)(as_result_tensor(v) for v in result)
        return as_result_tensor(result)
    return decorated


def as_result_tensor(value):
    """A new Tensor of the result; a Variable's (or a slice of one) is copied, as reading a
    TensorFlow variable makes a new tensor: a result kept across ``reset_state`` keeps its
    value."""
    if isinstance(value, (Variable, VariableSlice)):
        return Tensor(np.array(value.value, copy=True))
    return value if isinstance(value, Tensor) else Tensor(np.asarray(value))


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
    """``tf.__internal__.ops.broadcast_weights``: a scalar, or the same rank with dims 1 or
    equal."""
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


# -- confusion matrices (Precision, Recall, AUC) ---------------------------------

NEG_INF = -1e10
CONFUSION_MATRIX = ("tp", "fp", "tn", "fn")


def assert_thresholds_range(thresholds):
    invalid = [t for t in thresholds if t is None or t < 0 or t > 1]
    if invalid:
        raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")


def parse_init_thresholds(thresholds, default_threshold=0.5):
    if thresholds is not None:
        thresholds = list(thresholds) if isinstance(thresholds, (list, tuple)) else [thresholds]
        assert_thresholds_range(thresholds)
        return thresholds
    return [default_threshold]


def is_evenly_distributed_thresholds(thresholds):
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=1e-7))


def _filter_top_k(x, k):
    """Keep the k largest values on the last axis (first index wins a tie); the rest -1e10."""
    idx = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    mask = np.zeros(x.shape, dtype=bool)
    np.put_along_axis(mask, idx, True, axis=-1)
    return np.where(mask, x, np.asarray(NEG_INF, x.dtype))


def confusion_weights(y_pred, sample_weight, label_weights, multi_label):
    """Per-prediction weights (``None`` for all ones), broadcast as Keras broadcasts them."""
    weights = None
    if sample_weight is not None:
        weights = broadcast_weights(np.asarray(sample_weight, y_pred.dtype), y_pred)
    if label_weights is not None and not multi_label:
        lw = broadcast_weights(np.expand_dims(np.asarray(label_weights, y_pred.dtype), 0), y_pred)
        weights = lw if weights is None else weights * lw
    return weights


def update_confusion_matrix_variables(variables_to_update, y_true, y_pred, thresholds,
                                      top_k=None, class_id=None, sample_weight=None,
                                      multi_label=False, label_weights=None,
                                      thresholds_distributed_evenly=False):
    """Add this batch's true/false positive/negative counts at each threshold.

    A prediction is positive at threshold t when ``y_pred > t``. Without
    ``multi_label`` every prediction is one binary decision (the arrays are
    flattened); with it, the counts are kept per label (the last axis).
    """
    invalid = [key for key in variables_to_update if key not in CONFUSION_MATRIX]
    if invalid:
        raise ValueError(f'Invalid keys: "{invalid}". Valid variable key options are: '
                         f'"{list(CONFUSION_MATRIX)}"')
    dtype = next(iter(variables_to_update.values())).dtype
    y_true = np.asarray(values_of(y_true), dtype)
    y_pred = np.asarray(values_of(y_pred), dtype)
    thresholds = np.asarray(thresholds, dtype)
    if sample_weight is not None:
        sample_weight = np.asarray(values_of(sample_weight), dtype)
    y_pred, y_true, sample_weight = squeeze_or_expand_dimensions(y_pred, y_true, sample_weight)
    check_compatible(y_pred, y_true)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true, y_pred = y_true[..., class_id, None], y_pred[..., class_id, None]
    weights = confusion_weights(y_pred, sample_weight, label_weights, multi_label)
    if thresholds_distributed_evenly:
        counts = confusion_counts_evenly(y_true, y_pred, thresholds, weights, multi_label)
    else:
        counts = confusion_counts(y_true, y_pred, thresholds, weights, multi_label)
    before_writing(variables_to_update.values())
    for key, variable in variables_to_update.items():
        variable.value += counts[key].astype(dtype, copy=False)


def confusion_counts(y_true, y_pred, thresholds, weights, multi_label):
    """The direct method: compare every prediction with every threshold."""
    if multi_label:
        preds = y_pred.reshape(1, -1, y_pred.shape[-1])
        labels = y_true.reshape(1, -1, y_pred.shape[-1])
        thresh = thresholds.reshape(-1, 1, 1)
        w = None if weights is None else weights.reshape(1, -1, y_pred.shape[-1])
    else:
        preds, labels, thresh = (
            y_pred.reshape(1, -1),
            y_true.reshape(1, -1),
            thresholds.reshape(-1, 1),
        )
        w = None if weights is None else weights.reshape(1, -1)
    pred_is_pos = preds > thresh
    label_is_pos = np.broadcast_to(labels.astype(bool), pred_is_pos.shape)

    def count(label, pred):
        hits = (label & pred).astype(y_pred.dtype)
        return (hits if w is None else hits * w).sum(axis=1)

    return {
        "tp": count(label_is_pos, pred_is_pos),
        "fp": count(~label_is_pos, pred_is_pos),
        "tn": count(~label_is_pos, ~pred_is_pos),
        "fn": count(label_is_pos, ~pred_is_pos),
    }


def confusion_counts_evenly(y_true, y_pred, thresholds, weights, multi_label):
    """Keras's O(T + N) method for evenly spaced thresholds: bucket, then a reversed cumsum."""
    n = len(thresholds)
    with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
    weights = np.ones_like(y_pred) if weights is None else np.broadcast_to(weights, y_pred.shape)
    y_pred = np.clip(y_pred, 0.0, 1.0)
    positive = (y_true != 0).astype(y_pred.dtype)
    true_labels, false_labels = positive * weights, (1 - positive) * weights
    buckets = np.ceil(y_pred * np.asarray(n - 1, y_pred.dtype)) - 1
    if with_epsilon:
        buckets = np.maximum(buckets, 0)
    buckets = buckets.astype(np.int64)
    columns = [slice(None)] if not multi_label else [(..., j) for j in range(y_pred.shape[-1])]

    def bucket_sums(data, column):
        b, d = buckets[column].reshape(-1), data[column].reshape(-1)
        keep = b >= 0  # unsorted_segment_sum drops negative segment ids
        return np.bincount(b[keep], weights=d[keep], minlength=n)[:n]

    tp = np.stack([np.cumsum(bucket_sums(true_labels, c)[::-1])[::-1] for c in columns], -1)
    fp = np.stack([np.cumsum(bucket_sums(false_labels, c)[::-1])[::-1] for c in columns], -1)
    total_true = np.stack([true_labels[c].sum() for c in columns])
    total_false = np.stack([false_labels[c].sum() for c in columns])
    if not multi_label:
        tp, fp, total_true, total_false = tp[:, 0], fp[:, 0], total_true[0], total_false[0]
    return {"tp": tp, "fp": fp, "tn": total_false - fp, "fn": total_true - tp}
