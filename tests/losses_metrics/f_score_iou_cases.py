"""The IoU and F-score metric cases of ``make_f_score_iou_fixtures.py``, run by either
engine (``tf`` is TensorFlow or tracekeras's import shim): results after each of a few
``update_state`` batches (weighted or not) and after ``reset_state``, configs, refusals,
and a short fit that logs MeanIoU, F1Score and FBetaScore."""
import json
import re

import numpy as np

RNG_SEED = 7


def batches():
    """Three batches of 6 samples of 4 classes: sparse labels, dense predictions, weights."""
    rng = np.random.default_rng(RNG_SEED)
    out = []
    for _ in range(3):
        labels = rng.integers(0, 4, size=6)
        scores = rng.uniform(0, 1, size=(6, 4)).astype("float32")
        scores[np.arange(6)[:3], labels[:3]] += 0.5       # half of them right
        weights = rng.uniform(0.2, 2.0, size=6).astype("float32")
        out.append((labels, scores, weights))
    return out


def one_hot(labels, k=4):
    return np.eye(k, dtype="float32")[labels]


METRICS = {
    "mean_iou": ("MeanIoU", {"num_classes": 4}, "sparse", "argmax"),
    "mean_iou_dense_pred": ("MeanIoU", {"num_classes": 4, "sparse_y_pred": False},
                            "sparse", "scores"),
    "mean_iou_ignore": ("MeanIoU", {"num_classes": 4, "ignore_class": 2}, "sparse", "argmax"),
    "iou_targets": ("IoU", {"num_classes": 4, "target_class_ids": [0, 3]}, "sparse", "argmax"),
    "one_hot_mean_iou": ("OneHotMeanIoU", {"num_classes": 4}, "one_hot", "scores"),
    "one_hot_iou": ("OneHotIoU", {"num_classes": 4, "target_class_ids": [1]}, "one_hot",
                    "scores"),
    "binary_iou": ("BinaryIoU", {"threshold": 0.6}, "binary", "column"),
    "f1": ("F1Score", {}, "one_hot", "scores"),
    "f1_macro_threshold": ("F1Score", {"average": "macro", "threshold": 0.5}, "one_hot",
                           "scores"),
    "f1_micro": ("F1Score", {"average": "micro"}, "one_hot", "scores"),
    "fbeta_weighted": ("FBetaScore", {"average": "weighted", "beta": 2.0}, "one_hot",
                       "scores"),
    "fbeta_half": ("FBetaScore", {"beta": 0.5, "threshold": 0.7}, "one_hot", "scores"),
}


def arguments(label_kind, pred_kind, labels, scores):
    y_true = {"sparse": labels, "one_hot": one_hot(labels),
              "binary": (labels % 2).astype("float32")}[label_kind]
    y_pred = {"argmax": scores.argmax(axis=1), "scores": scores,
              "column": scores[:, 0]}[pred_kind]
    return y_true, y_pred


def results(tf):
    """Each metric's result after each batch (unweighted, then weighted), and after a
    reset and one more batch."""
    out = {}
    for name, (class_name, config, label_kind, pred_kind) in METRICS.items():
        for weighted in (False, True):
            metric = getattr(tf.keras.metrics, class_name)(**config)
            steps = []
            for labels, scores, weights in batches():
                y_true, y_pred = arguments(label_kind, pred_kind, labels, scores)
                metric.update_state(y_true, y_pred,
                                    sample_weight=weights if weighted else None)
                steps.append(np.asarray(metric.result()))
            metric.reset_state()
            labels, scores, weights = batches()[0]
            metric.update_state(*arguments(label_kind, pred_kind, labels, scores))
            steps.append(np.asarray(metric.result()))
            out[f"{name}/{'weighted' if weighted else 'plain'}"] = np.stack(steps)
    return out


def fit(tf):
    """Two epochs of a softmax classifier with fixed weights, logging the metrics."""
    keras = tf.keras
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.layers.Dense(4, activation="softmax", input_shape=(5,))])
    model.set_weights([np.linspace(-1, 1, 20, dtype="float32").reshape(5, 4),
                       np.zeros(4, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="categorical_crossentropy",
                  metrics=[keras.metrics.OneHotMeanIoU(4, name="iou"),
                           keras.metrics.F1Score(average="macro"),
                           keras.metrics.FBetaScore(average="weighted", beta=2.0,
                                                    threshold=0.3)])
    rng = np.random.default_rng(3)
    x = rng.normal(size=(24, 5)).astype("float32")
    y = one_hot(np.argmax(x[:, :4], axis=1))
    history = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    return {f"fit/{key}": np.asarray(values) for key, values in history.history.items()}


def configs(tf):
    metrics = tf.keras.metrics
    made = [metrics.MeanIoU(3, name="m", ignore_class=0, sparse_y_pred=False, axis=1),
            metrics.IoU(5, [1, 4], name="i"), metrics.BinaryIoU([1], threshold=0.3, name="b"),
            metrics.OneHotIoU(3, (0, 2), name="o"), metrics.OneHotMeanIoU(6, name="om"),
            metrics.F1Score(average="micro", threshold=0.4, name="f"),
            metrics.FBetaScore(beta=0.5, name="fb")]
    return {m.name: json.loads(json.dumps(m.get_config())) for m in made}


def refusals(tf):
    metrics = tf.keras.metrics
    calls = {
        "average": lambda: metrics.F1Score(average="samples"),
        "beta_int": lambda: metrics.FBetaScore(beta=2),
        "beta_negative": lambda: metrics.FBetaScore(beta=-1.0),
        "threshold_int": lambda: metrics.F1Score(threshold=1),
        "threshold_zero": lambda: metrics.F1Score(threshold=0.0),
        "f1_rank": lambda: metrics.F1Score().update_state(np.ones(3), np.ones(3)),
        "iou_target": lambda: metrics.IoU(3, [0, 3]),
        "iou_sizes": lambda: metrics.MeanIoU(3).update_state([0, 1, 2], [0, 1]),
        "iou_label_out_of_bound": lambda: metrics.MeanIoU(3).update_state([0, 1, 5],
                                                                           [0, 1, 1]),
        "iou_negative_label": lambda: metrics.MeanIoU(3).update_state([0, -1, 1], [0, 1, 1]),
        "iou_prediction_out_of_bound": lambda: metrics.IoU(2, [0]).update_state([0, 1],
                                                                                [2, 0]),
        "f1_shapes": lambda: metrics.F1Score().update_state(np.ones((2, 3)), np.ones((2, 4))),
    }
    out = {}
    for name, call in calls.items():
        try:
            call()
            out[name] = None
        except Exception as exc:
            out[name] = [type(exc).__name__, kernel_message(str(exc))]
    return out


def kernel_message(text):
    """A kernel's message without the eager op's decorations (``{{function_node ...}}``
    before it, `` [Op:Pack] name: stack`` after it)."""
    text = re.sub(r"^\{\{function_node [^}]*\}\} ", "", text)
    return re.sub(r" \[Op:\w+\]( name: .*)?$", "", text)
