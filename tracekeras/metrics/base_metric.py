"""The metric base classes: ``keras.metrics.base_metric``.

What it owns: ``Metric`` (state in backend Variables, ``update_state``,
``result``, ``reset_state``), ``Reduce`` with ``Sum`` and ``Mean``,
``MeanMetricWrapper`` (a per-sample function, e.g. ``sparse_categorical_accuracy``,
averaged over everything seen) and ``MeanTensor`` (an element-wise mean, its state
shaped by the first values).

What it receives: ``y_true`` and ``y_pred`` as NumPy arrays (a backend Tensor is
detached first: metrics never enter the gradient), an optional
``sample_weight``; ``LossesContainer`` calls ``Mean.update_state(loss, sample_weight=batch_size)``.

What it hands on: ``result()``, a NumPy float32 scalar, for the logs.

Arithmetic is float32 as in Keras (``total += sum(values * weights)``,
``count += sum(weights)``, ``result = total / count`` or 0 when count is 0), so an
epoch mean equals Keras's to float32 rounding. Trace events: ``add_weight`` as
``keras.engine.base_layer.Layer.add_weight`` (stage weights: a metric's
``total``/``count`` are made when the metric is); ``update_state`` is a hot path
and is traced only at level ``full`` (``keras.metrics.base_metric.Reduce.update_state``,
stage metrics).
"""
import re
import types

import numpy as np

from tracekeras import initializers, tracing
from tracekeras.backend import config
from tracekeras.backend.tensor import Variable, before_writing

from . import metrics_utils
from .metrics_utils import Reduction


def to_snake_case(name):
    name = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


class Metric:
    """``keras.metrics.Metric``: state that accumulates over batches, read by ``result()``.

    In Keras a Metric is a Layer (its state variables are layer weights, and a
    model tracks its metrics like sublayers); here it is its own small class
    holding non-trainable backend Variables made by ``add_weight``.
    """

    def __new__(cls, *args, **kwargs):
        """As Keras's ``Metric.__new__``: the instance's ``result`` goes through
        ``metrics_utils.result_wrapper``, so a caller gets Tensors (``result().numpy()``)."""
        obj = super().__new__(cls)
        obj.result = types.MethodType(metrics_utils.result_wrapper(cls.result), obj)
        return obj

    def __init__(self, name=None, dtype=None, **kwargs):
        unknown = set(kwargs) - {"trainable", "autocast"}
        if unknown:
            raise TypeError(f"Keyword argument not understood: {sorted(unknown)[0]}")
        self.name = (name if name is not None
                     else config.unique_object_name(to_snake_case(type(self).__name__)))
        self._dtype = config.standardize_dtype(dtype)
        self._variables = []
        self.stateful = True
        self.built = True

    @property
    def dtype(self):
        return self._dtype

    @property
    def variables(self):
        return list(self._variables)

    weights = non_trainable_weights = variables

    @property
    def trainable_weights(self):
        return []

    @tracing.traced("weights", name="keras.engine.base_layer.Layer.add_weight",
                    args=lambda self, name, shape=(), *a, **k: {
                        "layer": self.name, "cls": type(self).__name__, "weight": name,
                        "shape": list(shape), "initializer": k.get("initializer") or "zeros"})
    def add_weight(self, name, shape=(), aggregation=None, synchronization=None,
                   initializer=None, dtype=None):
        """A non-trainable Variable holding part of the metric's state.

        Keras's ``Metric.add_weight`` hands on to ``Layer.add_weight``, the name traced here.
        """
        dtype = self._dtype if dtype is None else config.standardize_dtype(dtype)
        shape = tuple(shape)
        # as in Keras, the initializer (a name, "zeros" when not given) goes through
        # initializers.get, which resolves a name with deserialize_keras_object
        init = initializers.get("zeros" if initializer is None else initializer)
        value = init(shape, dtype=dtype)
        value = np.asarray(getattr(value, "value", value), dtype)
        variable = Variable(value, name=name, trainable=False, dtype=dtype)
        self._variables.append(variable)
        return variable

    def __call__(self, *args, **kwargs):
        """Update the state with one batch, then return the result.

        The result is remembered (Keras tags it with ``_metric_obj``): handed to
        ``Layer.add_metric``, it stands for this metric, not for a new one.
        """
        self.update_state(*args, **kwargs)
        self._last_call_result = self.result()
        return self._last_call_result

    def update_state(self, *args, **kwargs):
        raise NotImplementedError("Must be implemented in subclasses.")

    def result(self):
        raise NotImplementedError("Must be implemented in subclasses.")

    def reset_state(self):
        """Set every state variable back to zero (between epochs, before evaluate)."""
        before_writing(self._variables)
        for v in self._variables:
            v.value[...] = 0

    def reset_states(self):
        return self.reset_state()

    def merge_state(self, metrics):
        for metric in metrics:
            if len(self.weights) != len(metric.weights):
                raise ValueError(f"Metric {metric} is not compatible with {self}")
            for weight, other in zip(self.weights, metric.weights):
                weight.assign_add(other.value)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__name__} name={self.name!r}>"


class Reduce(Metric):
    """A ``Metric`` that reduces values: a sum, or a (weighted) mean."""

    def __init__(self, reduction, name, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.reduction = reduction
        self.total = self.add_weight("total", initializer="zeros")
        if reduction in (Reduction.SUM_OVER_BATCH_SIZE, Reduction.WEIGHTED_MEAN):
            self.count = self.add_weight("count", initializer="zeros")

    @tracing.traced("metrics", level="full",
                    args=lambda self, *a, **k: {"metric": self.name})
    def update_state(self, values, sample_weight=None):
        dtype = np.dtype(self._dtype)
        try:
            values = np.asarray(metrics_utils.values_of(values), dtype=dtype)
        except (ValueError, TypeError):
            raise RuntimeError("The output of a metric function can only be a single Tensor. "
                               f"Received: {values}. ") from None
        if sample_weight is not None:
            sample_weight = np.asarray(metrics_utils.values_of(sample_weight), dtype=dtype)
            if values.ndim or sample_weight.ndim:   # a scalar loss and a batch size need none of it
                values, sample_weight = self.line_up(values, sample_weight)
            values = values * sample_weight
        before_writing(self._variables)
        self.total.value += values.sum(dtype=dtype)
        if self.reduction == Reduction.SUM:
            return
        if self.reduction == Reduction.WEIGHTED_MEAN and sample_weight is not None:
            self.count.value += sample_weight.sum(dtype=dtype)
        elif self.reduction in (Reduction.WEIGHTED_MEAN, Reduction.SUM_OVER_BATCH_SIZE):
            self.count.value += np.asarray(values.size, dtype)
        else:
            raise NotImplementedError(f'Reduction "{self.reduction}" not implemented. Expected '
                                      '"sum", "weighted_mean", or "sum_over_batch_size".')

    def line_up(self, values, sample_weight):
        """Give the weights the values' shape, or reduce the values to the weights' rank."""
        values, _, sample_weight = metrics_utils.squeeze_or_expand_dimensions(
            values, sample_weight=sample_weight)
        try:
            sample_weight = metrics_utils.broadcast_weights(sample_weight, values)
        except ValueError:
            axes = tuple(range(sample_weight.ndim, values.ndim))
            reduce = np.sum if self.reduction == Reduction.SUM else np.mean
            values = reduce(values, axis=axes, dtype=values.dtype)
        return values, sample_weight

    def result(self):
        total = self.total.value
        if self.reduction == Reduction.SUM:
            return total.copy()[()]
        count = self.count.value
        if count == 0:   # divide_no_nan
            return np.zeros((), total.dtype)
        return total / count


class Sum(Reduce):
    """``keras.metrics.Sum``: the (weighted) sum of everything seen."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(reduction=Reduction.SUM, name=name, dtype=dtype)


class Mean(Reduce):
    """``keras.metrics.Mean``: the weighted mean, ``sum(values * weights) / sum(weights)``."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(reduction=Reduction.WEIGHTED_MEAN, name=name, dtype=dtype)


class MeanMetricWrapper(Mean):
    """``keras.metrics.MeanMetricWrapper``: the mean of ``fn(y_true, y_pred, **kwargs)``."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = metrics_utils.detach(y_true, self._dtype)
        y_pred = metrics_utils.detach(y_pred, self._dtype)
        y_pred, y_true, _ = metrics_utils.squeeze_or_expand_dimensions(y_pred, y_true)
        matches = self._fn(y_true, y_pred, **self._fn_kwargs)
        mask = getattr(matches, "keras_mask", None)
        matches = np.asarray(metrics_utils.values_of(matches))
        if sample_weight is not None:
            sample_weight = np.asarray(metrics_utils.values_of(sample_weight), dtype=self._dtype)
        sample_weight = metrics_utils.apply_valid_mask(matches, sample_weight, mask, self.reduction)
        return super().update_state(matches, sample_weight=sample_weight)

    def get_config(self):
        config = {k: metrics_utils.values_of(v).tolist() if hasattr(v, "value") else v
                  for k, v in self._fn_kwargs.items()}
        if type(self) is MeanMetricWrapper:
            config["fn"] = self._fn
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config):
        from tracekeras.metrics import get  # cycle: tracekeras.metrics imports this module
        config = dict(config)
        fn = config.pop("fn", None)
        if cls is MeanMetricWrapper:
            return cls(get(fn), **config)
        return cls(**config)


class MeanTensor(Metric):
    """``keras.metrics.MeanTensor``: the element-wise weighted mean of same-shaped values;
    the state (``total``, ``count``) takes the shape of the first values (or ``shape``)."""

    def __init__(self, name="mean_tensor", dtype=None, shape=None):
        super().__init__(name=name, dtype=dtype)
        self._shape = None
        self._total = None
        self._count = None
        self._built = False
        if shape is not None:
            self._build(shape)

    def _build(self, shape):
        self._shape = tuple(shape)
        self._build_input_shape = self._shape
        self._total = self.add_weight("total", shape=shape, initializer="zeros")
        self._count = self.add_weight("count", shape=shape, initializer="zeros")
        self._built = True

    @property
    def total(self):
        return self._total if self._built else None

    @property
    def count(self):
        return self._count if self._built else None

    def update_state(self, values, sample_weight=None):
        values = np.asarray(metrics_utils.values_of(values), dtype=self._dtype)
        if not self._built:
            self._build(values.shape)
        elif values.shape != self._shape:
            raise ValueError("MeanTensor input values must always have the same shape. Expected "
                             f"shape (set during the first call): {self._shape}. "
                             f"Got: {values.shape}.")
        num_values = np.ones_like(values)
        if sample_weight is not None:
            sample_weight = np.asarray(metrics_utils.values_of(sample_weight), dtype=self._dtype)
            values, _, sample_weight = metrics_utils.squeeze_or_expand_dimensions(
                values, sample_weight=sample_weight)
            try:
                sample_weight = metrics_utils.broadcast_weights(sample_weight, values)
            except ValueError:
                axes = tuple(range(sample_weight.ndim, values.ndim))
                values = np.mean(values, axis=axes, dtype=values.dtype)
            num_values = num_values * sample_weight
            values = values * sample_weight
        before_writing(self._variables)
        self._total.value += values
        self._count.value += num_values

    def result(self):
        if not self._built:
            raise ValueError("MeanTensor does not have any value yet. Please call the MeanTensor "
                             "instance or use `.update_state(value)` before retrieving the "
                             "result.")
        total, count = self._total.value, self._count.value
        safe = np.where(count == 0, np.ones((), count.dtype), count)
        return np.where(count == 0, np.zeros((), total.dtype), total / safe).astype(total.dtype)

    def reset_state(self):
        if self._built:
            super().reset_state()
