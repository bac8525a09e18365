"""Small compile/fit/evaluate cases run side by side with real Keras (data/keras_behaviour.json).

``scenarios(keras)`` returns (name, function) pairs written against the public
Keras API only, so the same code runs on tf_keras 2.21 (``make_fixtures.py``
makes the reference) and on tracekeras (``test_keras_behaviour.py``).
``GRAPH_SCENARIOS`` need ``disable_eager_execution()`` (the Keras 2.2 loop),
which tf_keras cannot undo, so they run after the others.
"""
import numpy as np

from tests.build.scenarios import norm


def outcome(fn):
    """A result or an error as one comparable line (graph-mode errors by their last line)."""
    try:
        return "-> " + repr(norm(fn()))
    except Exception as e:  # noqa: BLE001 - the error is the outcome compared
        message = str(e)
        if message.startswith("in user code:"):
            last = [line.strip() for line in message.splitlines() if line.strip()][-1]
            message = last.split(": ", 1)[1]
        return f"!! {type(e).__name__} {message}"


def data(n=12, seed=0):
    rng = np.random.RandomState(seed)
    return rng.rand(n, 3).astype("float32"), (rng.rand(n, 1) > 0.5).astype("float32")


def rounded(logs):
    return {k: round(float(v), 5) for k, v in logs.items()}


def scenarios(keras):  # noqa: C901 - one list of small cases
    layers = keras.layers
    found = []

    def case(fn):
        found.append((fn.__name__, fn))
        return fn

    def dense(**kwargs):
        return layers.Dense(1, activation="sigmoid", kernel_initializer="ones", **kwargs)

    def two_outputs():
        i = keras.Input((3,))
        return keras.Model(i, [dense(name="a")(i),
                               layers.Dense(1, name="b", kernel_initializer="ones")(i)])

    def sequential():
        return keras.Sequential([keras.Input((3,)), dense()])

    @case
    def history_after_evaluate():
        x, y = data()
        m = sequential()
        m.compile("sgd", "mse")
        h = m.fit(x, y, verbose=0, epochs=2)
        m.evaluate(x, y, verbose=0)
        return m.history is h, type(m.history).__name__, m.history.history

    @case
    def history_after_predict():
        x, y = data()
        m = sequential()
        m.compile("sgd", "mse")
        h = m.fit(x, y, verbose=0)
        m.predict(x, verbose=0)
        return m.history is h, m.history.history

    @case
    def weighted_metric_with_a_taken_name():
        x, y = data()
        m = sequential()
        m.compile("sgd", "binary_crossentropy", metrics=["accuracy"],
                  weighted_metrics=["accuracy"])
        return list(m.fit(x, y, verbose=0).history), m.metrics_names

    @case
    def weighted_metrics_of_two_outputs():
        x, y = data()
        m = two_outputs()
        m.compile("sgd", "binary_crossentropy", metrics=["accuracy", "mse"],
                  weighted_metrics=["accuracy", "mae"])
        return list(m.fit(x, [y, y], verbose=0).history), m.metrics_names

    @case
    def weighted_metrics_by_output_name():
        x, y = data()
        m = two_outputs()
        m.compile("sgd", "binary_crossentropy", metrics={"a": ["accuracy"]},
                  weighted_metrics={"b": ["mse"], "a": ["accuracy"]})
        return list(m.fit(x, [y, y], verbose=0).history)

    @case
    def two_metrics_with_one_name():
        x, y = data()
        m = sequential()
        m.compile("sgd", "mse", metrics=["mse", "mse"])
        return m.fit(x, y, verbose=0).history

    @case
    def two_weighted_metrics_with_one_name():
        x, y = data()
        m = sequential()
        m.compile("sgd", "mse", metrics=["mse"], weighted_metrics=["mse", "mse"])
        return m.fit(x, y, verbose=0).history

    @case
    def one_metric_object_twice():
        m = sequential()
        acc = keras.metrics.BinaryAccuracy()
        try:
            m.compile("sgd", "mse", metrics=[acc], weighted_metrics=[acc])
        except ValueError as e:
            return str(e).split("\n")[0]   # then the objects' reprs, which differ
        return None

    @case
    def run_eagerly_with_jit_compile():
        m = sequential()
        try:
            m.compile("sgd", "mse", run_eagerly=True, jit_compile=True)
        except ValueError as e:
            return str(e), m._is_compiled
        return None

    @case
    def unknown_metric_string():
        x, y = data()
        m = sequential()
        before = m.get_weights()
        m.compile("sgd", "mse", metrics=["acuracy"])
        result = outcome(lambda: m.fit(x, y, verbose=0))
        return result, all((a == b).all() for a, b in zip(before, m.get_weights()))

    @case
    def lambda_callback_logs_by_keyword():
        x, y = data()
        m = sequential()
        m.compile("sgd", "mse")
        seen = []
        cb = keras.callbacks.LambdaCallback(on_batch_end=lambda i, logs: seen.append(i))
        m.fit(x, y, batch_size=4, verbose=0, callbacks=[cb])
        return seen

    @case
    def lambda_callback_logs_under_another_name():
        return lambda_with_l(keras, sequential())

    @case
    def lambda_callback_on_epoch_end():
        x, y = data()
        m = sequential()
        m.compile("sgd", "mse")
        seen = []
        cb = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: seen.append(sorted(logs)))
        m.fit(x, y, batch_size=4, epochs=2, verbose=0, callbacks=[cb])
        return seen

    return found


def lambda_with_l(keras, m):
    """``on_batch_end=lambda i, l: ...``: Keras hands the logs on by keyword, ``logs=``."""
    x, y = data()
    m.compile("sgd", "mse")
    seen = []
    cb = keras.callbacks.LambdaCallback(on_batch_end=lambda i, l: seen.append(i))  # noqa: E741
    m.fit(x, y, batch_size=4, verbose=0, callbacks=[cb])
    return seen


def graph_scenarios(keras):
    """The Keras 2.2 loop (after ``disable_eager_execution()``): what the callbacks see."""
    layers = keras.layers
    found = []

    def case(fn):
        found.append((fn.__name__, fn))
        return fn

    class Logs(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seen = []

        def on_batch_end(self, batch, logs=None):
            self.seen.append(("batch", batch, rounded(logs)))

        def on_epoch_end(self, epoch, logs=None):
            self.seen.append(("epoch", epoch, rounded(logs)))

    @case
    def keras22_loop_batch_and_epoch_logs():
        x, y = data()
        m = keras.Sequential([layers.Dense(1, activation="sigmoid", input_shape=(3,),
                                           kernel_initializer="ones")])
        m.compile("sgd", "binary_crossentropy", metrics=["accuracy", "mae"])
        logs = Logs()
        m.fit(x, y, batch_size=5, epochs=2, verbose=0, callbacks=[logs], shuffle=False)
        return logs.seen, [round(float(v), 5) for v in m.evaluate(x, y, batch_size=5,
                                                                    verbose=0)]

    @case
    def keras22_loop_two_outputs_and_validation():
        x, y = data()
        i = keras.Input((3,))
        m = keras.Model(i, [layers.Dense(1, activation="sigmoid", name="a",
                                         kernel_initializer="ones")(i),
                            layers.Dense(1, name="b", kernel_initializer="ones")(i)])
        m.compile("sgd", ["binary_crossentropy", "mse"], metrics=["mae"])
        logs = Logs()
        m.fit(x, [y, y], batch_size=5, epochs=1, verbose=0, callbacks=[logs], shuffle=False,
              validation_split=0.25)
        return logs.seen, [round(float(v), 5) for v in m.evaluate(x, [y, y], batch_size=5,
                                                                    verbose=0)]

    @case
    def keras22_loop_lambda_callback_logs_under_another_name():
        return lambda_with_l(keras, keras.Sequential([layers.Dense(1, input_shape=(3,))]))

    return found
