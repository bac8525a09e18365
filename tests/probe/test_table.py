"""The probe's one table, checked against tracekeras's own names (no TensorFlow needed).

Every Keras name the table wraps must be a name tracekeras's trace writes (the
``@traced`` call sites of the engine, and the spans of a traced run of the seed
model), so the two engines' traces can be set side by side name for name; and
every name the seed run writes is either wrapped or recorded by an entry that is.
"""
import importlib

import numpy as np

import tracekeras
from tracekeras import layers
from tracekeras.models import Sequential
from tracekeras.probe import table, v1_loop, values
from tracekeras.tracing import STAGES
from tracekeras.tracing.call_sites import package_modules, traced_sites
from tracekeras.tracing.schema import LEVELS

KINDS = ("call", "epochs", "steps", "recursion", "context", "make_function", "v1_loop")


def traced_names():
    """The Keras name of every ``@tracing.traced`` function in tracekeras's modules."""
    return {name for module_name in package_modules(skip=("probe",))
            for name, _ in traced_sites(importlib.import_module(module_name))}


def seed_run_names():
    """The span and instant names of the seed model's fit, evaluate and predict, and of
    the model made again from its JSON, traced."""
    rng = np.random.default_rng(0)
    x, y = rng.random((300, 784), dtype="float32"), rng.integers(0, 10, 300)
    with tracekeras.trace(level="steps") as t:
        model = Sequential([layers.Dense(512, activation="relu"),
                            layers.Dense(10, activation="softmax")])
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        model.fit(x, y, epochs=1, batch_size=128, verbose=0)
        model.evaluate(x, y, verbose=0)
        model.predict(x, verbose=0)
        tracekeras.models.model_from_json(model.to_json())
    return {r["name"] for r in t.records if r["ph"] in ("B", "i")}


def test_every_wrapped_name_is_one_tracekeras_writes():
    ours = traced_names() | seed_run_names()
    assert [name for name in table.NAMES if name not in ours] == []


def test_every_name_of_the_seed_run_is_wrapped_or_recorded_by_a_wrapped_entry():
    seed = seed_run_names()
    unprobed = sorted(name for name in seed
                      if name not in table.NAMES and table.RECORDED_BY.get(name)
                      not in table.NAMES)
    assert unprobed == []


def test_the_table_names_each_keras_name_once_at_a_tf_keras_location():
    # a name may stand at two locations: the eager method and its graph-mode twin
    # (training_v1.Model, base_layer_v1.Layer)
    wheres = [(entry.name, entry.where) for entry in table.ENTRIES]
    assert len(set(wheres)) == len(wheres)
    for name in {name for name in table.NAMES if table.NAMES.count(name) > 1}:
        places = sorted(entry.where.startswith(v1_loop.GRAPH_MODE) for entry in table.ENTRIES
                        if entry.name == name)
        assert places == [False, True], name
    for entry in table.ENTRIES:
        module, colon, qualname = entry.where.partition(":")
        assert colon and qualname, entry
        assert module.startswith(("tf_keras.src.", "tensorflow.python.")), entry
        assert entry.kind in KINDS, entry
        assert entry.level in LEVELS, entry
        assert callable(entry.stage) or entry.stage in STAGES, entry


def test_deserialize_takes_the_stage_tracekeras_gives_by_what_it_resolves():
    assert table.deserialize_stage(("rmsprop", {}, None, "optimizer"), {}) == "optimizer"
    assert table.deserialize_stage(("mse",), {"printable_module_name": "loss function"}) == "loss"
    assert table.deserialize_stage(("relu",), {}) == "layer"


def test_facts_write_shapes_and_logs_as_the_trace_does():
    assert values.shape_list((None, 784)) == [None, 784]
    assert values.shape_list([(None, 4), (None, 2)]) == [[None, 4], [None, 2]]
    assert values.scalar_logs({"loss": np.float32(0.5), "outputs": np.zeros(3)}) == {"loss": 0.5}
    assert values.qualified(np.ndarray) == "numpy.ndarray"
