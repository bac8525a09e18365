"""Confusion-matrix metrics: ``keras.metrics.confusion_metrics``.

What it owns: ``TruePositives``/``FalsePositives``/``TrueNegatives``/
``FalseNegatives``, ``Precision``, ``Recall`` (at one or more thresholds,
optionally top-k or one class), the best rate where another reaches a value
(``SensitivityAtSpecificity``, ``SpecificityAtSensitivity``, ``PrecisionAtRecall``,
``RecallAtPrecision``, on ``SensitivitySpecificityBase``) and ``AUC`` (ROC, PR or
PR-gain curves over ``num_thresholds`` thresholds, Riemann sums by interpolation, minoring or
majoring; PR by Davis & Goadrich interpolation, as Keras).

What it receives: NumPy ``y_true`` (0/1; any nonzero counts as positive) and
``y_pred`` (probabilities, or logits with ``AUC(from_logits=True)``). What it
hands on: float32 results computed from the counts it keeps in Variables
(``metrics_utils.update_confusion_matrix_variables``). No trace events.
"""
import numpy as np

from tracekeras.backend import config

from . import metrics_utils
from .base_metric import Metric

AUC_CURVES = {"pr": "PR", "PR": "PR", "roc": "ROC", "ROC": "ROC", "pr_gain": "PR_GAIN",
              "prgain": "PR_GAIN", "PR_GAIN": "PR_GAIN", "PRGAIN": "PR_GAIN"}
SUMMATION_METHODS = {"interpolation": "interpolation", "Interpolation": "interpolation",
                     "majoring": "majoring", "Majoring": "majoring",
                     "minoring": "minoring", "Minoring": "minoring"}


def divide_no_nan(a, b):
    a, b = np.asarray(a), np.asarray(b)
    safe = np.where(b == 0, np.ones((), b.dtype), b)
    return np.where(b == 0, np.zeros((), a.dtype), a / safe).astype(a.dtype, copy=False)


class _ConfusionMatrixConditionCount(Metric):
    """One count of the confusion matrix at each threshold."""

    condition = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = metrics_utils.parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = metrics_utils.is_evenly_distributed_thresholds(
            self.thresholds)
        self.accumulator = self.add_weight("accumulator", shape=(len(self.thresholds),))

    def update_state(self, y_true, y_pred, sample_weight=None):
        metrics_utils.update_confusion_matrix_variables(
            {self.condition: self.accumulator}, y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight)

    def result(self):
        value = self.accumulator.value
        return value[0] if len(self.thresholds) == 1 else value.copy()

    def get_config(self):
        return {"thresholds": self.init_thresholds, **super().get_config()}


class TruePositives(_ConfusionMatrixConditionCount):
    condition = "tp"


class FalsePositives(_ConfusionMatrixConditionCount):
    condition = "fp"


class TrueNegatives(_ConfusionMatrixConditionCount):
    condition = "tn"


class FalseNegatives(_ConfusionMatrixConditionCount):
    condition = "fn"


class PrecisionRecallBase(Metric):
    """What Precision and Recall share: thresholds, top_k, class_id and two counts."""

    counts = ()

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else metrics_utils.NEG_INF
        self.thresholds = metrics_utils.parse_init_thresholds(thresholds, default_threshold=default)
        self._thresholds_distributed_evenly = metrics_utils.is_evenly_distributed_thresholds(
            self.thresholds)
        for _, attr in self.counts:
            setattr(self, attr, self.add_weight(attr, shape=(len(self.thresholds),)))

    def update_state(self, y_true, y_pred, sample_weight=None):
        metrics_utils.update_confusion_matrix_variables(
            {key: getattr(self, attr) for key, attr in self.counts}, y_true, y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            top_k=self.top_k, class_id=self.class_id, sample_weight=sample_weight)

    def ratio(self, other):
        tp = self.true_positives.value
        value = divide_no_nan(tp, tp + other.value)
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {"thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id, **super().get_config()}


class Precision(PrecisionRecallBase):
    """``tp / (tp + fp)``: how many predicted positives are positive."""

    counts = (("tp", "true_positives"), ("fp", "false_positives"))

    def result(self):
        return self.ratio(self.false_positives)


class Recall(PrecisionRecallBase):
    """``tp / (tp + fn)``: how many positives were predicted positive."""

    counts = (("tp", "true_positives"), ("fn", "false_negatives"))

    def result(self):
        return self.ratio(self.false_negatives)


class SensitivitySpecificityBase(Metric):
    """The best of one ratio where another reaches ``value``, over ``num_thresholds``
    evenly spaced thresholds from 0 to 1 (one threshold, 0.5, when ``num_thresholds=1``)."""

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        if num_thresholds <= 0:
            raise ValueError("Argument `num_thresholds` must be an integer > 0. "
                             f"Received: num_thresholds={num_thresholds}")
        self.value = value
        self.class_id = class_id
        for attr in ("true_positives", "true_negatives", "false_positives", "false_negatives"):
            setattr(self, attr, self.add_weight(attr, shape=(num_thresholds,)))
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0] + inner + [1.0]
            self._thresholds_distributed_evenly = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        metrics_utils.update_confusion_matrix_variables(
            {"tp": self.true_positives, "tn": self.true_negatives, "fp": self.false_positives,
             "fn": self.false_negatives}, y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            class_id=self.class_id, sample_weight=sample_weight)

    def rates(self):
        """Sensitivity (recall), specificity and precision at each threshold."""
        tp, tn = self.true_positives.value, self.true_negatives.value
        fp, fn = self.false_positives.value, self.false_negatives.value
        return {"sensitivity": divide_no_nan(tp, tp + fn),
                "specificity": divide_no_nan(tn, tn + fp),
                "precision": divide_no_nan(tp, tp + fp)}

    def _find_max_under_constraint(self, constrained, dependent):
        """The largest ``dependent`` where ``constrained >= self.value``; 0 where none is."""
        feasible = constrained >= np.asarray(self.value, constrained.dtype)
        if not feasible.any():
            return np.zeros((), np.float32)
        return dependent[feasible].max()

    def get_config(self):
        return {**super().get_config(), "class_id": self.class_id}


def at_value_metric(class_name, argument, constrained, dependent, doc):
    """A ``SensitivitySpecificityBase`` class whose first argument is named ``argument``:
    its result is the best ``dependent`` rate where the ``constrained`` rate is at least it."""

    def __init__(self, *args, **kwargs):
        names = (argument, "num_thresholds", "class_id", "name", "dtype")
        if len(args) > len(names):
            raise TypeError(f"{class_name}.__init__() takes from 2 to 6 positional arguments "
                            f"but {len(args) + 1} were given")
        values = dict(zip(names, args))
        for key in kwargs:
            if key in values:
                raise TypeError(f"{class_name}.__init__() got multiple values for argument "
                                f"'{key}'")
            if key not in names:
                raise TypeError(f"{class_name}.__init__() got an unexpected keyword argument "
                                f"'{key}'")
        values.update(kwargs)
        if argument not in values:
            raise TypeError(f"{class_name}.__init__() missing 1 required positional argument: "
                            f"'{argument}'")
        value = values.pop(argument)
        if value < 0 or value > 1:
            raise ValueError(f"Argument `{argument}` must be in the range [0, 1]. "
                             f"Received: {argument}={value}")
        setattr(self, argument, value)
        self.num_thresholds = values.get("num_thresholds", 200)
        SensitivitySpecificityBase.__init__(self, value, **values)

    def result(self):
        rates = self.rates()
        return self._find_max_under_constraint(rates[constrained], rates[dependent])

    def get_config(self):
        return {**SensitivitySpecificityBase.get_config(self),
                "num_thresholds": self.num_thresholds, argument: getattr(self, argument)}

    return type(class_name, (SensitivitySpecificityBase,),
                {"__init__": __init__, "result": result, "get_config": get_config,
                 "__doc__": doc, "__module__": __name__})


SensitivityAtSpecificity = at_value_metric(
    "SensitivityAtSpecificity", "specificity", "specificity", "sensitivity",
    "The best sensitivity (``tp / (tp + fn)``) where specificity reaches ``specificity``.")
SpecificityAtSensitivity = at_value_metric(
    "SpecificityAtSensitivity", "sensitivity", "sensitivity", "specificity",
    "The best specificity (``tn / (tn + fp)``) where sensitivity reaches ``sensitivity``.")
PrecisionAtRecall = at_value_metric(
    "PrecisionAtRecall", "recall", "sensitivity", "precision",
    "The best precision (``tp / (tp + fp)``) where recall reaches ``recall``.")
RecallAtPrecision = at_value_metric(
    "RecallAtPrecision", "precision", "precision", "sensitivity",
    "The best recall (``tp / (tp + fn)``) where precision reaches ``precision``.")


class AUC(Metric):
    """Area under the ROC or PR curve, from counts at ``num_thresholds`` thresholds."""

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        if curve not in AUC_CURVES:
            raise ValueError(f'Invalid AUC curve value: "{curve}". '
                             'Expected values are ["PR", "ROC", "PR_GAIN"]')
        if summation_method not in SUMMATION_METHODS:
            raise ValueError(f'Invalid AUC summation method value: "{summation_method}". '
                             'Expected values are ["interpolation", "majoring", "minoring"]')
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = metrics_utils.is_evenly_distributed_thresholds(
                np.array([0.0] + thresholds + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError("Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        eps = config.epsilon()
        self._thresholds = np.array([0.0 - eps] + thresholds + [1.0 + eps])
        self.curve = AUC_CURVES[curve]
        self.summation_method = SUMMATION_METHODS[summation_method]
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        if label_weights is not None:
            label_weights = np.asarray(label_weights, self.dtype)
            if (label_weights < 0).any():
                raise ValueError("All values of `label_weights` must be non-negative.")
        self.label_weights = label_weights
        self._from_logits = from_logits
        self._built = False
        if multi_label:
            if num_labels:
                self._build((None, num_labels))
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError("`y_pred` must have rank 2 when `multi_label=True`. "
                                 f"Found rank {len(shape)}. Full shape received for `y_pred`: "
                                 f"{tuple(shape)}")
            variable_shape = (self.num_thresholds, shape[1])
        else:
            variable_shape = (self.num_thresholds,)
        for attr in ("true_positives", "true_negatives", "false_positives", "false_negatives"):
            setattr(self, attr, self.add_weight(attr, shape=variable_shape))
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = metrics_utils.values_of(y_pred)
        if not self._built:
            self._build(np.shape(y_pred))
        if self._from_logits:
            y_pred = 1 / (1 + np.exp(-np.asarray(y_pred, self.dtype)))
        metrics_utils.update_confusion_matrix_variables(
            {"tp": self.true_positives, "tn": self.true_negatives,
             "fp": self.false_positives, "fn": self.false_negatives},
            y_true, y_pred, self._thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight, multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights)

    def interpolate_pr_auc(self):
        """Davis & Goadrich interpolation: TP and TP+FP vary linearly between thresholds."""
        n = self.num_thresholds
        tp, fp = self.true_positives.value, self.false_positives.value
        fn = self.false_negatives.value
        dtp = tp[: n - 1] - tp[1:]
        p = tp + fp
        dp = p[: n - 1] - p[1:]
        prec_slope = divide_no_nan(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - prec_slope * p[1:]
        both = (p[: n - 1] > 0) & (p[1:] > 0)
        safe_p_ratio = np.where(
            both, divide_no_nan(p[: n - 1], np.maximum(p[1:], 0)), np.ones_like(p[1:])
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            increment = divide_no_nan(
                prec_slope * (dtp + intercept * np.log(safe_p_ratio)),
                np.maximum(tp[1:] + fn[1:], 0),
            )
        return self.reduce_by_label(increment)

    def reduce_by_label(self, terms):
        if not self.multi_label:
            return terms.sum(dtype=terms.dtype)
        by_label = terms.sum(axis=0, dtype=terms.dtype)
        if self.label_weights is None:
            return by_label.mean(dtype=terms.dtype)
        return divide_no_nan((by_label * self.label_weights).sum(), self.label_weights.sum())

    def curve_points(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        recall = divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            return divide_no_nan(fp, fp + tn), recall
        if self.curve == "PR":
            return recall, divide_no_nan(tp, tp + fp)
        scaling = divide_no_nan(tp + fn, fp + tn)
        recall_gain = np.where(tp == 0, 0, 1 - scaling * divide_no_nan(fn, tp))
        precision_gain = np.where(tp == 0, 1, 1 - scaling * divide_no_nan(fp, tp))
        return np.maximum(recall_gain, 0).astype(tp.dtype), precision_gain.astype(tp.dtype)

    def result(self):
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        x, y = self.curve_points()
        if self.summation_method == "interpolation":
            heights = (y[: n - 1] + y[1:]) / np.asarray(2, y.dtype)
        elif self.summation_method == "minoring":
            heights = np.minimum(y[: n - 1], y[1:])
        else:
            heights = np.maximum(y[: n - 1], y[1:])
        return self.reduce_by_label((x[: n - 1] - x[1:]) * heights)

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        config = {
            "num_thresholds": self.num_thresholds,
            "curve": self.curve,
            "summation_method": self.summation_method,
            "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            "label_weights": None if self.label_weights is None else self.label_weights.tolist(),
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}
