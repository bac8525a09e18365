"""Ask real tf_keras what the chapters say it does: ``docs/data/keras_facts.json``.

Run with the TensorFlow venv (CI never needs it; the JSON is committed)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python docs/make_keras_facts.py

Each function below runs a small program on tf_keras 2.21 and returns the facts
a chapter states (an order of calls, which callbacks a container holds, which
accuracy a string became, what a ``.keras`` file holds). The calls are watched
by wrapping tf_keras functions for the run (``watch``); nothing of tf_keras is
copied. ``tests/docs/test_keras_facts.py`` holds each chapter's sentence next
to the fact it rests on, and the chapters' doctests compare tracekeras's run
with these facts.
"""
import contextlib
import functools
import inspect
import io
import json
import os
import sys
import tempfile
import zipfile

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "keras_facts.json")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras.src import callbacks as callbacks_module  # noqa: E402
from tf_keras.src.engine import compile_utils, functional, sequential, training  # noqa: E402
from tf_keras.src.saving import saving_lib  # noqa: E402


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
    return {
        "keras22.batch_log_keys": sorted(seen[0]),
        "keras22.batch_sizes": sizes,
        "keras22.epoch_loss_is_size_weighted_mean": bool(
            np.isclose(weighted, history.history["loss"][0], rtol=1e-5)),
        "keras22.epoch_accuracy_is_last_running_value": bool(
            np.isclose(seen[-1]["accuracy"], history.history["accuracy"][0], rtol=1e-6)),
    }


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


# -- train_step ------------------------------------------------------------------
def train_step_facts():
    keras.backend.clear_session()
    rng = np.random.default_rng(0)
    x = rng.random((64, 4), dtype="float32")
    y = x @ np.array([[1.0], [2.0], [-1.0], [0.5]], dtype="float32")
    calls = []
    targets = [(training.Model, "compute_loss", "Model.compute_loss"),
               (training.Model, "compute_metrics", "Model.compute_metrics"),
               (training.Model, "reset_metrics", "Model.reset_metrics"),
               (training.Model, "train_step", "Model.train_step")]
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"], run_eagerly=True)
    before = [m.name for m in model.metrics]
    with watch(targets, calls):
        model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    after = [m.name for m in model.metrics]

    class OwnMetrics(keras.Model):
        listed = True

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loss_tracker = keras.metrics.Mean(name="loss")
            self.mae = keras.metrics.MeanAbsoluteError(name="mae")

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = keras.losses.mean_squared_error(y, y_pred)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.loss_tracker.update_state(loss)
            self.mae.update_state(y, y_pred)
            return {"loss": self.loss_tracker.result(), "mae": self.mae.result()}

        @property
        def metrics(self):
            return [self.loss_tracker, self.mae] if self.listed else []
    counts = {}
    for listed in (True, False):
        inputs = keras.Input((4,))
        own = OwnMetrics(inputs, keras.layers.Dense(1)(inputs))
        own.listed = listed
        own.compile(optimizer="sgd")
        own.fit(x, y, epochs=3, batch_size=32, verbose=0)
        counts["listed" if listed else "forgotten"] = int(own.mae.count.numpy())
    return {"train_step.metrics_after_compile": before,
            "train_step.metrics_after_fit": after,
            "train_step.calls_two_epochs_two_steps": [label for _, label in calls],
            "train_step.mae_count_after_three_epochs": counts}


# -- CNN and RNN -----------------------------------------------------------------
def cnn_rnn_facts():
    keras.backend.clear_session()
    convnet = keras.Sequential([keras.layers.Conv2D(32, 3, activation="relu"),
                                keras.layers.Flatten(),
                                keras.layers.Dense(128, activation="relu"),
                                keras.layers.Dense(10)])
    convnet.build((None, 28, 28, 1))
    keras.backend.clear_session()
    reader = keras.Sequential([keras.layers.Embedding(10, 8, mask_zero=True),
                               keras.layers.LSTM(16),
                               keras.layers.Dense(1, activation="sigmoid")])
    built_at_construction = reader.built
    tokens = np.array([[3, 7, 2, 0, 0], [5, 1, 0, 0, 0], [4, 4, 9, 8, 6], [2, 0, 0, 0, 0]])
    mask = reader.layers[0].compute_mask(tf.constant(tokens)).numpy().tolist()
    same = np.allclose(reader.predict(tokens[:1], verbose=0),
                       reader.predict(tokens[:1, :3], verbose=0))
    return {
        "cnn.weights": [[w.name, list(w.shape)] for w in convnet.weights],
        "cnn.output_shapes": [list(layer.output_shape) for layer in convnet.layers],
        "cnn.params": convnet.count_params(),
        "rnn.built_at_construction": built_at_construction,
        "rnn.weights": [[w.name, list(w.shape)] for w in reader.weights],
        "rnn.mask": mask,
        "rnn.padding_changes_nothing": bool(same),
    }


# -- saving ------------------------------------------------------------------------
def saving_facts():
    keras.backend.clear_session()
    x, y = data(n=16, features=3, classes=2)
    model = keras.Sequential([keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=1, verbose=0)
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "model.keras")
    model.save(path)
    paths = []
    with zipfile.ZipFile(path) as archive:
        members = [[info.filename, info.compress_type] for info in archive.infolist()]
        metadata = sorted(json.loads(archive.read("metadata.json")))
        config = json.loads(archive.read("config.json"))
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as h5:
            h5.visititems(lambda name, obj: paths.append(
                [name, list(obj.shape)] if isinstance(obj, h5py.Dataset) else [name, None]))
    calls = []
    targets = [(saving_lib, "load_model", "saving_lib.load_model"),
               (sequential.Sequential, "from_config", "Sequential.from_config"),
               (keras.layers.Layer, "build_from_config", "Layer.build_from_config"),
               (training.Model, "compile_from_config", "Model.compile_from_config"),
               (training.Model, "compile", "Model.compile"),
               (saving_lib, "_load_state", "saving_lib._load_state")]
    with watch(targets, calls):
        loaded = keras.models.load_model(path)
    top = []
    for depth, label in calls:
        if depth <= 2 and (not top or top[-1] != [depth, label]):
            top.append([depth, label])
    return {"saving.members": members, "saving.metadata_keys": metadata,
            "saving.config_keys": list(config), "saving.class_name": config["class_name"],
            "saving.h5_paths": paths, "saving.load_model_path": top,
            "saving.iterations_after_load": int(loaded.optimizer.iterations.numpy())}


def exercise_facts():
    """The answers of the chapters' "predict, then run" questions that concern Keras."""
    from tf_keras.src.engine import data_adapter
    rng = np.random.default_rng(0)
    x = rng.random((20, 4), dtype="float32")
    y = rng.integers(0, 2, size=20)

    def batches():
        while True:
            yield x[:5], y[:5]
    inputs = {"NumPy x, NumPy y": (x, y), "NumPy x, list y": (x, y.tolist()),
              "list of lists x, list y": (x.tolist(), y.tolist()),
              "list of floats x, list y": (x[:, 0].tolist(), y.tolist()),
              "generator": (batches(), None)}
    adapters = {}
    for kind, (xs, ys) in inputs.items():
        try:
            adapters[kind] = data_adapter.select_data_adapter(xs, ys).__name__
        except ValueError as e:
            adapters[kind] = "ValueError: " + str(e).splitlines()[0][:80]
    keras.backend.clear_session()
    conv = keras.layers.Conv2D(16, 5)
    conv.build((None, 28, 28, 3))
    keras.backend.clear_session()
    lstm_model = keras.Sequential([keras.layers.Embedding(100, 4), keras.layers.LSTM(8)])
    keras.backend.clear_session()
    sgd = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])
    sgd.compile(optimizer="sgd", loss="mse")
    sgd.fit(rng.random((8, 3)), rng.random((8, 2)), verbose=0)
    path = os.path.join(tempfile.mkdtemp(), "sgd.keras")
    sgd.save(path)
    optimizer_vars = []
    with zipfile.ZipFile(path) as archive:
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as h5:
            h5["optimizer/vars"].visit(optimizer_vars.append)
    uncompiled = keras.models.load_model(path, compile=False)
    keras.backend.clear_session()
    visits = []
    original = functional._build_map_helper

    def helper(tensor, *args, **kwargs):
        visits.append(tensor._keras_history.layer.name)
        return original(tensor, *args, **kwargs)
    functional._build_map_helper = helper
    try:
        inp = keras.Input((4,), name="x")
        chain = keras.layers.Dense(4, name="c")(keras.layers.Dense(4, name="b")(
            keras.layers.Dense(4, name="a")(inp)))
        skip = keras.Model(inp, keras.layers.Concatenate(name="join")([chain, inp]))
    finally:
        functional._build_map_helper = original
    keras.backend.clear_session()
    swapped = skip_model(keras.layers, keras.Model, swap=True)
    return {"exercise.adapters": adapters,
            "exercise.swapped_nodes_by_depth": {
                str(d): [node.layer.name for node in nodes]
                for d, nodes in sorted(swapped._nodes_by_depth.items())},
            "exercise.conv_kernel_output_params": [
                list(conv.kernel.shape), list(conv.compute_output_shape((None, 28, 28, 3))),
                conv.count_params()],
            "exercise.lstm_weights": [[w.name, list(w.shape)]
                                      for w in lstm_model.layers[1].weights],
            "exercise.sgd_optimizer_vars": optimizer_vars,
            "exercise.load_compile_false_optimizer": repr(uncompiled.optimizer),
            "exercise.skip_visits": visits,
            "exercise.skip_x_node_depth": next(d for d, nodes in skip._nodes_by_depth.items()
                                               if any(n.layer.name == "x" for n in nodes))}


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


# keras22_facts leaves eager execution off for good (TensorFlow cannot turn it back on): last.
FACTS = [adapter_facts, hook_facts, exercise_facts, compile_facts, accuracy_facts, callback_facts,
         unknown_metric_facts, build_facts, graph_facts, train_step_facts, cnn_rnn_facts,
         saving_facts, keras22_facts]


def main(names):
    facts = {}
    if os.path.exists(OUT):
        with open(OUT, encoding="utf-8") as f:
            facts = json.load(f)["facts"]
    for function in FACTS:
        if names and function.__name__ not in names:
            continue
        keras.utils.set_random_seed(0)
        facts.update(function())
        print(function.__name__, "done", file=sys.stderr)
    document = {"source": "tf_keras " + keras.__version__ + ", tensorflow " + tf.__version__
                + ", made by docs/make_keras_facts.py", "facts": dict(sorted(facts.items()))}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT + ".tmp", "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(OUT + ".tmp", OUT)


if __name__ == "__main__":
    main(sys.argv[1:])
