"""Programs run on tf_keras 2.21 for ``docs/make_keras_facts.py``: the engine's facts.

compile (order, accuracy, the two switches), callbacks (default callbacks, hooks,
the Keras 2.2 loop), fit (unknown metrics, adapters), build and the graph walk;
with the helpers the other programs share (``watch``, ``data``, ``dense_model``,
``skip_model``). Imported only by that script, with TensorFlow installed.
"""
import contextlib
import functools
import inspect
import io
import os

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras.src import callbacks as callbacks_module  # noqa: E402
from tf_keras.src.engine import compile_utils, functional, sequential, training  # noqa: E402


@contextlib.contextmanager
def watch(targets, calls):
    """Wrap ``(owner, attribute, label)`` for the block: each call appends ``(depth, label)``."""
    depth = [0]
    saved = []
    for owner, attribute, label in targets:
        original = inspect.getattr_static(owner, attribute)
        own = attribute in vars(owner)
        wrapped_kind = isinstance(original, (staticmethod, classmethod))
        function = original.__func__ if wrapped_kind else original

        def wrapper(*args, _function=function, _label=label, **kwargs):
            calls.append((depth[0], _label))
            depth[0] += 1
            try:
                return _function(*args, **kwargs)
            finally:
                depth[0] -= 1
        wrapped = functools.wraps(function)(wrapper)
        if isinstance(original, classmethod):
            wrapped = classmethod(wrapped)
        setattr(owner, attribute, wrapped)
        saved.append((owner, attribute, original, own))
    try:
        yield calls
    finally:
        for owner, attribute, original, own in reversed(saved):
            if own:
                setattr(owner, attribute, original)
            else:
                delattr(owner, attribute)


def data(n=32, features=4, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, features), dtype="float32"), rng.integers(0, classes, size=n)


def dense_model(units=3, activation="softmax", features=4):
    return keras.Sequential([keras.layers.Dense(8, activation="relu", input_shape=(features,)),
                             keras.layers.Dense(units, activation=activation)])


# -- compile -----------------------------------------------------------------
class Watched(keras.Sequential):
    """A Sequential model that notes when compile sets its two markers and opens the scope."""
    notes = None

    def __setattr__(self, name, value):
        if name in ("_compile_config", "_is_compiled") and self.notes is not None:
            self.notes.append((0, name))
        super().__setattr__(name, value)


def compile_facts():
    notes = []
    model = Watched([keras.layers.Dense(3, input_shape=(4,))])
    model.notes = notes
    strategy = model.distribute_strategy
    targets = [(type(strategy), "scope", "tf.distribute.Strategy.scope"),
               (training.Model, "_validate_compile", "Model._validate_compile"),
               (training.Model, "_get_optimizer", "Model._get_optimizer"),
               (compile_utils.LossesContainer, "__init__", "LossesContainer.__init__"),
               (compile_utils.MetricsContainer, "__init__", "MetricsContainer.__init__")]
    with watch(targets, notes):
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
    order = [label for _, label in notes]
    rejected = Watched([keras.layers.Dense(3, input_shape=(4,))])
    try:
        rejected.compile(optimizer="sgd", loss="mse", run_eagerly=True, jit_compile=True)
        error = None
    except ValueError as e:
        error = str(e)
    return {"compile.order": order,
            "compile.switches_error": error,
            "compile.switches_rejected_after_is_compiled": bool(rejected._is_compiled),
            "compile.metrics_after_compile": [m.name for m in model.metrics]}


def accuracy_facts():
    """Which accuracy ``"accuracy"`` became, for output and label shapes and dtypes."""
    rng = np.random.default_rng(0)
    x = rng.random((8, 4), dtype="float32")
    cases = {
        "int labels (8,), softmax (8, 3)": (3, "softmax", rng.integers(0, 3, 8)),
        "float labels (8,), softmax (8, 3)": (
            3, "softmax", rng.integers(0, 3, 8).astype("float32")),
        "int labels (8, 1), softmax (8, 3)": (3, "softmax", rng.integers(0, 3, (8, 1))),
        "one-hot int labels (8, 3), softmax (8, 3)": (
            3, "softmax", np.eye(3, dtype="int64")[rng.integers(0, 3, 8)]),
        "one-hot float labels (8, 3), softmax (8, 3)": (
            3, "softmax", np.eye(3, dtype="float32")[rng.integers(0, 3, 8)]),
        "int labels (8,), sigmoid (8, 1)": (1, "sigmoid", rng.integers(0, 2, 8)),
    }
    resolved = {}
    for case, (units, activation, y) in cases.items():
        keras.backend.clear_session()
        model = dense_model(units, activation)
        loss = "binary_crossentropy" if units == 1 else (
            "categorical_crossentropy" if y.ndim == 2 and y.shape[1] == 3 else
            "sparse_categorical_crossentropy")
        model.compile(optimizer="sgd", loss=loss, metrics=["accuracy"])
        model.fit(x, y, epochs=1, verbose=0)
        metric = model.compiled_metrics.metrics[0]
        resolved[case] = metric._fn.__name__
    return {"compile.accuracy_resolved": resolved}


# -- callbacks -----------------------------------------------------------------
def callback_facts():
    """The callbacks each entry point puts in its CallbackList, by verbose."""
    held = {}
    original = callbacks_module.CallbackList.__init__

    def noting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        held.setdefault("last", []).append([type(c).__name__ for c in self.callbacks])
    callbacks_module.CallbackList.__init__ = noting
    try:
        x, y = data()
        model = dense_model()
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
        out = {}
        for verbose in (0, 1, 2):
            held.clear()
            with contextlib.redirect_stdout(io.StringIO()):
                history = model.fit(x, y, epochs=1, verbose=verbose)
            out[f"fit verbose={verbose}"] = held["last"][0]
        for verbose in (0, 1):
            held.clear()
            with contextlib.redirect_stdout(io.StringIO()):
                model.evaluate(x, y, verbose=verbose)
            out[f"evaluate verbose={verbose}"] = held["last"][0]
            held.clear()
            with contextlib.redirect_stdout(io.StringIO()):
                model.predict(x, verbose=verbose)
            out[f"predict verbose={verbose}"] = held["last"][0]
        history = model.fit(x, y, epochs=1, verbose=0)
        model.evaluate(x, y, verbose=0)
        return {"callbacks.default": out,
                "callbacks.history_replaced_by_evaluate": model.history is not history,
                "callbacks.history_after_evaluate": model.history.history}
    finally:
        callbacks_module.CallbackList.__init__ = original


def keras22_facts():
    """The Keras 2.2 loop (graph mode on TF 2): what a batch's and an epoch's logs hold."""
    seen = []

    class Logs(keras.callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            seen.append(dict(logs))
    tf.compat.v1.disable_eager_execution()   # for good: this runs last (see FACTS)
    keras.backend.clear_session()
    x, y = data(n=40)
    model = dense_model()
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, epochs=1, batch_size=16, verbose=0, callbacks=[Logs()])
    sizes = [logs["size"] for logs in seen]
    weighted = sum(logs["loss"] * logs["size"] for logs in seen) / sum(sizes)
    facts = {
        "keras22.batch_log_keys": sorted(seen[0]),
        "keras22.batch_sizes": sizes,
        "keras22.epoch_loss_is_size_weighted_mean": bool(
            np.isclose(weighted, history.history["loss"][0], rtol=1e-5)),
        "keras22.epoch_accuracy_is_last_running_value": bool(
            np.isclose(seen[-1]["accuracy"], history.history["accuracy"][0], rtol=1e-6)),
    }
    # With a learning rate of 0 the model keeps giving the same answers: labels it gets
    # right in the first batch and wrong in the others tell a running accuracy (1, 1/2,
    # 16/40) from each batch's own (1, 0, 0).
    seen.clear()
    frozen = dense_model(units=10)
    frozen.compile(optimizer=keras.optimizers.legacy.SGD(learning_rate=0.0),
                   loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    answers = np.argmax(frozen.predict(x, verbose=0), axis=1)
    labels = np.where(np.arange(len(x)) < 16, answers, (answers + 1) % 10)
    frozen.fit(x, labels, epochs=1, batch_size=16, verbose=0, shuffle=False, callbacks=[Logs()])
    right = np.argmax(frozen.predict(x, verbose=0), axis=1) == labels
    ends = np.cumsum([logs["size"] for logs in seen])
    facts["keras22.batch_accuracy"] = {
        "logged": [round(float(logs["accuracy"]), 4) for logs in seen],
        "this batch": [round(float(right[end - logs["size"]:end].mean()), 4)
                       for end, logs in zip(ends, seen)]}
    return facts


def unknown_metric_facts():
    """An unknown metric name: when tf_keras finds it, with what error, and what changed."""
    out = {}
    for mode, run_eagerly in (("graph", False), ("eager", True)):
        keras.backend.clear_session()
        x, y = data(n=10)
        model = keras.Sequential([keras.layers.Dense(3, activation="softmax", input_shape=(4,))])
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy",
                      metrics=["acuracy"], run_eagerly=run_eagerly)
        before = model.get_weights()
        try:
            model.fit(x, y, verbose=0)
            error = None
        except Exception as e:  # noqa: BLE001 - the type is the fact
            lines = [line.strip() for line in str(e).splitlines() if line.strip()]
            error = {"type": type(e).__name__, "message": lines[-1][:160]}
        out[mode] = {"error": error,
                     "weights_changed": not all(np.array_equal(a, b) for a, b in
                                                zip(before, model.get_weights())),
                     "iterations": int(model.optimizer.iterations.numpy())}
    return {"fit.unknown_metric": out}


# -- build ---------------------------------------------------------------------
def build_facts():
    """Where ``_init_graph_network`` runs when a Sequential model is built with a shape."""
    keras.backend.clear_session()
    calls = []
    targets = [(sequential.Sequential, "build", "Sequential.build"),
               (sequential.Sequential, "_build_graph_network_for_inferred_shape",
                "Sequential._build_graph_network_for_inferred_shape"),
               (functional.Functional, "_init_graph_network", "Functional._init_graph_network"),
               (functional, "_build_map", "functional._build_map")]
    model = keras.Sequential([keras.layers.Dense(512, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    with watch(targets, calls):
        model.build((None, 784))
    return {"build.sequential_tree": [[depth, label] for depth, label in calls]}


def skip_model(layers, Model, swap=False):
    """The branching model of the skip-connections chapter (``swap``: its exercise 2)."""
    x = layers.Input((4,), name="x")
    a = layers.Dense(4, name="a")(x)
    b = layers.Dense(4, name="b")(a)
    c = layers.Dense(4, name="c")(x)
    return Model(x, layers.Concatenate(name="join")([x, c, b] if swap else [b, c, x]))


def graph_facts():
    """``_build_map``'s visits (layer, recursion depth) and ``_nodes_by_depth``."""
    keras.backend.clear_session()
    visits = []
    original = functional._build_map_helper
    depth = [0]

    def helper(tensor, *args, **kwargs):
        visits.append([tensor._keras_history.layer.name, depth[0]])
        depth[0] += 1
        try:
            return original(tensor, *args, **kwargs)
        finally:
            depth[0] -= 1
    functional._build_map_helper = helper
    try:
        model = skip_model(keras.layers, keras.Model)
    finally:
        functional._build_map_helper = original
    by_depth = {str(d): [node.layer.name for node in nodes]
                for d, nodes in sorted(model._nodes_by_depth.items())}
    order = [layer.name for layer in model.layers]
    return {"graph.skip_visits": visits, "graph.skip_nodes_by_depth": by_depth,
            "graph.skip_layers": order}


def adapter_facts():
    """Which adapter tf_keras picks for the eight inputs of examples/data_adapters.py, and
    how many steps an epoch of 100 samples takes without ``batch_size``."""
    import scipy.sparse
    from tf_keras.src.engine import data_adapter
    rng = np.random.default_rng(0)
    x = rng.random((100, 4), dtype="float32")
    y = (x.sum(axis=1) > 2).astype("float32")

    class ArrayLike:
        def __init__(self, array):
            self.array, self.shape, self.dtype = array, array.shape, array.dtype

        def __len__(self):
            return len(self.array)

        def __getitem__(self, index):
            return self.array[index]

    class Batches(keras.utils.Sequence):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            return x[25 * i:25 * (i + 1)], y[25 * i:25 * (i + 1)]

    def forever():
        while True:
            yield x[:25], y[:25]
    inputs = {
        "lists": (x.tolist(), y.tolist()),
        "NumPy arrays": (x, y),
        "array-like": (ArrayLike(x), ArrayLike(y)),
        "Dataset": (tf.data.Dataset.from_tensor_slices((x, y)).batch(25), None),
        "generator": (forever(), None),
        "Sequence": (Batches(), None),
        "sparse matrix": (scipy.sparse.csr_matrix(x), y),
        "DatasetCreator": (keras.utils.experimental.DatasetCreator(
            lambda context: tf.data.Dataset.from_tensor_slices((x, y)).batch(25)), None),
    }
    chosen = {kind: data_adapter.select_data_adapter(xs, ys).__name__
              for kind, (xs, ys) in inputs.items()}
    steps = []

    class Count(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            steps.append(batch)
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(4,))])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, epochs=1, verbose=0, callbacks=[Count()])
    return {"adapters.by_kind": chosen, "fit.steps_for_100_samples_default_batch": len(steps)}


def hook_facts():
    """The hooks a callback receives in a fit of two epochs of three steps with validation."""
    calls = []

    class Hooks(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            calls.append("on_train_begin")

        def on_epoch_begin(self, epoch, logs=None):
            calls.append(f"on_epoch_begin({epoch})")

        def on_train_batch_begin(self, batch, logs=None):
            calls.append(f"on_train_batch_begin({batch})")

        def on_train_batch_end(self, batch, logs=None):
            calls.append(f"on_train_batch_end({batch}) {sorted(logs)}")

        def on_test_begin(self, logs=None):
            calls.append("on_test_begin")

        def on_test_end(self, logs=None):
            calls.append(f"on_test_end {sorted(logs)}")

        def on_epoch_end(self, epoch, logs=None):
            calls.append(f"on_epoch_end({epoch}) {sorted(logs)}")

        def on_train_end(self, logs=None):
            calls.append("on_train_end")
    x, y = data(n=1200, features=4, classes=3)
    model = dense_model()
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, epochs=2, batch_size=512, validation_data=(x[:100], y[:100]),
              callbacks=[Hooks()], verbose=0)
    return {"callbacks.hooks_two_epochs_three_steps": calls}
