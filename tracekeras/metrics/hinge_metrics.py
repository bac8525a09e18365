"""Hinge metrics: ``keras.metrics.hinge_metrics``.

``Hinge``, ``SquaredHinge`` and ``CategoricalHinge``: ``MeanMetricWrapper``
classes over the hinge losses of ``tracekeras.losses`` (0/1 labels become -1/1).
Receives NumPy ``y_true``/``y_pred``; no trace events.
"""
from tracekeras import losses

from .base_metric import MeanMetricWrapper


class Hinge(MeanMetricWrapper):
    def __init__(self, name="hinge", dtype=None):
        super().__init__(losses.hinge, name, dtype=dtype)


class SquaredHinge(MeanMetricWrapper):
    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(losses.squared_hinge, name, dtype=dtype)


class CategoricalHinge(MeanMetricWrapper):
    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(losses.categorical_hinge, name, dtype=dtype)
