"""F-scores: ``keras.metrics.f_score_metrics``.

What it owns: ``FBetaScore(average=None, beta=1.0, threshold=None)`` and ``F1Score``
(beta 1), with Keras's checks and messages for ``average`` (None, "micro", "macro",
"weighted"), ``beta`` (a float above 0) and ``threshold`` (a float in (0, 1]), and their
configs (F1Score's without ``beta``).

The state is four variables made at the first update (``build``, from the shapes: 2-D
``(batch, classes)`` inputs only), one value per class (one in all for "micro"):
``true_positives``, ``false_positives``, ``false_negatives`` and ``intermediate_weights``
(the weighted count of true labels). A prediction counts as positive above ``threshold``,
or without one where it is the row's largest and not (nearly) 0. ``result()``:
``(1 + beta**2) * precision * recall / (beta**2 * precision + recall)`` per class (0 where
a division by 0 would be), then averaged as asked ("weighted" by ``intermediate_weights``).

What it receives: labels and predictions (arrays or Tensors, detached). What it hands on:
a float32 result, one per class when ``average`` is None. No trace events.
"""
import numpy as np

from tracekeras.backend.string_ops import InvalidArgumentError

from . import metrics_utils
from .base_metric import Metric
from .iou_metrics import divide_no_nan


class FBetaScore(Metric):
    """``FBetaScore(average=None, beta=1.0, threshold=None, name="fbeta_score",
    dtype=None)``."""

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score",
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError("Invalid `average` argument value. Expected one of: {None, "
                             f"'micro', 'macro', 'weighted'}}. Received: average={average}")
        if not isinstance(beta, float):
            raise ValueError("Invalid `beta` argument value. It should be a Python float. "
                             f"Received: beta={beta} of type '{type(beta)}'")
        if beta <= 0.0:
            raise ValueError("Invalid `beta` argument value. It should be > 0. Received: "
                             f"beta={beta}")
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError("Invalid `threshold` argument value. It should be a Python "
                                 f"float. Received: threshold={threshold} of type "
                                 f"'{type(threshold)}'")
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError("Invalid `threshold` argument value. It should verify 0 < "
                                 f"threshold <= 1. Received: threshold={threshold}")
        self.average = average
        self.beta = beta
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self.built = False

    def build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError("FBetaScore expects 2D inputs with shape (batch_size, "
                             f"output_dim). Received input shapes: y_pred.shape={y_pred_shape}"
                             f" and y_true.shape={y_true_shape}.")
        init_shape = [] if self.average == "micro" else [y_pred_shape[-1]]
        for name in ("true_positives", "false_positives", "false_negatives",
                     "intermediate_weights"):
            setattr(self, name, self.add_weight(name, shape=init_shape, initializer="zeros"))
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        dtype = np.dtype(self._dtype)
        y_true = np.asarray(metrics_utils.values_of(y_true)).astype(dtype)
        y_pred = np.asarray(metrics_utils.values_of(y_pred)).astype(dtype)
        if not self.built:
            self.build(y_true.shape, y_pred.shape)
        if y_true.shape != y_pred.shape:
            raise InvalidArgumentError(
                f"Incompatible shapes: [{','.join(str(d) for d in y_pred.shape)}] vs. "
                f"[{','.join(str(d) for d in y_true.shape)}]")
        if self.threshold is None:
            top = y_pred.max(axis=-1, keepdims=True)
            positive = (y_pred >= top) & (np.abs(y_pred) > 1e-9)
        else:
            positive = y_pred > dtype.type(self.threshold)
        y_pred = positive.astype(dtype)
        one = dtype.type(1)
        if sample_weight is not None:
            sample_weight = np.asarray(metrics_utils.values_of(sample_weight)).astype(dtype)

        def weighted_sum(val):
            if sample_weight is not None:
                val = val * np.expand_dims(sample_weight, 1)
            return val.sum(axis=self.axis, dtype=dtype)
        self.true_positives.assign_add(weighted_sum(y_pred * y_true))
        self.false_positives.assign_add(weighted_sum(y_pred * (one - y_true)))
        self.false_negatives.assign_add(weighted_sum((one - y_pred) * y_true))
        self.intermediate_weights.assign_add(weighted_sum(y_true))

    def result(self):
        dtype = np.dtype(self._dtype)
        tp, fp = self.true_positives.value, self.false_positives.value
        fn = self.false_negatives.value
        precision = divide_no_nan(tp, tp + fp)
        recall = divide_no_nan(tp, tp + fn)
        beta_squared = np.square(dtype.type(self.beta))
        mean = divide_no_nan(precision * recall, beta_squared * precision + recall)
        f1_score = mean * (dtype.type(1) + beta_squared)
        if self.average == "weighted":
            weights = divide_no_nan(self.intermediate_weights.value,
                                    self.intermediate_weights.value.sum(dtype=dtype))
            return np.sum(f1_score * weights, dtype=dtype)
        if self.average is not None:
            return np.mean(f1_score, dtype=dtype)
        return f1_score

    def get_config(self):
        config = super().get_config()
        config.update({"average": self.average, "beta": self.beta,
                       "threshold": self.threshold})
        return config


class F1Score(FBetaScore):
    """``F1Score(average=None, threshold=None, name="f1_score", dtype=None)``."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name,
                         dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
