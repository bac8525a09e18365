"""Write tests/losses_metrics/data/more_*.json from real Keras (tf_keras 2.21): the focal
crossentropies, the metrics that read one rate where another reaches a value
(SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision),
MeanTensor, MeanRelativeError and R2Score, and what the accuracy functions return.

Run with the TensorFlow venv (never at test time; the tests read only the JSON):
    $TRACEKERAS_KERAS_PYTHON tests/losses_metrics/make_more_fixtures.py

more_losses.json and more_metrics.json have the case forms of losses.json and metrics.json
(make_fixtures.py); more_configs.json holds default configs, more_errors.json the messages of
refused arguments, more_functions.json the accuracy functions' results.
"""
import json
import os
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from make_fixtures import DATA, loss_case, message, metric_case  # noqa: E402

RNG = np.random.default_rng(7)


def f32(shape, low=0.0, high=1.0):
    return RNG.uniform(low, high, size=shape).astype(np.float32)


def loss_cases():
    n, k = 5, 3
    y01 = RNG.integers(0, 2, size=(n, k)).astype(np.float32)
    p01, z01 = f32((n, k), 0.02, 0.98), f32((n, k), -4, 4)
    onehot = np.eye(k, dtype=np.float32)[RNG.integers(0, k, size=n)]
    pk = f32((n, k), 0.05, 1.0)
    pk = (pk / pk.sum(-1, keepdims=True)).astype(np.float32)
    zk = f32((n, k), -3, 3)
    sw = f32((n,), 0.0, 2.0)
    bfc, cfc = "BinaryFocalCrossentropy", "CategoricalFocalCrossentropy"
    return [
        loss_case("bfc_default", bfc, {}, y01, y_pred=p01),
        loss_case("bfc_gamma3_balanced", bfc, {"gamma": 3.0, "apply_class_balancing": True,
                                               "alpha": 0.4}, y01, y_pred=p01),
        loss_case("bfc_logits_smoothing", bfc, {"from_logits": True, "label_smoothing": 0.2},
                  y01, logits=z01),
        loss_case("bfc_sigmoid_output", bfc, {}, y01, logits=z01, activation="sigmoid"),
        loss_case("bfc_weighted_sum", bfc, {"gamma": 1.5}, y01, y_pred=p01, sample_weight=sw,
                  reduction="sum"),
        loss_case("bfc_none", bfc, {"apply_class_balancing": True}, y01, y_pred=p01,
                  reduction="none"),
        loss_case("cfc_default", cfc, {}, onehot, y_pred=pk),
        loss_case("cfc_alpha_gamma", cfc, {"alpha": 0.5, "gamma": 1.0}, onehot, y_pred=pk),
        loss_case("cfc_logits_smoothing", cfc, {"from_logits": True, "label_smoothing": 0.1},
                  onehot, logits=zk),
        loss_case("cfc_softmax_output", cfc, {}, onehot, logits=zk, activation="softmax"),
        loss_case("cfc_weighted_none", cfc, {}, onehot, y_pred=pk, sample_weight=sw,
                  reduction="none"),
    ]


def metric_cases():
    def scores(n):
        return RNG.integers(0, 2, size=(n,)).astype(np.float32), f32((n,))

    (t1, s1), (t2, s2) = scores(12), scores(9)
    w1 = f32((12,), 0.0, 2.0)
    multi_t = np.eye(3, dtype=np.float32)[RNG.integers(0, 3, size=8)]
    multi_p = f32((8, 3))
    cases = []
    for cls, value in (("SensitivityAtSpecificity", 0.6), ("SpecificityAtSensitivity", 0.7),
                       ("PrecisionAtRecall", 0.5), ("RecallAtPrecision", 0.6)):
        cases += [
            metric_case(f"{cls}_two_batches", cls, {next_arg(cls): value},
                        [[t1, s1, None], [t2, s2, None]]),
            metric_case(f"{cls}_weighted_21", cls, {next_arg(cls): value, "num_thresholds": 21},
                        [[t1, s1, w1]]),
            metric_case(f"{cls}_one_threshold", cls, {next_arg(cls): value,
                                                      "num_thresholds": 1}, [[t2, s2, None]]),
            metric_case(f"{cls}_class_id", cls, {next_arg(cls): value, "class_id": 1},
                        [[multi_t, multi_p, None]]),
            metric_case(f"{cls}_unreachable", cls, {next_arg(cls): 1.0},
                        [[np.zeros(4, np.float32), f32((4,)), None]]),
        ]
    v = f32((3, 4), -2, 2)
    cases += [
        metric_case("MeanTensor_two_batches", "MeanTensor", {}, [[v, None, None],
                                                                 [f32((3, 4)), None, None]]),
        metric_case("MeanTensor_row_weights", "MeanTensor", {},
                    [[v, None, np.array([1.0, 0.0, 2.0], np.float32)],
                     [f32((3, 4)), None, np.array([0.5, 0.5, 0.0], np.float32)]]),
        metric_case("MeanTensor_zero_weight_column", "MeanTensor", {},
                    [[v, None, np.array([[1.0, 0.0, 1.0, 1.0]] * 3, np.float32)]]),
        metric_case("MeanRelativeError_list", "MeanRelativeError",
                    {"normalizer": [2.0, 0.0, 4.0, 1.0]},
                    [[f32((4,), 0, 5), f32((4,), 0, 5), None],
                     [f32((4,), 0, 5), f32((4,), 0, 5), f32((4,), 0, 1)]]),
        metric_case("MeanRelativeError_column", "MeanRelativeError",
                    {"normalizer": [[1.5], [3.0], [2.0]]},
                    [[f32((3, 1), 0, 5), f32((3, 1), 0, 5), None]]),
    ]
    yt, yp = f32((7, 3), -1, 3), f32((7, 3), -1, 3)
    for agg in ("uniform_average", "variance_weighted_average", None):
        cases.append(metric_case(f"R2Score_{agg}", "R2Score", {"class_aggregation": agg},
                                 [[yt[:4], yp[:4], None], [yt[4:], yp[4:], None]]))
    cases += [
        metric_case("R2Score_weighted", "R2Score", {}, [[yt, yp, f32((7,), 0, 2)]]),
        metric_case("R2Score_adjusted", "R2Score", {"num_regressors": 2}, [[yt[:, :1],
                                                                           yp[:, :1], None]]),
    ]
    return cases


def next_arg(cls):
    return {"SensitivityAtSpecificity": "specificity", "SpecificityAtSensitivity": "sensitivity",
            "PrecisionAtRecall": "recall", "RecallAtPrecision": "precision"}[cls]


def config_cases():
    def plain(config):
        return json.loads(json.dumps(config, default=str))
    return {
        "losses": {c: plain(getattr(keras.losses, c)().get_config())
                   for c in ("BinaryFocalCrossentropy", "CategoricalFocalCrossentropy")},
        "metrics": {
            **{c: plain(getattr(keras.metrics, c)(0.5, name="m").get_config())
               for c in ("SensitivityAtSpecificity", "SpecificityAtSensitivity",
                         "PrecisionAtRecall", "RecallAtPrecision")},
            "MeanTensor": plain(keras.metrics.MeanTensor().get_config()),
            "R2Score": plain(keras.metrics.R2Score().get_config()),
            "MeanRelativeError": plain(keras.metrics.MeanRelativeError([1.0, 2.0],
                                                                       name="m").get_config()),
        },
    }


def error_cases():
    m = keras.metrics
    shaped = m.MeanTensor()
    shaped.update_state(np.ones((2, 3), np.float32))
    return {
        "specificity_above_one": message(lambda: m.SensitivityAtSpecificity(1.5)),
        "sensitivity_below_zero": message(lambda: m.SpecificityAtSensitivity(-0.1)),
        "recall_above_one": message(lambda: m.PrecisionAtRecall(2)),
        "precision_below_zero": message(lambda: m.RecallAtPrecision(-1)),
        "num_thresholds_zero": message(lambda: m.PrecisionAtRecall(0.5, num_thresholds=0)),
        "mean_tensor_new_shape": message(lambda: shaped.update_state(np.ones((3, 2)))),
        "mean_tensor_no_value": message(lambda: m.MeanTensor().result()),
        "r2_bad_aggregation": message(lambda: m.R2Score(class_aggregation="mean")),
        "r2_negative_regressors": message(lambda: m.R2Score(num_regressors=-1)),
        "r2_one_dimensional": message(lambda: m.R2Score().update_state(np.ones(3),
                                                                        np.ones(3))),
        "cce_bool_axis": message(lambda: keras.losses.categorical_crossentropy(
            [[0.0, 1.0]], [[0.3, 0.7]], axis=True)),
        "focal_bool_axis": message(lambda: keras.losses.categorical_focal_crossentropy(
            [[0.0, 1.0]], [[0.3, 0.7]], axis=False)),
    }


def function_cases():
    """The accuracy functions called directly: a tensor of per-sample matches."""
    onehot = np.eye(4, dtype=np.float32)[[2, 0, 3]]
    probs = np.array([[0.1, 0.2, 0.6, 0.1], [0.3, 0.4, 0.2, 0.1], [0.5, 0.1, 0.1, 0.3]],
                     np.float32)
    calls = {
        "binary_accuracy": ([[1, 0, 1], [0, 0, 1]], [[0.7, 0.6, 0.2], [0.1, 0.4, 0.9]]),
        "categorical_accuracy": (onehot, probs),
        "sparse_categorical_accuracy": ([2, 0, 3], probs),
        "top_k_categorical_accuracy": (onehot, probs),
        "sparse_top_k_categorical_accuracy": ([2, 0, 3], probs),
    }
    out = {}
    for name, (y_true, y_pred) in calls.items():
        kwargs = {"k": 2} if "top_k" in name else {}
        value = getattr(keras.metrics, name)(y_true, y_pred, **kwargs)
        out[name] = {"y_true": np.asarray(y_true).tolist(), "y_pred": np.asarray(y_pred).tolist(),
                     "kwargs": kwargs, "is_tensor": bool(tf.is_tensor(value)),
                     "dtype": value.dtype.name, "value": value.numpy().tolist()}
    return out


def main():
    warnings.simplefilter("ignore")
    meta = {"source": "tf_keras 2.21 reference", "tf_keras": keras.__version__,
            "tensorflow": tf.__version__}
    for name, payload in (("more_losses", loss_cases()), ("more_metrics", metric_cases()),
                          ("more_configs", config_cases()), ("more_errors", error_cases()),
                          ("more_functions", function_cases())):
        with open(DATA / f"{name}.json", "w") as f:
            json.dump({"meta": meta, "cases": payload}, f, indent=1)
    print("wrote more_losses, more_metrics, more_configs, more_errors, more_functions")


if __name__ == "__main__":
    main()
