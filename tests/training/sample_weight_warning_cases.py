"""When Keras warns that ``evaluate()`` received sample weights but no ``weighted_metrics``:
the calls ``make_sample_weight_warning_fixtures.py`` runs on tf_keras 2.21 (writing
``data/sample_weight_warning.json``) and ``test_sample_weight_warning.py`` on tracekeras,
each counting the warnings the ``tensorflow`` logger emits. Plain NumPy: no TensorFlow.
"""
import logging

import numpy as np

X = np.linspace(0, 1, 24, dtype="float32").reshape(12, 2)
Y = (X[:, :1] > 0.5).astype("float32")
W = np.linspace(1, 2, 12, dtype="float32")


class Count(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def model(keras, **compile_options):
    made = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(2,))])
    made.compile("sgd", "binary_crossentropy", **compile_options)
    return made


def cases(tf, keras):
    def weighted_dataset():
        return tf.data.Dataset.from_tensor_slices((X, Y, W)).batch(4)
    return {
        "evaluate sample_weight, metrics": lambda: model(keras, metrics=["accuracy"]).evaluate(
            X, Y, sample_weight=W, verbose=0),
        "evaluate sample_weight, no metrics": lambda: model(keras).evaluate(
            X, Y, sample_weight=W, verbose=0),
        "evaluate sample_weight, weighted_metrics=[]": lambda: model(
            keras, metrics=["accuracy"], weighted_metrics=[]).evaluate(
            X, Y, sample_weight=W, verbose=0),
        "evaluate sample_weight, weighted_metrics": lambda: model(
            keras, weighted_metrics=["accuracy"]).evaluate(X, Y, sample_weight=W, verbose=0),
        "evaluate without weights": lambda: model(keras).evaluate(X, Y, verbose=0),
        "evaluate a dataset of 3": lambda: model(keras).evaluate(weighted_dataset(), verbose=0),
        "fit, 2 epochs, validation dataset of 3": lambda: model(keras).fit(
            weighted_dataset(), validation_data=weighted_dataset(), epochs=2, verbose=0),
        "fit, sample_weight, validation_split": lambda: model(keras).fit(
            X, Y, sample_weight=W, validation_split=0.25, epochs=2, verbose=0),
    }


def warnings_of(tf, keras):
    """Each case's warnings about sample weights, as the ``tensorflow`` logger emits them."""
    out = {}
    logger = logging.getLogger("tensorflow")
    level = logger.level   # a script (or a test before this one) may have quietened it
    logger.setLevel(logging.WARNING)
    for name, call in cases(tf, keras).items():
        handler = Count()
        logger.addHandler(handler)
        try:
            call()
        finally:
            logger.removeHandler(handler)
        out[name] = [m for m in handler.messages if "sample_weight" in m]
    logger.setLevel(level)
    return out
