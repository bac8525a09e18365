"""The bad-input table: every mistake a Keras user makes, one row each.

A row is ``(id, make, expected, words)``:

- ``make(scene)`` sets the scene up (models, files) and returns a thunk that
  MAKES the mistake;
- ``expected`` is the exception type (``pytest.raises``), a ``Logged`` (no
  exception: a warning line on the ``tracekeras`` logger), ``Runs`` (no
  exception: Keras accepts it too; the row's thunk checks the outcome) or an
  ``Exit(code)`` (the command line: the thunk returns argv; one line on stderr,
  that exit status, never a traceback);
- ``words`` must all appear in the message: what was expected, what was received
  and, where it helps, what to do.

For every row the scene is snapshotted after ``make`` and compared after the
mistake: the weights of every watched model, its optimizer (identity and
``iterations``), its compiled state, and every file under the scene's folder
(bytes) are unchanged. Where a message is Keras's own, the row says so
("tf_keras 2.21 reference", from the reference errors run of real Keras).
"""
import logging
import os

import numpy as np
import pytest

import tracekeras
import visualize
from tracekeras import callbacks, cli, layers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential

X = np.ones((10, 4), np.float32)
Y = np.zeros(10, np.int64)


class Exit:
    def __init__(self, code):
        self.code = code

    def __repr__(self):
        return f"Exit({self.code})"


class Logged:
    """No exception: a warning on the ``tracekeras`` logger holding the words."""


class Runs:
    """No exception (Keras accepts this too); the thunk asserts what happens."""


class Scene:
    """What a mistake could change: watched models and the files under ``folder``."""

    def __init__(self, folder):
        self.folder = str(folder)
        self.models = []

    def path(self, *parts):
        return os.path.join(self.folder, *parts)

    def watch(self, model):
        self.models.append(model)
        return model

    def model(self, compile=True, build=True, **compile_kwargs):
        clear_session()
        model = Sequential([layers.Dense(3, activation="softmax")])
        if build:
            model.build((None, 4))
        if compile:
            kwargs = {"optimizer": "sgd", "loss": "sparse_categorical_crossentropy"}
            kwargs.update(compile_kwargs)
            model.compile(**kwargs)
        return self.watch(model)

    def snapshot(self):
        state = []
        for model in self.models:
            weights = [w.tobytes() for w in model.get_weights()] if model.built else None
            optimizer = getattr(model, "optimizer", None)
            iterations = int(optimizer.iterations.numpy()) if optimizer is not None else None
            state.append((weights, id(optimizer), iterations, model._is_compiled,
                          id(getattr(model, "compiled_loss", None)),
                          id(getattr(model, "compiled_metrics", None)),
                          [layer.name for layer in model.layers]))
        files = {}
        for root, dirs, names in os.walk(self.folder):
            for name in dirs + names:
                full = os.path.join(root, name)
                files[os.path.relpath(full, self.folder)] = (
                    open(full, "rb").read() if os.path.isfile(full) else "dir")
        return state, files


# -- the scenes -------------------------------------------------------------------------------
def fit(**kwargs):
    """A compiled model, and the thunk that fits it with ``kwargs`` (x=X, y=Y by default)."""
    def make(scene, compile_kwargs=None):
        model = scene.model(**(compile_kwargs or {}))
        call = {"x": X, "y": Y, "verbose": 0}
        call.update(kwargs)
        return lambda: model.fit(**call)
    return make


def compiled_with(**compile_kwargs):
    """A built model, compiled once correctly; the thunk compiles it again with a mistake."""
    def make(scene):
        model = scene.model()
        kwargs = {"optimizer": "sgd", "loss": "sparse_categorical_crossentropy"}
        kwargs.update(compile_kwargs)
        return lambda: model.compile(**kwargs)
    return make


def fit_compiled_with(data=None, **compile_kwargs):
    def make(scene):
        model = scene.model(**compile_kwargs)
        x, y = data or (X, Y)
        return lambda: model.fit(x, y, verbose=0)
    return make


def call(method, *args, **kwargs):
    """A compiled model; the thunk calls ``model.<method>(*args, verbose=0, **kwargs)``."""
    def make(scene):
        model = scene.model()
        return lambda: getattr(model, method)(*args, verbose=0, **kwargs)
    return make


def unbuilt(method):
    def make(scene):
        model = scene.model(compile=False, build=False)
        return lambda: getattr(model, method)()
    return make


def functional(kind):
    def make(scene):
        clear_session()
        a = layers.Input((3,))
        if kind == "disconnected":
            b = layers.Input((3,))
            return lambda: Model(a, layers.Dense(2)(b))
        out = layers.Dense(2, name="twin")(layers.Dense(2, name="twin")(a))
        return lambda: Model(a, out)
    return make


def wrong_last_dim(scene):
    model = scene.model(compile=False)
    return lambda: model(np.ones((2, 5), np.float32))


def fit_wrong_last_dim(scene):
    model = scene.model()
    return lambda: model.fit(np.ones((6, 5), np.float32), Y[:6], verbose=0)


def before_compile(method):
    def make(scene):
        model = scene.model(compile=False)
        return lambda: getattr(model, method)(X, Y, verbose=0)
    return make


def predict_before_compile(scene):
    model = scene.model(compile=False)

    def thunk():   # Keras predicts without compile
        assert model.predict(X, verbose=0).shape == (10, 3)
    return thunk


def fit_epochs_before_initial(scene):
    model = scene.model()

    def thunk():   # Keras runs no epoch and returns an empty History
        history = model.fit(X, Y, epochs=1, initial_epoch=3, verbose=0)
        assert history.history == {} and history.epoch == []
    return thunk


def fit_nan_inputs(scene):
    model = scene.model()
    scene.models.remove(model)   # Keras trains on NaN: the weights become NaN, no crash

    def thunk():
        history = model.fit(np.full((10, 4), np.nan, np.float32), Y, verbose=0)
        assert len(history.history["loss"]) == 1 and np.isnan(history.history["loss"][0])
    return thunk


def generator_with_batch_size(scene):
    model = scene.model()
    scene.models.remove(model)   # it trains: batch_size is ignored, the generator's batches count

    def thunk():
        batches = iter([(X[:3], Y[:3])] * 4)
        with tracekeras.trace() as t:
            history = model.fit(batches, batch_size=2, steps_per_epoch=2, verbose=0)
        assert len(history.history["loss"]) == 1
        assert model.optimizer.iterations.numpy() == 2
        # the trace notes the batch_size it ignored (Keras ignores it silently)
        notes = [r["args"] for r in t.records if "batch_size_ignored" in (r.get("args") or {})]
        assert notes and notes[0]["batch_size_ignored"] == 2
    return thunk


def dataset_creator_without_steps(scene):
    from tracekeras.data import DatasetCreator
    model = scene.model()
    return lambda: model.fit(DatasetCreator(lambda context: None), verbose=0)


def early_stopping_missing_monitor(scene):
    model = scene.model()
    scene.models.remove(model)   # it trains (Keras only warns)
    stop = callbacks.EarlyStopping(monitor="val_foo")
    return lambda: model.fit(X, Y, epochs=2, verbose=0, callbacks=[stop])


def checkpoint_into(where):
    def make(scene):
        model = scene.model()
        if where == "folder":   # Keras finds it at its first save; we refuse at on_train_begin
            target = scene.path("ckpt")
            os.mkdir(target)
            return lambda: model.fit(X, Y, verbose=0,
                                     callbacks=[callbacks.ModelCheckpoint(target)])
        scene.models.remove(model)
        target = scene.path("no", "such", "w.weights.h5")

        def thunk():   # Keras's save_weights creates missing folders: so do we
            model.fit(X, Y, verbose=0, callbacks=[callbacks.ModelCheckpoint(target)])
            assert os.path.isfile(target)
        return thunk
    return make


def load_foreign(scene):
    model = scene.model()
    path = scene.path("notes.txt")
    with open(path, "w") as f:
        f.write("hello")
    return lambda: model.load_weights(path)


def load_mismatched(kind):
    def make(scene):
        path = scene.path("three.h5")   # the legacy layout, where Keras counts layers
        scene.model().save_weights(path)
        scene.models.clear()
        clear_session()
        if kind == "layers":
            other = Sequential([layers.Dense(2), layers.Dense(1)])
        else:
            other = Sequential([layers.Dense(2, activation="softmax")])
        other.build((None, 4))
        scene.watch(other)
        return lambda: other.load_weights(path)
    return make


def save_no_overwrite(scene):
    model = scene.model()
    path = scene.path("kept.weights.h5")
    model.save_weights(path)
    return lambda: model.save_weights(path, overwrite=False)


def command(*argv):
    def make(scene):
        return lambda: [a.format(tmp=scene.folder) for a in argv]
    return make


def bad_trace_file(text, *argv):
    def make(scene):
        with open(scene.path("t.jsonl"), "w") as f:
            f.write(text)
        return lambda: [a.format(tmp=scene.folder) for a in argv]
    return make


def renderer(name, source):
    def make(scene):
        return lambda: getattr(visualize, name)(source)
    return make


SEED_TRACE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          "visualize", "data", "seed_fit.jsonl")
HEADER_ONLY = [{"ph": "B", "id": 1, "parent": None, "name": "keras.engine.training.Model.fit",
                "stage": "fit", "ts": 1, "args": {}},
               {"ph": "E", "id": 1, "name": "keras.engine.training.Model.fit", "ts": 2}]

# -- THE TABLE --------------------------------------------------------------------------------
# (id, make, expected, words). Messages marked "Keras" are tf_keras 2.21 reference messages.
ROWS = [
    # build
    ("build-sequential-without-input-shape",  # Keras: "You must provide an `input_shape` argument."
     lambda s: s.watch(Sequential([layers.Dense(2)])).build, ValueError, ["input_shape"]),
    ("dense-on-1d-input",   # Keras: expected min_ndim=2, found ndim=1. Full shape received: (5,)
     lambda s: lambda: layers.Dense(2)(np.ones(5, np.float32)), ValueError,
     ["expected min_ndim=2", "found ndim=1", "(5,)"]),
    ("call-with-wrong-last-dim-after-build", wrong_last_dim, ValueError,
     ["expected axis -1 of input shape to have value 4", "received input with shape (2, 5)"]),
    ("fit-with-wrong-last-dim-after-build", fit_wrong_last_dim, ValueError,
     ["expected axis -1 of input shape to have value 4", "(6, 5)"]),
    ("summary-before-build", unbuilt("summary"), ValueError,   # Keras's message
     ["has not yet been built", "calling `build()`"]),
    ("get_weights-before-build", unbuilt("get_weights"), ValueError,
     ["have not yet been created", "`build()`"]),
    ("count_params-before-build", unbuilt("count_params"), ValueError,
     ["isn't built", ".build(batch_input_shape)"]),
    ("functional-disconnected-graph", functional("disconnected"), ValueError,
     ["Graph disconnected", "input_"]),
    ("functional-duplicate-layer-names", functional("duplicate"), ValueError,
     ['"twin" is used 2 times', "unique"]),
    ("input-negative-dim", lambda s: lambda: layers.Input(shape=(-3,)), ValueError,
     ["Dimension -3 must be >= 0", "Received: shape=(-3,)"]),   # Keras: "Dimension -3 must be >= 0"
    ("input-shape-not-a-tuple", lambda s: lambda: layers.Input(shape="abc"), TypeError,
     ["must be a tuple of integers or None", "Received: shape='abc'"]),
    # compile (each after one good compile: a failed compile keeps the first)
    ("compile-unknown-optimizer", compiled_with(optimizer="rmsprp"), ValueError,  # Keras's
     ["Unknown optimizer: 'rmsprp'"]),
    ("compile-unknown-loss", compiled_with(loss="msee"), ValueError,
     ["Unknown loss function: 'msee'"]),
    ("compile-run_eagerly-and-jit_compile", compiled_with(run_eagerly=True, jit_compile=True),
     ValueError, ["cannot enable `run_eagerly` and `jit_compile` at the same time"]),
    ("compile-distribute", compiled_with(distribute="mirrored"), ValueError,
     ["`distribute` argument", "strategy.scope()", "Received: mirrored"]),
    ("compile-target_tensors", compiled_with(target_tensors=[1]), ValueError,
     ["`target_tensors` argument is not supported", "Received: [1]"]),
    ("compile-unknown-kwarg", compiled_with(foo=1), TypeError,
     ["Invalid keyword argument(s) in `compile()`", "foo", "Valid keyword arguments include"]),
    ("compile-metrics-as-a-string", compiled_with(metrics="accuracy"), TypeError,
     ["Expected a list or dictionary", "found: accuracy"]),
    ("compile-steps_per_execution-0", compiled_with(steps_per_execution=0), ValueError,
     ["positive integer", "Received: 0"]),
    # mistakes Keras finds at the first fit (as it does: the containers build lazily)
    ("fit-unknown-metric", fit_compiled_with(metrics=["acuracy"]), ValueError,
     ["Unknown metric function: 'acuracy'"]),
    # Keras finds duplicate names at the first fit; the names are known at compile, we say it then
    ("compile-duplicate-metric-names", compiled_with(metrics=["accuracy", "accuracy"]),
     ValueError, ["two metrics with the same name: accuracy", "unique names"]),
    # fit / evaluate / predict
    ("fit-before-compile", before_compile("fit"), RuntimeError,   # Keras's
     ["must compile your model before training/testing", "model.compile(optimizer, loss)"]),
    ("evaluate-before-compile", before_compile("evaluate"), RuntimeError,
     ["must compile your model"]),
    ("predict-before-compile-works", predict_before_compile, Runs, []),
    ("train_on_batch-before-compile", lambda s: (lambda m: lambda: m.train_on_batch(X, Y))(
        s.model(compile=False)), RuntimeError, ["must compile your model"]),
    ("evaluate-x-y-length-mismatch", call("evaluate", X, Y[:4]), ValueError,
     ["x sizes: 10", "y sizes: 4"]),
    ("evaluate-batch_size-0", call("evaluate", X, Y, batch_size=0), ValueError,
     ["positive integer", "batch_size=0"]),
    ("evaluate-unknown-kwarg", call("evaluate", X, Y, foo=1), TypeError,
     ["Invalid keyword arguments", "foo"]),
    ("predict-wrong-last-dim", call("predict", np.ones((3, 7), np.float32)), ValueError,
     ["expected axis -1 of input shape to have value 4", "(3, 7)"]),   # Keras: (None, 7)
    ("predict-empty-arrays", call("predict", X[:0]), ValueError, ["non-empty"]),
    ("predict-x-none", call("predict", None), ValueError, ["Expected `x` to be data", "x=None"]),
    ("fit-x-y-length-mismatch", fit(y=Y[:7]), ValueError,
     ["x sizes: 10", "y sizes: 7", "same number of samples"]),
    ("fit-y-none-with-a-loss", fit(y=None), ValueError,
     ["Target data is missing", "loss=sparse_categorical_crossentropy"]),
    ("fit-loss-none", fit_compiled_with(loss=None), ValueError,
     ["No loss found", "`loss` argument in the `compile()`"]),
    ("fit-batch_size-0", fit(batch_size=0), ValueError, ["positive integer", "batch_size=0"]),
    ("fit-batch_size-negative", fit(batch_size=-1), ValueError, ["batch_size=-1"]),
    ("fit-batch_size-float", fit(batch_size=1.5), TypeError,   # tf_keras 2.21: TypeError
     ["must be an integer", "batch_size=1.5", "float"]),
    ("fit-epochs-negative", fit(epochs=-1), ValueError, ["non-negative integer", "epochs=-1"]),
    ("fit-initial_epoch-after-epochs", fit_epochs_before_initial, Runs, []),
    ("fit-empty-arrays", fit(x=X[:0], y=Y[:0]), ValueError, ["non-empty"]),
    ("fit-sparse-labels-out-of-range", fit(y=Y + 5), ValueError,
     ["label value of 5", "valid range of [0, 3)"]),
    ("fit-one-hot-loss-with-integer-labels",
     fit_compiled_with(loss="categorical_crossentropy"), ValueError,
     ["Shapes (None, 1) and (None, 3) are incompatible"]),
    ("fit-validation_split-1", fit(validation_split=1.0), ValueError,
     ["10 samples", "validation_split=1.0", "provide more data"]),
    ("fit-validation_split-negative", fit(validation_split=-0.1), ValueError,
     ["between 0 and 1", "validation_split=-0.1"]),
    ("fit-validation_split-leaves-no-training-data",
     fit(x=X[:1], y=Y[:1], validation_split=0.5), ValueError,
     ["1 samples", "not sufficient", "validation_split=0.5"]),
    ("fit-string-data", fit(x=np.array([["a"] * 4] * 10)), ValueError,   # as tf_keras 2.21
     ["Cast string to float is not supported", "inputs=tf.Tensor(shape=(10, 4), dtype=string)"]),
    ("fit-object-data", fit(x=np.array([[None] * 4] * 10)), ValueError,
     ["numeric data", "dtype object"]),
    ("fit-validation_data-without-targets", fit(validation_data=(X,)), ValueError,
     ["validation_data", "Target data is missing"]),
    ("fit-validation_data-four-items", fit(validation_data=(X, Y, Y, Y)), ValueError,
     ["`(x, y, sample_weight)`", "4"]),
    ("fit-class_weight-missing-class", fit(y=np.arange(10) % 3, class_weight={0: 1.0, 1: 2.0}),
     ValueError, ["Class 2", "no entry in `class_weight`"]),
    ("fit-sample_weight-wrong-length", fit(sample_weight=np.ones(7)), ValueError,
     ["sample_weight sizes: 7", "x sizes: 10"]),
    ("fit-steps_per_epoch-without-data", fit(x=None, y=None, steps_per_epoch=3), ValueError,
     ["Expected `x` to be data", "Received: x=None"]),
    ("fit-nan-inputs-trains", fit_nan_inputs, Runs, []),
    # data adapters
    ("fit-no-adapter-for-a-set", fit(x={1, 2, 3}), ValueError,
     ["Failed to find data adapter", "<class 'set'>"]),
    ("fit-generator-with-batch_size-ignored", generator_with_batch_size, Runs, []),
    ("fit-DatasetCreator-without-steps", dataset_creator_without_steps, ValueError,
     ["DatasetCreator", "`steps_per_epoch`", "must be provided"]),
    # callbacks and weights files
    ("EarlyStopping-on-a-missing-monitor", early_stopping_missing_monitor, Logged,
     ["Early stopping conditioned on metric `val_foo`", "Available metrics are: loss"]),
    ("ModelCheckpoint-into-a-missing-folder-creates-it", checkpoint_into("missing"), Runs, []),
    ("ModelCheckpoint-onto-a-folder", checkpoint_into("folder"), OSError,
     ["non-directory filepath", "existing directory"]),
    ("load_weights-of-a-foreign-file", load_foreign, ValueError,
     ["notes.txt", "not a ZIP archive", "Expected a tracekeras weights file", "save_weights"]),
    ("load_weights-layer-count-mismatch", load_mismatched("layers"), ValueError,
     ["Model expected 2 layers", "found 1 saved layers"]),
    ("load_weights-shape-mismatch", load_mismatched("shape"), ValueError,
     ["(4, 2)", "(4, 3)", "incompatible"]),
    ("save_weights-overwrite-False-on-an-existing-file", save_no_overwrite, FileExistsError,
     ["the file exists and overwrite=False", "overwrite=True"]),
    # the command line
    ("cli-missing-trace", command("render", "{tmp}/missing.jsonl"), Exit(1),
     ["cannot read trace", "missing.jsonl", "no such file"]),
    ("cli-malformed-trace", bad_trace_file('{"ph": "B", garbage\n', "show", "{tmp}/t.jsonl"),
     Exit(1), ["t.jsonl is not a tracekeras trace", "not JSON"]),
    ("cli-not-a-trace", bad_trace_file("hello\n", "summary", "{tmp}/t.jsonl"), Exit(1),
     ["not a tracekeras trace"]),
    ("cli-unknown-format", command("render", SEED_TRACE, "--format", "gif"), Exit(2),
     ["unknown format 'gif'", "expected one of svg"]),
    ("cli-unwritable-output", bad_trace_file("a file, not a folder", "render", SEED_TRACE, "-f",
                                             "mermaid", "-o", "{tmp}/t.jsonl/x.mmd"), Exit(1),
     ["cannot write into", "t.jsonl", "it is a file, not a folder"]),
    ("cli-output-is-a-folder", command("render", SEED_TRACE, "-f", "html", "-o", "{tmp}"),
     Exit(1), ["cannot write", "is a directory"]),
    ("cli-run-a-missing-script", command("run", "{tmp}/missing.py"), Exit(1),
     ["cannot run", "missing.py", "no such file"]),
    # the renderers
    ("renderer-records-that-are-not-a-trace", renderer("html_report", [1, 2]), TypeError,
     ["Expected trace records", "Received an item of type int"]),
    ("renderer-a-number", renderer("tree", 42), TypeError,
     ["Expected a trace", "Received: 42", "type int"]),
    ("layer_graph-without-a-G-snapshot", renderer("layer_graph", HEADER_ONLY), ValueError,
     ["no graph snapshot", "Snapshots found: none", "_init_graph_network"]),
]


@pytest.mark.parametrize("row_id, make, expected, words", ROWS, ids=[r[0] for r in ROWS])
def test_bad_input(row_id, make, expected, words, tmp_path, capsys, caplog):
    scene = Scene(tmp_path)
    mistake = make(scene)
    before = scene.snapshot()
    if isinstance(expected, Exit):
        status = cli.main(mistake())
        out, err = capsys.readouterr()
        assert status == expected.code
        assert "Traceback" not in err and err.count("\n") == 1, err
        message = err
    elif expected is Logged:
        with caplog.at_level(logging.WARNING, logger="tracekeras"):
            mistake()
        message = caplog.text
    elif expected is Runs:
        mistake()
        message = ""
    else:
        with pytest.raises(expected) as info:
            mistake()
        message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    after = scene.snapshot()
    if expected is Runs:   # it ran: files may appear, but the watched models are untouched
        after, before = after[0], before[0]
    assert after == before, "the mistake changed state before its error"


def test_every_row_has_a_unique_id_and_the_table_covers_each_room():
    ids = [r[0] for r in ROWS]
    assert len(ids) == len(set(ids))
    for prefix in ("build", "compile", "fit", "evaluate", "predict", "ModelCheckpoint",
                   "load_weights", "save_weights", "cli", "renderer", "layer_graph"):
        assert any(i.startswith(prefix) for i in ids), prefix


def test_the_command_line_never_prints_a_traceback_in_a_real_process(tmp_path):
    """The rows above call cli.main; one real process proves the console entry point too."""
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run([sys.executable, "-m", "tracekeras", "run", str(tmp_path / "none.py")],
                         capture_output=True, text=True, cwd=root, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == [
        f"tracekeras run: error: cannot run '{tmp_path / 'none.py'}': no such file"]
