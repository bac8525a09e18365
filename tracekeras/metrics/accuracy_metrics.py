"""Accuracy metrics: ``keras.metrics.accuracy_metrics``.

What it owns: the per-sample match functions (``accuracy``, ``binary_accuracy``,
``categorical_accuracy``, ``sparse_categorical_accuracy``, the top-k pair) and
the ``MeanMetricWrapper`` classes over them.

What it receives: NumPy ``y_true``/``y_pred`` (the wrapper has already cast them
to the metric's float32 dtype and lined up their ranks). What it hands on: a
float32 Tensor of matches (1.0 or 0.0) per sample, as Keras's functions return a
tensor (``binary_accuracy(...).numpy()``), which the wrapper averages.
``compile(metrics=["accuracy"])`` resolves to one of the binary, categorical or
sparse categorical functions from the shapes (``compile_utils``). No trace events.
"""
import functools

import numpy as np

from tracekeras.backend.tensor import Tensor

from . import metrics_utils
from .base_metric import MeanMetricWrapper


def returns_tensor(fn):
    """The function's matches, computed on NumPy, handed on as a Tensor (as Keras's are)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        matches = fn(*args, **kwargs)
        return matches if isinstance(matches, Tensor) else Tensor(np.asarray(matches))
    return wrapper


@returns_tensor
def accuracy(y_true, y_pred):
    """Element-wise equality of predictions and targets (same shapes)."""
    y_true, y_pred = metrics_utils.values_of(y_true), metrics_utils.values_of(y_pred)
    metrics_utils.check_compatible(y_true, y_pred)
    if y_true.dtype != y_pred.dtype:
        y_pred = y_pred.astype(y_true.dtype)
    return (y_true == y_pred).astype(np.float32)


@returns_tensor
def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Mean over the last axis of ``(y_pred > threshold) == y_true``."""
    return metrics_utils.binary_matches(y_true, y_pred, threshold).mean(axis=-1, dtype=np.float32)


@returns_tensor
def categorical_accuracy(y_true, y_pred):
    """Whether the arg max of the one-hot target is the arg max of the prediction."""
    labels = np.argmax(metrics_utils.values_of(y_true), axis=-1)
    return metrics_utils.sparse_categorical_matches(labels, y_pred)


@returns_tensor
def sparse_categorical_accuracy(y_true, y_pred):
    """Whether the integer label is the arg max of the prediction; (n,) for labels (n,) or (n,
    1)."""
    matches = metrics_utils.sparse_categorical_matches(y_true, y_pred)
    if matches.ndim > 1 and matches.shape[-1] == 1:
        matches = np.squeeze(matches, -1)
    return matches


@returns_tensor
def top_k_categorical_accuracy(y_true, y_pred, k=5):
    labels = np.argmax(metrics_utils.values_of(y_true), axis=-1)
    return metrics_utils.sparse_top_k_categorical_matches(labels, y_pred, k)


@returns_tensor
def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    return metrics_utils.sparse_top_k_categorical_matches(y_true, y_pred, k)


class Accuracy(MeanMetricWrapper):
    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name, dtype=dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name, dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super().__init__(sparse_top_k_categorical_accuracy, name, dtype=dtype, k=k)
