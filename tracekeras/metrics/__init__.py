"""tracekeras.metrics: ``keras.metrics``.

What it owns: the metric classes and functions (re-exported from the modules of
this package, one Keras module each: ``base_metric``, ``accuracy_metrics``,
``regression_metrics``, ``probabilistic_metrics``, ``confusion_metrics``,
``hinge_metrics``, ``iou_metrics``, ``f_score_metrics``), the name table and
``get``/``serialize``/``deserialize``.

What it receives: identifiers from ``compile(metrics=...)`` (through
``MetricsContainer``): names, ``{"class_name", "config"}`` dicts, ``Metric``
objects, functions. What it hands on: a metric function (wrapped by the
container in a ``MeanMetricWrapper``) or a ``Metric``. Names resolve through the
traced ``deserialize_keras_object`` (stage metrics); a class named alone is
instantiated, as in Keras.
"""
from tracekeras.losses import (
    binary_crossentropy,
    categorical_crossentropy,
    categorical_hinge,
    hinge,
    kl_divergence,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from tracekeras.saving import serialization_lib
from tracekeras.utils import serialization

from . import metrics_utils
from .accuracy_metrics import (
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    accuracy,
    binary_accuracy,
    categorical_accuracy,
    sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from .base_metric import Mean, MeanMetricWrapper, MeanTensor, Metric, Reduce, Sum
from .confusion_metrics import (
    AUC,
    FalseNegatives,
    FalsePositives,
    Precision,
    PrecisionAtRecall,
    Recall,
    RecallAtPrecision,
    SensitivityAtSpecificity,
    SpecificityAtSensitivity,
    TrueNegatives,
    TruePositives,
)
from .f_score_metrics import F1Score, FBetaScore
from .hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from .iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from .probabilistic_metrics import (
    BinaryCrossentropy,
    CategoricalCrossentropy,
    KLDivergence,
    Poisson,
    SparseCategoricalCrossentropy,
)
from .regression_metrics import (
    CosineSimilarity,
    LogCoshError,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanRelativeError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    R2Score,
    RootMeanSquaredError,
    cosine_similarity,
)

Reduction = metrics_utils.Reduction
kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

# Keras's aliases.
acc = ACC = accuracy
bce = BCE = binary_crossentropy
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
cosine_proximity = cosine_similarity

CLASSES = (Metric, Reduce, Sum, Mean, MeanMetricWrapper, Accuracy, BinaryAccuracy,
           CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy,
           SparseTopKCategoricalAccuracy, MeanSquaredError, MeanAbsoluteError,
           MeanAbsolutePercentageError, MeanSquaredLogarithmicError, RootMeanSquaredError,
           CosineSimilarity, LogCoshError, BinaryCrossentropy, CategoricalCrossentropy,
           SparseCategoricalCrossentropy, Poisson, KLDivergence, AUC, Precision, Recall,
           TruePositives, FalsePositives, TrueNegatives, FalseNegatives, Hinge, SquaredHinge,
           CategoricalHinge, FBetaScore, F1Score, IoU, BinaryIoU, MeanIoU, OneHotIoU,
           OneHotMeanIoU, SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall,
           RecallAtPrecision, MeanTensor, MeanRelativeError, R2Score)
FUNCTIONS = {f.__name__: f for f in (
    accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
    top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, binary_crossentropy,
    categorical_crossentropy, sparse_categorical_crossentropy, mean_squared_error,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    cosine_similarity, poisson, hinge, squared_hinge, categorical_hinge)}
FUNCTIONS.update({"kullback_leibler_divergence": kl_divergence, "logcosh": log_cosh,
                  "log_cosh": log_cosh, "acc": acc, "ACC": ACC, "bce": bce, "BCE": BCE,
                  "mse": mse, "MSE": MSE, "mae": mae, "MAE": MAE, "mape": mape, "MAPE": MAPE,
                  "msle": msle, "MSLE": MSLE, "cosine_proximity": cosine_proximity})
# The names ``get`` knows (Keras looks strings up in the package's globals).
METRICS = {**{c.__name__: c for c in CLASSES}, **FUNCTIONS}


def serialize(metric):
    """A metric object in the new form (module ``keras.metrics``), a function as
    ``{"module": "builtins", "class_name": "function", "config": <its name>, ...}``."""
    return serialization_lib.serialize_keras_object(metric)


def deserialize(config, custom_objects=None):
    """A name or a ``{"class_name", "config"}`` dict -> a metric; a class named alone is
    instantiated."""
    obj = serialization.deserialize_keras_object(config, module_objects=METRICS,
                                                 custom_objects=custom_objects,
                                                 printable_module_name="metric function")
    return obj() if isinstance(obj, type) else obj


def get(identifier):
    """``keras.metrics.get``: a name, a config dict or a callable -> a metric."""
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret metric identifier: {identifier}")
