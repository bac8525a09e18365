"""Trace's conveniences hand the records to the renderers in ``visualize``."""
import graphviz
import numpy as np
from rich.console import Console

import tracekeras
from tracekeras import layers
from tracekeras.models import Sequential


def traced_fit():
    model = Sequential([layers.Dense(4, activation="relu"), layers.Dense(2, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    x = np.random.default_rng(0).random((40, 3), dtype="float32")
    y = np.arange(40) % 2
    with tracekeras.trace() as t:
        model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    return model, t


def test_diagrams_from_a_recorded_trace():
    model, t = traced_fit()
    calls = t.call_diagram()
    assert isinstance(calls, graphviz.Digraph) and "Model.fit" in calls.source
    layer_graph = t.layer_graph(model)
    assert "dense_1" in layer_graph.source and "Dense" in layer_graph.source
    assert t.sequence_diagram().lstrip().startswith("sequenceDiagram")
    console = Console(width=120, color_system=None, record=True)
    console.print(t.tree(depth=2))
    assert "Model.fit" in console.export_text()
    assert "<svg" in t._repr_html_()
    events = t.chrome_trace()["traceEvents"]
    assert any(e.get("name", "").endswith("Model.fit") for e in events)
