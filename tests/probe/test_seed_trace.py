"""The seed MLP traced on real tf_keras (a committed trace) beside tracekeras's own trace.

The probe's trace of ``seed_mlp.py`` on tf_keras 2.21 (``data/``, written by
``make_fixtures.py``) is an ordinary trace: it loads, and the renderers draw it
without the engine. Run on tracekeras, the same unchanged script takes the same
decisions, recorded under the same names and keys: the adapter chosen among the
same eight, the History callback added, ``accuracy`` resolved to
``sparse_categorical_accuracy``, the same layers built with the same input shapes
and weights, and the same ``_build_map`` walk.
"""
import os
import runpy

import pytest

import visualize
from tracekeras import shim, tracing

HERE = os.path.dirname(os.path.abspath(__file__))
KERAS_TRACE = os.path.join(HERE, "data", "seed_mlp.keras.trace.jsonl")


@pytest.fixture(scope="module")
def keras_trace():
    return tracing.load(KERAS_TRACE)


@pytest.fixture(scope="module")
def our_trace():
    with tracing.trace(level="steps") as t, shim.activated():
        runpy.run_path(os.path.join(HERE, "seed_mlp.py"), run_name="__main__")
    return t


def end_args(t, name):
    return [r.get("args", {}) for r in t.records if r["ph"] == "E" and r["name"] == name]


def begin_args(t, name):
    return [r["args"] for r in t.records if r["ph"] == "B" and r["name"] == name]


def decisions(t):
    adapter = end_args(t, "keras.engine.data_adapter.select_data_adapter")[0]
    return {
        "adapter": (adapter["chosen"], adapter["asked"]),
        "callbacks": end_args(t, "keras.callbacks.CallbackList._add_default_callbacks")[0],
        "metrics": end_args(t, "keras.engine.compile_utils.MetricsContainer.update_state")[0],
        "builds": begin_args(t, "keras.layers.core.dense.Dense.build"),
        "weights": [(a["layer"], a["weight"], a["shape"]) for a in
                    begin_args(t, "keras.engine.base_layer.Layer.add_weight")
                    if a["layer"].startswith("dense")],
        "walk": begin_args(t, "keras.engine.functional._build_map_helper"),
        "graph": [(layer["name"], layer["class"], layer["params"], layer["depth"])
                  for layer in t.graphs()[0]["args"]["layers"]],
        "epochs": [a["epoch"] for a in begin_args(t, tracing.EPOCHS_NAME)],
    }


def test_the_keras_trace_names_its_engine_and_renders_without_the_engine(keras_trace,
                                                                           tmp_path):
    assert keras_trace.header["engine"] == "tf_keras"
    assert keras_trace.header["engine_version"] == "2.21.0"
    written = visualize.write_all(keras_trace, str(tmp_path), stem="keras")
    assert os.path.exists(written["html"])


def test_both_engines_take_the_same_decisions_on_the_seed(keras_trace, our_trace):
    assert decisions(our_trace) == decisions(keras_trace)


def test_both_engines_run_the_same_callback_hooks_in_the_same_order(keras_trace, our_trace):
    def hooks(t):
        return [(r["name"].rsplit(".", 1)[-1], r["args"].get("batch", r["args"].get("epoch")))
                for r in t.records if r["ph"] == "B" and ".CallbackList.on_" in r["name"]]
    assert hooks(our_trace) == hooks(keras_trace)
