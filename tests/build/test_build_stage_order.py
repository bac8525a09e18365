"""The build stages trace exactly as tf_keras 2.21 ran them (tests/data/reference_stages).

Only the construction and build stages are compared here (names under
``keras.engine.sequential``, ``functional``, ``input_layer``, ``base_layer.Layer``
and ``keras.layers``), and they must match one for one, in order, with the
reference's ``layer``/``input_shape``/``wname`` args; compile and fit stages are
the training room's test (tests/training/test_stage_order.py).
"""
import json
import os

import numpy as np

import tracekeras
from tracekeras import layers
from tracekeras.backend import graph_capture
from tracekeras.models import Model, Sequential

STAGES = os.path.join(os.path.dirname(__file__), "..", "data", "reference_stages")
PREFIXES = ("keras.engine.sequential.", "keras.engine.functional.", "keras.engine.input_layer.",
            "keras.engine.base_layer.Layer.", "keras.layers.")


def shape_text(shape):
    dims = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({dims},)" if len(shape) == 1 else f"({dims})"


def is_build_stage(name, args):
    if not name.startswith(PREFIXES):
        return False
    layer = (args or {}).get("layer", "")
    return not (name.endswith("add_weight") and layer in ("loss", "accuracy"))


def reference(scenario, start=None, stop="keras.engine.training.Model.fit"):
    """The reference's build stages from ``start`` (a (name, layer) pair) up to ``stop``."""
    with open(os.path.join(STAGES, f"keystages_{scenario}.json")) as f:
        entries = json.load(f)["keystages"]
    out, started = [], start is None
    for e in entries:
        args = e.get("args") or {}
        if not started and (e["name"], args.get("layer")) == start:
            started = True
        if not started:
            continue
        if e["name"] == stop and (out or start is None):
            break
        if is_build_stage(e["name"], args):
            out.append((e["name"], json.dumps(args, sort_keys=True)))
    return [(name, json.loads(args)) for name, args in out]


def traced(records):
    out = []
    for r in records:
        if r["ph"] == "B" and is_build_stage(r["name"], r.get("args")):
            out.append((r["name"], r.get("args") or {}))
    return out


def assert_same(ours, ref):
    assert [n for n, _ in ours] == [n for n, _ in ref]
    for (name, got), (_, want) in zip(ours, ref):
        for key, value in want.items():
            mine = {"wname": got.get("weight"), "layer": got.get("layer"),
                    "input_shape": shape_text(got["input_shape"]) if got.get("input_shape")
                    else None}.get(key, value)
            assert str(mine) == str(value), (name, key, mine, value)


def seed_layers():
    return [layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")]


def test_s2_construct_then_build():
    with tracekeras.trace(level="full") as t:
        model = Sequential(seed_layers())
        model.build(input_shape=(None, 784))
    assert_same(traced(t.records), reference("S2_seq_build_compile_fit"))


def test_s3_build_of_one_layer():
    with tracekeras.trace(level="full") as t:
        model = Sequential([layers.Dense(512, activation="relu")])
        model.build(input_shape=(None, 784))
    assert_same(traced(t.records), reference("S3_compile_then_build"))


def test_s4_functional_construction():
    with tracekeras.trace(level="full") as t:
        inputs = layers.Input(shape=(784,))
        h = layers.Dense(64, activation="relu")(inputs)
        h = layers.Dense(64, activation="relu")(h)
        outputs = layers.Dense(10, activation="softmax")(h)
        Model(inputs=inputs, outputs=outputs)
    assert_same(traced(t.records), reference("S4_functional_fit"))


def test_s1_lazy_build_inside_the_first_call():
    """S1's first train_step: Layer.__call__(sequential) builds the graph, then runs it.

    The call is made as the step's tf.function makes it (``graph_capture.calling``): there
    the batch dimension is unknown, as in the reference's fit of 60000 samples in batches
    of 128; called eagerly the model would be built for the batch's own (128, 784).
    """
    model = Sequential(seed_layers())
    x = np.zeros((128, 784), np.float32)
    step = graph_capture.GraphFunction(first_call_creates_metric_variables=False)
    with tracekeras.trace(level="full") as t, graph_capture.calling(step):
        model(x, training=True)
    ref = reference("S1_seq_fit", start=("keras.engine.base_layer.Layer.__call__", "sequential"),
                    stop="keras.engine.compile_utils.LossesContainer.__call__")
    assert_same(traced(t.records), ref)
    assert model.built and model._graph_initialized
    assert [layer.name for layer in model._self_tracked_trackables] == [
        "dense_input", "dense", "dense_1"]
    with tracekeras.trace(level="full") as t:   # second call: the graph is reused
        model(x, training=True)
    names = [r["name"] for r in t.records if r["ph"] == "B"]
    assert "keras.engine.input_layer.Input" not in names
    inferred = "keras.engine.sequential.Sequential._build_graph_network_for_inferred_shape"
    assert names.count(inferred) == 1
