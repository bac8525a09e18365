"""Probabilistic metrics: ``keras.metrics.probabilistic_metrics``.

What it owns: the crossentropy metric classes (``BinaryCrossentropy``,
``CategoricalCrossentropy``, ``SparseCategoricalCrossentropy``), ``Poisson`` and
``KLDivergence``: ``MeanMetricWrapper`` classes over the loss functions of
``tracekeras.losses``. A prediction given as a backend Tensor keeps its
``keras_logits`` (detached), so these metrics compute from logits exactly when
the loss does. Receives NumPy ``y_true``/``y_pred``; no trace events.
"""
from tracekeras import losses

from .base_metric import MeanMetricWrapper


class BinaryCrossentropy(MeanMetricWrapper):
    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(losses.binary_crossentropy, name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)


class CategoricalCrossentropy(MeanMetricWrapper):
    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(losses.categorical_crossentropy, name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 ignore_class=None, axis=-1):
        super().__init__(losses.sparse_categorical_crossentropy, name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)


class Poisson(MeanMetricWrapper):
    def __init__(self, name="poisson", dtype=None):
        super().__init__(losses.poisson, name, dtype=dtype)


class KLDivergence(MeanMetricWrapper):
    def __init__(self, name="kullback_leibler_divergence", dtype=None):
        super().__init__(losses.kl_divergence, name, dtype=dtype)
