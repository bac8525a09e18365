"""Intersection-over-union metrics: ``keras.metrics.iou_metrics``.

What it owns: ``IoU(num_classes, target_class_ids)``, ``MeanIoU(num_classes)`` (every
class), ``BinaryIoU(target_class_ids=(0, 1), threshold=0.5)`` (predictions thresholded to
0 and 1), ``OneHotIoU`` and ``OneHotMeanIoU`` (one-hot labels), with Keras's arguments
(``ignore_class``, ``sparse_y_true``, ``sparse_y_pred``, ``axis``) and configs.

Each keeps one state variable, ``total_confusion_matrix`` ``(num_classes, num_classes)``:
an update takes the argmax of dense labels or predictions along ``axis``, casts both to
the metric's dtype and flattens them, drops the places whose label is ``ignore_class``,
and adds ``tf.math.confusion_matrix`` (rows the labels, columns the predictions, each
count weighted by ``sample_weight``; values cast to int64, as TensorFlow casts them).
``result()``: for each target class, ``tp / (row sum + column sum - tp)``, averaged over the
target classes whose denominator is not 0 (0 when none is), in float32 as Keras computes it.

What it receives: labels and predictions (arrays or Tensors, detached: metrics never
enter the gradient). What it hands on: a float32 result. No trace events.
"""
import numpy as np

from tracekeras.backend.string_ops import InvalidArgumentError

from . import metrics_utils
from .base_metric import Metric


def confusion_matrix(labels, predictions, num_classes, weights, dtype):
    """``tf.math.confusion_matrix`` of int64 ``labels`` and ``predictions``, weighted; its
    checks in TensorFlow's order and words (no negative value, none from ``num_classes`` on,
    as many labels as predictions)."""
    labels, predictions = labels.astype(np.int64), predictions.astype(np.int64)
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values.size and values.min() < 0:
            shown = [str(v) for v in values[:3]] + (["..."] if values.size > 3 else [])
            raise InvalidArgumentError(
                f"`{name}` contains negative values.  \nCondition x >= 0 did not hold "
                f"element-wise:\nx (shape={values.shape} dtype=int64) = \n{shown}")
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values.size and values.max() >= num_classes:
            raise InvalidArgumentError(
                f"`{name}` out of bound\nCondition x < y did not hold.\nFirst "
                f"{min(3, values.size)} elements of x:\n{values[:3]}\nFirst 1 elements of "
                f"y:\n[{num_classes}]")
    if labels.shape != predictions.shape:
        raise InvalidArgumentError(
            f"Shapes of all inputs must match: values[0].shape = [{labels.size}] != "
            f"values[1].shape = [{predictions.size}]")
    counts = np.zeros((num_classes, num_classes), dtype)
    np.add.at(counts, (labels, predictions),
              np.ones((), dtype) if weights is None else weights.astype(dtype))
    return counts


class _IoUBase(Metric):
    """The confusion matrix the IoU metrics share."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype)
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_weight("total_confusion_matrix",
                                        shape=(num_classes, num_classes), initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        dtype = np.dtype(self._dtype)
        y_true = metrics_utils.values_of(y_true)
        y_pred = metrics_utils.values_of(y_pred)
        if not self.sparse_y_true:
            y_true = np.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = np.argmax(y_pred, axis=self.axis)
        y_true = np.asarray(y_true).astype(dtype).reshape(-1)
        y_pred = np.asarray(y_pred).astype(dtype).reshape(-1)
        if sample_weight is not None:
            sample_weight = np.asarray(metrics_utils.values_of(sample_weight)).astype(dtype)
            sample_weight = sample_weight.reshape(-1)
        if self.ignore_class is not None:
            valid = y_true != dtype.type(self.ignore_class)
            y_true, y_pred = y_true[valid], y_pred[valid]
            if sample_weight is not None:
                sample_weight = sample_weight[valid]
        current = confusion_matrix(y_true, y_pred, self.num_classes, sample_weight, dtype)
        self.total_cm.assign_add(current)

    def reset_state(self):
        self.total_cm.assign(np.zeros((self.num_classes, self.num_classes), self._dtype))


class IoU(_IoUBase):
    """``IoU(num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
    sparse_y_true=True, sparse_y_pred=True, axis=-1)``."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None,
                 ignore_class=None, sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, num_classes=num_classes, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis,
                         dtype=dtype)
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"Target class id {max(target_class_ids)} is out of range, which "
                             f"is [0, {num_classes}).")
        self.target_class_ids = list(target_class_ids)

    def result(self):
        dtype = np.dtype(self._dtype)
        total_cm = self.total_cm.value
        sum_over_row = total_cm.sum(axis=0, dtype=dtype)
        sum_over_col = total_cm.sum(axis=1, dtype=dtype)
        true_positives = np.diagonal(total_cm).astype(dtype)
        denominator = sum_over_row + sum_over_col - true_positives
        true_positives = true_positives[self.target_class_ids]
        denominator = denominator[self.target_class_ids]
        num_valid_entries = np.sum(denominator != 0, dtype=dtype)
        iou = divide_no_nan(true_positives, denominator)
        return divide_no_nan(np.sum(iou, dtype=dtype), num_valid_entries)

    def get_config(self):
        config = super().get_config()
        config.update({"num_classes": self.num_classes,
                       "target_class_ids": self.target_class_ids,
                       "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                       "sparse_y_pred": self.sparse_y_pred, "axis": self.axis})
        return config


def divide_no_nan(a, b):
    """``tf.math.divide_no_nan``: ``a / b``, 0 where ``b`` is 0."""
    a, b = np.asarray(a), np.asarray(b)
    safe = np.where(b == 0, np.ones((), b.dtype), b)
    return np.where(b == 0, np.zeros((), a.dtype), a / safe).astype(a.dtype)[()]


class BinaryIoU(IoU):
    """``BinaryIoU(target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None)``:
    predictions at or above ``threshold`` count as class 1."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name,
                         dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        dtype = np.dtype(self._dtype)
        y_pred = np.asarray(metrics_utils.values_of(y_pred)).astype(dtype)
        y_pred = (y_pred >= dtype.type(self.threshold)).astype(dtype)
        return super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold,
                "name": self.name, "dtype": self._dtype}


class MeanIoU(IoU):
    """``MeanIoU(num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
    sparse_y_pred=True, axis=-1)``: the IoU of every class, averaged."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, num_classes=num_classes,
                         target_class_ids=list(range(num_classes)), axis=axis, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self._dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotIoU(IoU):
    """``OneHotIoU(num_classes, target_class_ids, ...)``: one-hot labels, dense predictions
    unless ``sparse_y_pred``."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, target_class_ids=target_class_ids, name=name,
                         dtype=dtype, ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                "name": self.name, "dtype": self._dtype, "ignore_class": self.ignore_class,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotMeanIoU(MeanIoU):
    """``OneHotMeanIoU(num_classes, ...)``: MeanIoU of one-hot labels."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, axis=axis, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self._dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}
