"""Regression metrics: ``keras.metrics.regression_metrics``.

What it owns: ``MeanSquaredError``, ``MeanAbsoluteError``,
``MeanAbsolutePercentageError``, ``MeanSquaredLogarithmicError``,
``CosineSimilarity``, ``LogCoshError`` (``MeanMetricWrapper`` classes over the
loss functions of ``tracekeras.losses``) and ``RootMeanSquaredError`` (a ``Mean``
of squared errors whose result is its square root). Receives NumPy
``y_true``/``y_pred``; hands on float32 results. No trace events.
"""
import numpy as np

from tracekeras import losses

from . import metrics_utils
from .base_metric import Mean, MeanMetricWrapper


class MeanSquaredError(MeanMetricWrapper):
    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(losses.mean_squared_error, name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(losses.mean_absolute_error, name, dtype=dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(losses.mean_absolute_percentage_error, name, dtype=dtype)


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(losses.mean_squared_logarithmic_error, name, dtype=dtype)


class CosineSimilarity(MeanMetricWrapper):
    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name, dtype=dtype, axis=axis)


class LogCoshError(MeanMetricWrapper):
    def __init__(self, name="logcosh", dtype=None):
        super().__init__(losses.log_cosh, name, dtype=dtype)


def cosine_similarity(y_true, y_pred, axis=-1):
    """The metric's cosine similarity (the loss is its negative)."""
    return -metrics_utils.values_of(losses.cosine_similarity(y_true, y_pred, axis=axis))


class RootMeanSquaredError(Mean):
    """``sqrt(sum(w * (y_pred - y_true)**2) / sum(w))`` over everything seen."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = metrics_utils.detach(y_true, self._dtype)
        y_pred = metrics_utils.values_of(metrics_utils.detach(y_pred, self._dtype))
        y_pred, y_true, _ = metrics_utils.squeeze_or_expand_dimensions(y_pred, y_true)
        error_sq = np.square(y_pred - metrics_utils.values_of(y_true))
        return super().update_state(error_sq, sample_weight=sample_weight)

    def result(self):
        return np.sqrt(super().result())
