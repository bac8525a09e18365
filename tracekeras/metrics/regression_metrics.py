"""Regression metrics: ``keras.metrics.regression_metrics``.

What it owns: ``MeanSquaredError``, ``MeanAbsoluteError``,
``MeanAbsolutePercentageError``, ``MeanSquaredLogarithmicError``,
``CosineSimilarity``, ``LogCoshError`` (``MeanMetricWrapper`` classes over the
loss functions of ``tracekeras.losses``), ``RootMeanSquaredError`` (a ``Mean``
of squared errors whose result is its square root), ``MeanRelativeError`` (a ``Mean``
of ``|y_true - y_pred| / normalizer``) and ``R2Score`` (the coefficient of
determination per output column, aggregated, optionally adjusted). Receives NumPy
``y_true``/``y_pred``; hands on float32 results. No trace events.
"""
import warnings

import numpy as np

from tracekeras import losses
from tracekeras.backend.tensor import before_writing

from . import metrics_utils
from .base_metric import Mean, MeanMetricWrapper, Metric


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


class MeanRelativeError(Mean):
    """The mean of ``|y_true - y_pred| / normalizer`` (0 where the normalizer is 0)."""

    def __init__(self, normalizer, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.normalizer = np.asarray(metrics_utils.values_of(normalizer), dtype=self._dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = metrics_utils.values_of(metrics_utils.detach(y_true, self._dtype))
        y_pred = metrics_utils.values_of(metrics_utils.detach(y_pred, self._dtype))
        y_pred, y_true, _ = metrics_utils.squeeze_or_expand_dimensions(y_pred, y_true)
        y_pred, self.normalizer = metrics_utils.remove_squeezable_dimensions(y_pred,
                                                                             self.normalizer)
        error = np.abs(np.asarray(y_true) - np.asarray(y_pred))
        normalizer = np.broadcast_to(self.normalizer, np.broadcast_shapes(
            error.shape, np.shape(self.normalizer)))
        safe = np.where(normalizer == 0, np.ones((), normalizer.dtype), normalizer)
        relative = np.where(normalizer == 0, np.zeros((), error.dtype), error / safe)
        return super().update_state(relative.astype(self._dtype), sample_weight=sample_weight)

    def get_config(self):
        return {**super().get_config(), "normalizer": self.normalizer}


R2_CLASS_AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")


class R2Score(Metric):
    """The coefficient of determination ``1 - SS_res / SS_tot`` of each column of 2D
    targets, averaged uniformly, weighted by variance, or not (``class_aggregation=None``);
    with ``num_regressors`` the adjusted score."""

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score",
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        if class_aggregation not in R2_CLASS_AGGREGATIONS:
            raise ValueError("Invalid value for argument `class_aggregation`. Expected one of "
                             f"{R2_CLASS_AGGREGATIONS}. Received: "
                             f"class_aggregation={class_aggregation}")
        if num_regressors < 0:
            raise ValueError("Invalid value for argument `num_regressors`. Expected a value "
                             f">= 0. Received: num_regressors={num_regressors}")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_weight("num_samples", dtype="int32")
        self.built = False

    def build(self, y_true_shape, y_pred_shape):
        shapes = f"y_pred.shape={tuple(y_pred_shape)} and y_true.shape={tuple(y_true_shape)}."
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError("R2Score expects 2D inputs with shape (batch_size, output_dim). "
                             f"Received input shapes: {shapes}")
        num_classes = y_pred_shape[-1]
        self.squared_sum = self.add_weight("squared_sum", shape=[num_classes])
        self.sum = self.add_weight("sum", shape=[num_classes])
        self.total_mse = self.add_weight("residual", shape=[num_classes])
        self.count = self.add_weight("count", shape=[num_classes])
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = np.asarray(metrics_utils.values_of(y_true), dtype=self._dtype)
        y_pred = np.asarray(metrics_utils.values_of(y_pred), dtype=self._dtype)
        if not self.built:
            self.build(y_true.shape, y_pred.shape)
        weight = np.asarray(1 if sample_weight is None
                            else metrics_utils.values_of(sample_weight), dtype=self._dtype)
        if weight.ndim == 1:
            weight = weight[:, None]
        weight = np.broadcast_to(weight, y_true.shape)
        weighted = y_true * weight
        before_writing(self.variables)
        self.sum.value += weighted.sum(axis=0)
        self.squared_sum.value += (y_true * weighted).sum(axis=0)
        self.total_mse.value += ((y_true - y_pred) ** 2 * weight).sum(axis=0)
        self.count.value += weight.sum(axis=0)
        self.num_samples.value += np.int32(y_true.size)

    def result(self):
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = self.sum.value / self.count.value
            total = self.squared_sum.value - self.sum.value * mean
            raw = np.float32(1) - self.total_mse.value / total
        raw = np.where(np.isinf(raw), np.float32(0), raw).astype(np.float32)
        if self.class_aggregation == "uniform_average":
            score = np.mean(raw, dtype=np.float32)
        elif self.class_aggregation == "variance_weighted_average":
            score = np.float32(np.sum(total * raw, dtype=np.float32) / np.sum(total,
                                                                          dtype=np.float32))
        else:
            score = raw
        return self.adjusted(score)

    def adjusted(self, score):
        """The adjusted score for ``num_regressors`` predictors, when it can be had."""
        if self.num_regressors == 0:
            return score
        n_samples = int(self.num_samples.value)
        if self.num_regressors > n_samples - 1:
            warnings.warn("More independent predictors than datapoints in adjusted R2 score. "
                          "Falling back to standard R2 score.", stacklevel=3)
        elif self.num_regressors == n_samples - 1:
            warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 "
                          "score.", stacklevel=3)
        else:
            n, p = np.float32(n_samples), np.float32(self.num_regressors)
            score = np.float32(1) - (np.float32(1) - score) * (n - 1) / (n - p - 1)
        return score

    def get_config(self):
        return {**super().get_config(), "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}
