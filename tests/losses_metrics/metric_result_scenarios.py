"""A metric's ``result()`` kept across ``reset_state``: the Keras guide's custom metric
returns its own weight from ``result``, and a history of per-epoch results must keep each
epoch's value, as a TensorFlow variable's read does. Written against the public Keras API
(``keras`` is passed in): run on tf_keras 2.21 by ``tests/make_scenario_facts.py``, on
tracekeras by ``test_metric_results.py``.
"""
import numpy as np


def guide_metric_class(keras):
    class CategoricalTruePositives(keras.metrics.Metric):
        """The guide's metric, counting 2 per update; ``result`` is its weight."""

        def __init__(self, name="ctp", **kwargs):
            super().__init__(name=name, **kwargs)
            self.true_positives = self.add_weight(name="ctp", initializer="zeros")

        def update_state(self, y_true, y_pred, sample_weight=None):
            self.true_positives.assign_add(2.0)

        def result(self):
            return self.true_positives

        def reset_state(self):
            self.true_positives.assign(0.0)
    return CategoricalTruePositives


def per_epoch_results(keras):
    metric = guide_metric_class(keras)()
    history = []
    for _ in range(3):
        metric.update_state(None, None)
        history.append(metric.result())
        metric.reset_state()
    return [float(r) for r in history]


def mean_result_after_reset(keras):
    metric = keras.metrics.Mean()
    metric.update_state([1.0, 3.0])
    result = metric.result()
    metric.reset_state()
    metric.update_state([10.0])
    return [float(result), float(metric.result())]


def fit_history(keras):
    """The custom metric in ``fit``: each epoch's logged value."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse", metrics=[guide_metric_class(keras)()])
    x = np.ones((8, 2), "float32")
    history = model.fit(x, x[:, :1], batch_size=4, epochs=3, verbose=0)
    return [float(v) for v in history.history["ctp"]]


CASES = {"per-epoch results of the guide's metric": per_epoch_results,
         "Mean's result kept across reset_state": mean_result_after_reset,
         "the guide's metric in fit's history": fit_history}


def results(keras):
    return {name: case(keras) for name, case in CASES.items()}
