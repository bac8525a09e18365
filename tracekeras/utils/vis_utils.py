"""``keras.utils.plot_model`` and ``model_to_dot``: a model's layer graph as a picture.

What it owns: Keras's two entry points and their checks (the model must be
built; ``layer_range`` names two layers; the Graphviz ``dot`` program must be
installed). What it receives: a model. It describes the model as the layer-graph
snapshot the engine records in a trace (``tracekeras.engine.functional.graph_snapshot``,
the ``G`` record of ``Functional._init_graph_network``) and hands that to the
trace renderer ``visualize.model_graph.layer_graph``, so a plotted model and a traced one
are drawn by the same code. ``model_to_dot`` hands on a ``graphviz.Digraph``
(Keras returns a ``pydot.Dot``); ``plot_model`` writes ``to_file`` in the format
its extension names (png when it has none) and returns an ``IPython.display.Image``
of it when IPython is installed (except for pdf), else None.
A model that is not a graph of layers (a subclassed model) is one box with its
name, as in Keras. No trace events: drawing a model is not an engine stage.
"""
import os
import sys

import graphviz

from tracekeras.engine.functional import graph_snapshot
from tracekeras.utils.layer_utils import get_layer_index_bound_by_layer_name
from visualize.dot import has_dot
from visualize.model_graph import layer_graph

NO_DOT = ("You must install pydot (`pip install pydot`) and install graphviz (see instructions "
          "at https://graphviz.gitlab.io/download/) for plot_model to work.")
NOT_BUILT = ("This model has not yet been built. Build the model first by calling `build()` "
             "or by calling the model on a batch of data.")


def model_to_dot(model, show_shapes=False, show_dtype=False, show_layer_names=True, rankdir="TB",
                 expand_nested=False, dpi=96, subgraph=False, layer_range=None,
                 show_layer_activations=False, show_trainable=False):
    """A ``graphviz.Digraph`` of the model's layers (one node per layer, edges by data flow)."""
    if not model.built:
        raise ValueError(NOT_BUILT)
    if not getattr(model, "_is_graph_network", False):
        dot = graphviz.Digraph(model.name)
        dot.node(str(id(model)), graphviz.escape(model.name), shape="record")
        return dot
    snapshot = model_snapshot(model, layer_range)
    return layer_graph(snapshot, rankdir=rankdir, dpi=dpi, show_shapes=show_shapes,
                       show_dtype=show_dtype, show_layer_names=show_layer_names,
                       show_layer_activations=show_layer_activations,
                       show_trainable=show_trainable, show_params=False, show_build=False,
                       expand_nested=expand_nested)


def model_snapshot(model, layer_range=None):
    """The model's layer-graph snapshot, cut to ``layer_range`` (two layer-name patterns)."""
    layers_by_depth = {}
    for depth, nodes in model._nodes_by_depth.items():
        for node in nodes:
            layers_by_depth.setdefault(depth, []).append(node.layer)
    snapshot = graph_snapshot(model, layers_by_depth, {})
    if layer_range is not None:
        low, high = layer_bounds(model, layer_range)
        kept = snapshot["layers"][low:high]
        names = {layer["name"] for layer in kept}
        snapshot = dict(snapshot, layers=kept,
                        edges=[e for e in snapshot["edges"] if e[0] in names and e[1] in names])
    return snapshot


def layer_bounds(model, layer_range):
    if len(layer_range) != 2:
        raise ValueError("layer_range must be of shape (2,). Received: "
                         f"layer_range = {layer_range} of length {len(layer_range)}")
    if not all(isinstance(name, str) for name in layer_range):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    bounds = get_layer_index_bound_by_layer_name(model, layer_range)
    if bounds[0] < 0 or bounds[1] > len(model.layers):
        raise ValueError(f"Both values in layer_range should be in range (0, "
                         f"{len(model.layers)}. Received: {bounds}")
    return bounds


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False,
               show_layer_names=True, rankdir="TB", expand_nested=False, dpi=96,
               layer_range=None, show_layer_activations=False, show_trainable=False):
    """Draw the model to ``to_file``; an ``IPython.display.Image`` of it, or None."""
    if not model.built:
        raise ValueError(NOT_BUILT)
    if not has_dot():
        if "IPython.core.magics.namespace" in sys.modules:   # in a notebook: say it, go on
            print(NO_DOT)
            return None
        raise ImportError(NO_DOT)
    dot = model_to_dot(model, show_shapes=show_shapes, show_dtype=show_dtype,
                       show_layer_names=show_layer_names, rankdir=rankdir,
                       expand_nested=expand_nested, dpi=dpi, layer_range=layer_range,
                       show_layer_activations=show_layer_activations,
                       show_trainable=show_trainable)
    to_file = os.fspath(to_file)
    extension = os.path.splitext(to_file)[1][1:] or "png"
    write(dot, to_file, extension)
    if extension == "pdf":
        return None
    try:
        from IPython import display  # optional: notebooks have it, tracekeras does not need it
    except ImportError:
        return None
    return display.Image(filename=to_file)


def write(dot, to_file, extension):
    """``to_file`` in the format ``extension`` (``dot`` laid out by Graphviz, as pydot does)."""
    data = dot.pipe(format=extension)
    with open(to_file, "wb") as f:
        f.write(data)
