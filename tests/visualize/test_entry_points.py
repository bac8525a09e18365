"""visualize's entry points draw a Trace just recorded, and a Trace shows itself in Jupyter
through the display visualize registers."""
import graphviz
import numpy as np
from rich.console import Console

import tracekeras
import visualize
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


def test_every_entry_point_draws_a_recorded_trace():
    model, t = traced_fit()
    calls = visualize.call_diagram(t)
    assert isinstance(calls, graphviz.Digraph) and "Model.fit" in calls.source
    layer_graph = visualize.layer_graph(t, model=model)
    assert "dense_1" in layer_graph.source and "Dense" in layer_graph.source
    assert visualize.sequence_diagram(t).lstrip().startswith("sequenceDiagram")
    console = Console(width=120, color_system=None, record=True)
    console.print(visualize.tree(t, depth=2))
    console.print(visualize.stage_table(t))
    text = console.export_text()
    assert "Model.fit" in text and "time per stage" in text
    events = visualize.chrome_trace(t)["traceEvents"]
    assert any(e.get("name", "").endswith("Model.fit") for e in events)
    assert visualize.speedscope(t)["profiles"]
    assert visualize.html_report(t).startswith("<!DOCTYPE html>")


def test_a_trace_shows_as_its_html_report_in_jupyter():
    _, t = traced_fit()
    bundle = t._repr_mimebundle_()
    assert bundle["text/plain"] == repr(t)
    assert "<svg" in bundle["text/html"] and "<!DOCTYPE" not in bundle["text/html"]


def test_render_formats_are_the_ones_the_command_line_offers():
    from tracekeras import cli
    assert visualize.FORMATS == ("svg", "png", "dot", "mermaid", "perfetto", "speedscope", "html")
    assert cli.FORMATS is visualize.FORMATS
