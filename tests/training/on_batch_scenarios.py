"""``train_on_batch`` / ``test_on_batch`` and the compiled metrics' state between them: run
on tf_keras 2.21 by ``make_on_batch_fixtures.py`` (data/on_batch_metrics.json) and on
tracekeras by ``test_on_batch_metrics.py``, written against the public Keras API."""
import numpy as np


def metric_state(model):
    return {metric.name: [float(np.asarray(v)) for v in metric.variables]
            for metric in model.metrics}


def alternating(keras, reset_metrics):
    """test, train, train, test on one batch each (a Dense of ones, SGD): the results and
    the metrics' variables after each call."""
    model = keras.Sequential([keras.Input((1,)),
                              keras.layers.Dense(1, kernel_initializer="ones")])
    model.compile(keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
    x = np.ones((2, 1), "float32")
    y = np.asarray([[3.0], [1.0]], "float32")
    calls = [("test", model.test_on_batch), ("train", model.train_on_batch),
             ("train", model.train_on_batch), ("test", model.test_on_batch)]
    out = []
    for name, call in calls:
        result = call(x, y, reset_metrics=reset_metrics)
        out.append({"call": name, "result": [float(v) for v in result],
                    "state": metric_state(model)})
    return out


def cases(keras):
    return {"reset": alternating(keras, True), "no_reset": alternating(keras, False)}
