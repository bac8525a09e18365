"""Write tests/losses_metrics/data/*.json from real Keras (tf_keras 2.21).

Run with the TensorFlow venv (never at test time; the tests read only the JSON):
    $TRACEKERAS_KERAS_PYTHON tests/losses_metrics/make_fixtures.py

losses.json: for each case the reduced loss value and the gradient with respect
to ``y_pred`` (or to the logits when the prediction is a softmax/sigmoid output,
where Keras uses the logits). metrics.json: results after a sequence of
``update_state`` batches. errors.json: the messages real Keras gives.
"""
import json
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

DATA = pathlib.Path(__file__).parent / "data"
RNG = np.random.default_rng(2021)


def f32(shape, low=0.0, high=1.0):
    return RNG.uniform(low, high, size=shape).astype(np.float32)


def probs(n, k):
    p = f32((n, k), 0.05, 1.0)
    return (p / p.sum(-1, keepdims=True)).astype(np.float32)


def onehot(labels, k):
    return np.eye(k, dtype=np.float32)[labels]


def loss_case(case_id, cls, config, y_true, y_pred=None, logits=None, activation=None,
              sample_weight=None, reduction="auto"):
    loss = getattr(keras.losses, cls)(reduction=reduction, **config)
    source = tf.Variable(logits if logits is not None else y_pred)
    with tf.GradientTape() as tape:
        pred = source if activation is None else getattr(keras.activations, activation)(source)
        value = loss(tf.constant(y_true), pred,
                     sample_weight=None if sample_weight is None else tf.constant(sample_weight))
        total = tf.reduce_sum(value)
    grad = tape.gradient(total, source)
    return {"id": case_id, "loss": cls, "config": config, "reduction": reduction,
            "y_true": np.asarray(y_true).tolist(),
            "y_pred": None if y_pred is None else y_pred.tolist(),
            "logits": None if logits is None else logits.tolist(), "activation": activation,
            "sample_weight": None if sample_weight is None else np.asarray(sample_weight).tolist(),
            "value": np.asarray(value.numpy()).tolist(), "grad": grad.numpy().tolist()}


def loss_cases():
    n, k = 6, 4
    labels = RNG.integers(0, k, size=n)
    p, logits = probs(n, k), f32((n, k), -3, 3)
    sw = f32((n,), 0.0, 2.0)
    yb = RNG.integers(0, 2, size=(n, 3)).astype(np.float32)
    pb, lb = f32((n, 3), 0.02, 0.98), f32((n, 3), -4, 4)
    yr, pr = f32((n, 3), -2, 2), f32((n, 3), -2, 2)
    ypos, ppos = f32((n, 3), 0.1, 3), f32((n, 3), 0.1, 3)
    yh = (2 * RNG.integers(0, 2, size=(n, 3)) - 1).astype(np.float32)
    cases = []
    for red in ("auto", "sum", "none", "sum_over_batch_size"):
        cases.append(loss_case(f"scce_{red}", "SparseCategoricalCrossentropy", {},
                               labels[:, None], y_pred=p, reduction=red, sample_weight=sw))
    cases += [
        loss_case("scce_labels_1d", "SparseCategoricalCrossentropy", {}, labels, y_pred=p),
        loss_case("scce_from_logits", "SparseCategoricalCrossentropy", {"from_logits": True},
                  labels[:, None], y_pred=logits),
        loss_case("scce_softmax_shortcut", "SparseCategoricalCrossentropy", {},
                  labels[:, None], logits=logits * 4, activation="softmax"),
        loss_case("scce_ignore_class", "SparseCategoricalCrossentropy", {"ignore_class": 1},
                  labels[:, None], y_pred=p, sample_weight=sw),
        loss_case("cce", "CategoricalCrossentropy", {}, onehot(labels, k), y_pred=p,
                  sample_weight=sw),
        loss_case("cce_unnormalised", "CategoricalCrossentropy", {}, onehot(labels, k),
                  y_pred=p * 1.7),
        loss_case("cce_from_logits_smoothing", "CategoricalCrossentropy",
                  {"from_logits": True, "label_smoothing": 0.1}, onehot(labels, k), y_pred=logits),
        loss_case("cce_softmax_shortcut", "CategoricalCrossentropy", {"label_smoothing": 0.2},
                  onehot(labels, k), logits=logits * 5, activation="softmax"),
        loss_case("bce", "BinaryCrossentropy", {}, yb, y_pred=pb, sample_weight=sw),
        loss_case("bce_from_logits_smoothing", "BinaryCrossentropy",
                  {"from_logits": True, "label_smoothing": 0.1}, yb, y_pred=lb),
        loss_case("bce_sigmoid_shortcut", "BinaryCrossentropy", {}, yb, logits=lb * 5,
                  activation="sigmoid"),
        loss_case("bce_sum", "BinaryCrossentropy", {}, yb, y_pred=pb, reduction="sum"),
        loss_case("bce_labels_1d_pred_column", "BinaryCrossentropy", {}, yb[:, 0],
                  y_pred=pb[:, :1]),
        loss_case("mse", "MeanSquaredError", {}, yr, y_pred=pr, sample_weight=sw),
        loss_case("mse_weights_2d", "MeanSquaredError", {}, yr, y_pred=pr,
                  sample_weight=f32((n, 1), 0, 2)),
        loss_case("mse_scalar_weight", "MeanSquaredError", {}, yr, y_pred=pr, sample_weight=2.5),
        loss_case("mae", "MeanAbsoluteError", {}, yr, y_pred=pr, reduction="sum"),
        loss_case("mape", "MeanAbsolutePercentageError", {}, yr, y_pred=pr),
        loss_case("msle", "MeanSquaredLogarithmicError", {}, ypos, y_pred=ppos),
        loss_case("huber", "Huber", {"delta": 0.7}, yr, y_pred=pr, sample_weight=sw),
        loss_case("hinge_pm1", "Hinge", {}, yh, y_pred=pr),
        loss_case("hinge_01", "Hinge", {}, yb, y_pred=pr),
        loss_case("squared_hinge", "SquaredHinge", {}, yb, y_pred=pr),
        loss_case("categorical_hinge", "CategoricalHinge", {}, onehot(labels, k), y_pred=logits),
        loss_case("kld", "KLDivergence", {}, probs(n, k), y_pred=p),
        loss_case("poisson", "Poisson", {}, ypos, y_pred=ppos),
        loss_case("log_cosh", "LogCosh", {}, yr, y_pred=pr),
        loss_case("cosine", "CosineSimilarity", {}, yr, y_pred=pr, sample_weight=sw),
    ]
    return cases


def metric_case(case_id, cls, config, batches):
    metric = getattr(keras.metrics, cls)(**config)
    for b in batches:
        metric.update_state(*[tf.constant(v) for v in b[:2] if v is not None],
                            sample_weight=None if b[2] is None else tf.constant(b[2]))
    return {"id": case_id, "metric": cls, "config": config,
            "batches": [[None if v is None else np.asarray(v).tolist() for v in b]
                        for b in batches],
            "result": np.asarray(metric.result().numpy()).tolist()}


def metric_cases():
    n, k = 9, 5
    labels = RNG.integers(0, k, size=n)
    p = probs(n, k)
    yb = RNG.integers(0, 2, size=(n, 1)).astype(np.float32)
    pb = f32((n, 1))
    yr, pr = f32((n, 2), -2, 2), f32((n, 2), -2, 2)
    sw = f32((n,), 0, 2)
    yb40 = RNG.integers(0, 2, size=(40,)).astype(np.float32)
    pb40 = np.clip(yb40 * 0.3 + f32((40,), 0, 0.7), 0, 1).astype(np.float32)
    ym = RNG.integers(0, 2, size=(20, 3)).astype(np.float32)
    pm = f32((20, 3))
    halves = [(yb40[:25], pb40[:25], None), (yb40[25:], pb40[25:], None)]
    return [
        metric_case("mean_weighted", "Mean", {}, [(np.float32(2.5), None, 128.0),
                                                  (np.float32(1.25), None, 32.0)]),
        metric_case("sum", "Sum", {}, [(np.array([1.5, 2.5], np.float32), None, None)]),
        metric_case("sparse_acc_n1", "SparseCategoricalAccuracy", {},
                    [(labels[:5, None], p[:5], None), (labels[5:, None], p[5:], None)]),
        metric_case("sparse_acc_n", "SparseCategoricalAccuracy", {},
                    [(labels, p, sw)]),
        metric_case("cat_acc", "CategoricalAccuracy", {}, [(onehot(labels, k), p, sw)]),
        metric_case("bin_acc", "BinaryAccuracy", {"threshold": 0.4}, [(yb, pb, None)]),
        metric_case("acc", "Accuracy", {}, [(labels[:, None], np.argmax(p, -1)[:, None], None)]),
        metric_case("top2", "TopKCategoricalAccuracy", {"k": 2}, [(onehot(labels, k), p, None)]),
        metric_case("sparse_top2", "SparseTopKCategoricalAccuracy", {"k": 2}, [(labels, p, sw)]),
        metric_case("mse", "MeanSquaredError", {}, [(yr, pr, sw)]),
        metric_case("mae", "MeanAbsoluteError", {}, [(yr, pr, None)]),
        metric_case("rmse", "RootMeanSquaredError", {}, [(yr, pr, sw)]),
        metric_case("bce", "BinaryCrossentropy", {}, [(yb, pb, None)]),
        metric_case("cce", "CategoricalCrossentropy", {}, [(onehot(labels, k), p, None)]),
        metric_case("scce", "SparseCategoricalCrossentropy", {}, [(labels, p, sw)]),
        metric_case("auc_roc", "AUC", {}, halves),
        metric_case("auc_pr", "AUC", {"curve": "PR"}, halves),
        metric_case("auc_roc_weighted", "AUC", {"num_thresholds": 11},
                    [(yb40, pb40, f32((40,), 0, 2))]),
        metric_case("auc_minoring", "AUC", {"summation_method": "minoring"}, halves),
        metric_case("auc_majoring_pr", "AUC", {"curve": "PR", "summation_method": "majoring"},
                    halves),
        metric_case("auc_thresholds", "AUC", {"thresholds": [0.2, 0.45, 0.7]}, halves),
        metric_case("auc_multi_label", "AUC", {"multi_label": True}, [(ym, pm, None)]),
        metric_case("auc_from_logits", "AUC", {"from_logits": True},
                    [(yb40, (pb40 - 0.5) * 6, None)]),
        metric_case("mape", "MeanAbsolutePercentageError", {}, [(yr, pr, sw)]),
        metric_case("msle", "MeanSquaredLogarithmicError", {}, [(np.abs(yr), np.abs(pr), None)]),
        metric_case("cosine", "CosineSimilarity", {}, [(yr, pr, sw)]),
        metric_case("logcosh", "LogCoshError", {}, [(yr, pr, None)]),
        metric_case("poisson", "Poisson", {}, [(np.abs(yr), np.abs(pr), None)]),
        metric_case("kld", "KLDivergence", {}, [(probs(n, k), p, None)]),
        metric_case("hinge", "Hinge", {}, [(yb, pb, None)]),
        metric_case("squared_hinge", "SquaredHinge", {}, [(yb, pb, sw)]),
        metric_case("categorical_hinge", "CategoricalHinge", {}, [(onehot(labels, k), p, None)]),
        metric_case("true_positives", "TruePositives", {"thresholds": [0.25, 0.5]}, halves),
        metric_case("false_negatives", "FalseNegatives", {}, halves),
        metric_case("precision", "Precision", {}, halves),
        metric_case("precision_thresholds", "Precision", {"thresholds": [0.3, 0.5, 0.8]}, halves),
        metric_case("precision_top_k", "Precision", {"top_k": 2}, [(ym, pm, None)]),
        metric_case("recall", "Recall", {}, halves),
        metric_case("recall_class_id", "Recall", {"class_id": 1}, [(ym, pm, None)]),
        metric_case("recall_weighted", "Recall", {"thresholds": [0.0, 0.5, 1.0]},
                    [(yb40, pb40, f32((40,), 0, 2))]),
    ]


def container_cases():
    """Keras's compile containers over batches of unequal size (the epoch means of fit)."""
    from tf_keras.src.engine import compile_utils
    cases = []
    sizes = (32, 32, 11)
    for loss, metric_list, target in (
            ("sparse_categorical_crossentropy", ["accuracy", "crossentropy"], "sparse_n"),
            ("sparse_categorical_crossentropy", ["accuracy"], "sparse_n1"),
            ("categorical_crossentropy", ["accuracy", "ce"], "onehot"),
            ("binary_crossentropy", ["accuracy", "crossentropy"], "binary"),
            ("mse", ["mae", "mse"], "regression")):
        losses_c = compile_utils.LossesContainer(loss)
        metrics_c = compile_utils.MetricsContainer(metric_list)
        batches, batch_losses = [], []
        for n in sizes:
            k = 1 if target == "binary" else 10
            logits = f32((n, k), -4, 4) * 2
            act = keras.activations.sigmoid if target == "binary" else keras.activations.softmax
            labels = RNG.integers(0, k if k > 1 else 2, size=n)
            if target == "sparse_n1":
                y = labels[:, None]
            elif target == "onehot":
                y = onehot(labels, k)
            elif target == "binary":
                y = labels[:, None].astype(np.float32)
            elif target == "regression":
                y = f32((n, 10))
            else:
                y = labels
            pred = tf.constant(logits) if target == "regression" else act(tf.constant(logits))
            batch_losses.append(float(losses_c(tf.constant(y), pred).numpy()))
            metrics_c.update_state(tf.constant(y), pred)
            batches.append({"y": y.tolist(), "logits": logits.tolist()})
        results = {m.name: float(m.result().numpy()) for m in losses_c.metrics + metrics_c.metrics}
        cases.append({"id": f"{loss}_{target}", "loss": loss, "metrics": metric_list,
                      "target": target, "batches": batches, "batch_losses": batch_losses,
                      "results": results})
    return cases


LOSS_CLASSES = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
                "MeanSquaredLogarithmicError", "BinaryCrossentropy", "CategoricalCrossentropy",
                "SparseCategoricalCrossentropy", "Hinge", "SquaredHinge", "CategoricalHinge",
                "Huber", "LogCosh", "KLDivergence", "Poisson", "CosineSimilarity"]
METRIC_CLASSES = ["Mean", "Sum", "Accuracy", "BinaryAccuracy", "CategoricalAccuracy",
                  "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
                  "SparseTopKCategoricalAccuracy", "MeanSquaredError", "MeanAbsoluteError",
                  "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
                  "RootMeanSquaredError", "CosineSimilarity", "LogCoshError",
                  "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
                  "Poisson", "KLDivergence", "Hinge", "SquaredHinge", "CategoricalHinge"]
NAMED_METRIC_CLASSES = ["AUC", "Precision", "Recall", "TruePositives", "FalseNegatives"]


def config_cases():
    """Default configs (Keras's names and defaults) of the loss and metric classes."""
    def plain(config):
        return json.loads(json.dumps(config, default=str))
    out = {"losses": {c: plain(getattr(keras.losses, c)().get_config()) for c in LOSS_CLASSES},
           "metrics": {c: plain(getattr(keras.metrics, c)().get_config()) for c in METRIC_CLASSES}}
    out["metrics"].update({c: plain(getattr(keras.metrics, c)(name="m").get_config())
                           for c in NAMED_METRIC_CLASSES})
    return out


def message(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever Keras raises
        return {"type": f"{type(e).__module__}.{type(e).__name__}", "message": str(e)}
    return None


def error_cases():
    p = tf.constant(probs(4, 10))
    return {
        "unknown_loss": message(lambda: keras.losses.get("foo")),
        "unknown_metric": message(lambda: keras.metrics.get("foo")),
        "label_out_of_range": message(lambda: keras.losses.SparseCategoricalCrossentropy()(
            tf.constant([[1], [10], [3], [2]]), p)),
        "cce_int_labels": message(lambda: keras.losses.CategoricalCrossentropy()(
            tf.constant([[1.0], [2.0], [3.0], [4.0]]), p)),
        "invalid_reduction": message(lambda: keras.losses.MeanSquaredError(reduction="mean")),
        "bad_loss_identifier": message(lambda: keras.losses.get(3)),
    }


def main():
    DATA.mkdir(exist_ok=True)
    meta = {"source": "tf_keras 2.21 reference", "tf_keras": keras.__version__,
            "tensorflow": tf.__version__}
    for name, payload in (("losses", loss_cases()), ("metrics", metric_cases()),
                          ("errors", error_cases()), ("containers", container_cases()),
                          ("configs", config_cases())):
        with open(DATA / f"{name}.json", "w") as f:
            json.dump({"meta": meta, "cases": payload}, f, indent=1)
    print("wrote", sorted(p.name for p in DATA.glob("*.json")))


if __name__ == "__main__":
    main()
