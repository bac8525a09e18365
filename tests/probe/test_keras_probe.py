"""The probe on real tf_keras: the seed model's trace, its decisions, and the unwrapping.

Skipped where tf_keras is not installed (CI); run with the interpreter that has it::

    PYTHONPATH=. /path/to/tf/python -m pytest tests/probe

The seed model is scenario S1 of the reference stages (tf_keras 2.21): Sequential
Dense(512, relu) -> Dense(10, softmax), rmsprop, sparse categorical crossentropy,
accuracy, built lazily inside the first train step; here on 300 samples, batch 128.
"""
import importlib.util
import os

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("tf_keras") is None,
                                reason="needs tf_keras: pip install 'tracekeras[keras]'")

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from tracekeras import probe, tracing  # noqa: E402
from tracekeras.probe import table, wrappers  # noqa: E402
from tracekeras.probe.table import Entry  # noqa: E402

# The key stages of S1 up to the first train step, in order (from tf_keras 2.21's
# reference stage list, keystages_S1_seq_fit).
S1_KEY_STAGES = [
    "keras.engine.sequential.Sequential.__init__",
    "keras.engine.training.Model.compile",
    "keras.engine.training.Model._validate_compile",
    "keras.engine.training.Model._get_optimizer",
    "keras.optimizers.get",
    "keras.saving.legacy.serialization.deserialize_keras_object",
    "keras.engine.compile_utils.LossesContainer.__init__",
    "keras.engine.compile_utils.MetricsContainer.__init__",
    "keras.engine.training.Model.fit",
    "keras.engine.training.Model._assert_compile_was_called",
    "keras.engine.data_adapter.get_data_handler",
    "keras.engine.data_adapter.DataHandler.__init__",
    "keras.engine.data_adapter.select_data_adapter",
    "keras.engine.data_adapter.TensorLikeDataAdapter.__init__",
    "keras.callbacks.CallbackList.__init__",
    "keras.callbacks.CallbackList._add_default_callbacks",
    "keras.callbacks.History.__init__",
    "keras.callbacks.CallbackList.set_params",
    "keras.engine.training.Model.make_train_function",
    "keras.callbacks.CallbackList.on_train_begin",
    "keras.callbacks.CallbackList.on_epoch_begin",
    "keras.callbacks.CallbackList.on_train_batch_begin",
    "keras.engine.training.Model.train_step",
    "keras.engine.sequential.Sequential._build_graph_network_for_inferred_shape",
    "keras.engine.input_layer.Input",
    "keras.layers.core.dense.Dense.build",
    "keras.engine.base_layer.Layer.add_weight",
    "keras.engine.functional.Functional._init_graph_network",
    "keras.engine.functional._map_graph_network",
    "keras.engine.functional._build_map",
    "keras.engine.functional._build_map_helper",
    "keras.engine.functional.Functional._run_internal_graph",
    "keras.engine.compile_utils.LossesContainer.__call__",
    "keras.optimizers.optimizer._BaseOptimizer.minimize",
    "keras.optimizers.rmsprop.RMSprop.build",
    "keras.engine.compile_utils.MetricsContainer.update_state",
    "keras.callbacks.CallbackList.on_train_batch_end",
]


def data():
    rng = np.random.default_rng(0)
    return rng.random((300, 784), dtype="float32"), rng.integers(0, 10, 300)


def seed_model(keras):
    model = keras.Sequential([keras.layers.Dense(512, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


@pytest.fixture(scope="module")
def keras():
    return probe.import_keras()


@pytest.fixture(scope="module")
def seed_trace(keras):
    x, y = data()
    with probe.trace(level="steps") as t:
        model = seed_model(keras)
        history = model.fit(x, y, epochs=2, batch_size=128, verbose=0)
    return t, history.history


def ends(t, name):
    return [r.get("args", {}) for r in t.records if r["ph"] == "E" and r["name"] == name]


def begins(t, name):
    return [r["args"] for r in t.records if r["ph"] == "B" and r["name"] == name]


def is_subsequence(wanted, names):
    found = iter(names)
    return all(any(name == want for name in found) for want in wanted)


def test_the_header_names_the_engine_and_its_version(seed_trace, keras):
    t, _ = seed_trace
    assert t.header["engine"] == "tf_keras"
    assert t.header["engine_version"] == keras.__version__
    assert t.header["format"] == tracing.FORMAT
    assert t.header["probe_missing"] == []


def test_the_key_stages_of_s1_come_in_keras_order(seed_trace):
    t, _ = seed_trace
    assert is_subsequence(S1_KEY_STAGES, t.names())


def test_the_decisions_are_recorded_with_tracekeras_keys(seed_trace):
    t, _ = seed_trace
    chosen = ends(t, "keras.engine.data_adapter.select_data_adapter")[0]
    assert chosen["chosen"] == "TensorLikeDataAdapter"
    assert chosen["asked"] == ["ListsOfScalarsDataAdapter", "TensorLikeDataAdapter",
                               "GenericArrayLikeDataAdapter", "DatasetAdapter",
                               "GeneratorDataAdapter", "KerasSequenceAdapter",
                               "CompositeTensorDataAdapter", "DatasetCreatorAdapter"]
    assert ends(t, "keras.callbacks.CallbackList._add_default_callbacks")[0] == {
        "added": ["History"], "given": []}
    assert ends(t, "keras.engine.compile_utils.MetricsContainer.update_state")[0] == {
        "resolved": {"accuracy": "sparse_categorical_accuracy"}}
    adapter = ends(t, "keras.engine.data_adapter.TensorLikeDataAdapter.__init__")[0]
    assert (adapter["steps"], adapter["batch_size"], adapter["partial_batch_size"]) == (3, 128, 44)


def test_build_records_layers_shapes_weights_and_the_build_map_walk(seed_trace):
    t, _ = seed_trace
    assert begins(t, "keras.layers.core.dense.Dense.build") == [
        {"layer": "dense", "input_shape": [None, 784]},
        {"layer": "dense_1", "input_shape": [None, 512]}]
    weights = [(a["layer"], a["weight"], a["shape"])
               for a in begins(t, "keras.engine.base_layer.Layer.add_weight")
               if a["layer"].startswith("dense")]
    assert weights == [("dense", "kernel", [784, 512]), ("dense", "bias", [512]),
                       ("dense_1", "kernel", [512, 10]), ("dense_1", "bias", [10])]
    assert begins(t, "keras.engine.functional._build_map_helper") == [
        {"layer": "dense_1", "depth": 0, "visit": 0}, {"layer": "dense", "depth": 1, "visit": 1},
        {"layer": "dense_input", "depth": 2, "visit": 2}]
    graph = t.graphs()[0]["args"]
    assert [layer["name"] for layer in graph["layers"]] == ["dense_input", "dense", "dense_1"]
    assert graph["edges"] == [["dense_input", "dense"], ["dense", "dense_1"]]
    assert [layer["params"] for layer in graph["layers"]] == [0, 401920, 5130]


def test_epoch_logs_are_the_numbers_history_keeps(seed_trace):
    t, history = seed_trace
    logs = [a["logs"] for a in begins(t, "keras.callbacks.CallbackList.on_epoch_end")]
    assert [entry["loss"] for entry in logs] == pytest.approx(history["loss"], rel=1e-6)
    assert [entry["accuracy"] for entry in logs] == pytest.approx(history["accuracy"], rel=1e-6)
    steps = begins(t, tracing.STEP_NAME)
    assert [(s["epoch"], s["step"]) for s in steps] == [(e, s) for e in (0, 1) for s in (0, 1, 2)]


def test_every_original_is_back_after_the_block_even_after_an_error(keras):
    located = {e.name: wrappers.locate(e.where) for e in table.ENTRIES}
    before = {name: value for name, (_, _, value) in located.items()}
    public_input = keras.Input
    x, y = data()
    model = seed_model(keras)
    with pytest.raises(RuntimeError, match="stop here"):
        with probe.trace():
            model.fit(x, y, epochs=1, batch_size=128, verbose=0)
            wrapped = model.train_function
            raise RuntimeError("stop here")
    after = {e.name: wrappers.locate(e.where)[2] for e in table.ENTRIES}
    assert [name for name in before if after[name] is not before[name]] == []
    assert keras.Input is public_input
    assert getattr(wrapped, wrappers.WRAPPED, None) is not None
    assert getattr(model.train_function, wrappers.WRAPPED, None) is None
    python = model.train_function.python_function
    cells = dict(zip(python.__code__.co_freevars, python.__closure__))
    assert getattr(cells["step_function"].cell_contents, wrappers.WRAPPED, None) is None


def test_a_function_the_version_lacks_is_reported_not_a_crash(keras, capsys):
    lacking = Entry("keras.engine.training.Model.fit_in_a_future_version",
                    "tf_keras.src.engine.training:Model.fit_in_a_future_version", "fit")
    x, y = data()
    with probe.trace(entries=table.ENTRIES + [lacking]) as t:
        seed_model(keras).fit(x[:128], y[:128], epochs=1, verbose=0)
    assert t.header["probe_missing"] == [{
        "name": lacking.name, "where": lacking.where,
        "reason": "Model.fit_in_a_future_version is not defined in tf_keras.src.engine.training"}]
    err = capsys.readouterr().err
    assert err.count("tracekeras probe:") == 1
    assert "lacks 1 function(s)" in err and lacking.name in err
    assert "keras.engine.training.Model.fit" in t.names()


def test_the_probe_does_not_change_the_numbers(keras):
    import tensorflow as tf
    x, y = data()

    def train(traced):
        keras.utils.set_random_seed(0)
        model = seed_model(keras)
        if traced:
            with probe.trace():
                model.fit(x, y, epochs=2, batch_size=128, shuffle=False, verbose=0)
        else:
            model.fit(x, y, epochs=2, batch_size=128, shuffle=False, verbose=0)
        return model.get_weights()

    tf.config.experimental.enable_op_determinism()
    plain, traced = train(False), train(True)
    assert all(np.array_equal(a, b) for a, b in zip(plain, traced))
