"""The facts of layers, build and the functional graph, read from real tf_keras objects.

What it owns: the begin and end facts of ``Layer.__call__`` and its build path
(``_functional_construction_call`` ... ``Dense.build``, ``add_weight``), of
``Input`` and ``Sequential``, and of the graph a Functional maps
(``_map_graph_network``, ``_build_map`` and its helper, the ``G`` snapshot of
``_init_graph_network``), with the keys tracekeras's call sites give: ``layer``,
``cls``, ``input_shape``, ``weight``, ``shape``, ``initializer``, ``depth``,
``visit``. Conventions as in :mod:`facts` (``args(*a, **k)``, ``result(ret, a, k,
begun)``, ``_`` keys kept off the record); no TensorFlow import.
"""
from tracekeras.tracing.schema import inbound_edges

from .values import GRAPH, flatten, initializer_name, shape_list, structure_shapes

# The first-visit index of each layer (by id) from the last ``_build_map``, for the G snapshot.
LAST_VISITS = {}


def add_weight_args(self, name=None, shape=None, dtype=None, initializer=None, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__, "weight": name,
            "shape": shape_list(tuple(shape or ())), "initializer": initializer_name(initializer)}


def variable_result(ret, a, k, begun):
    return {"variable": ret.name}


def output_shape_result(ret, a, k, begun):
    return {"output_shape": structure_shapes(ret)}


def build_args(self, input_shape=None, *a, **k):
    return {"layer": self.name, "input_shape": shape_list(input_shape)}


def sequential_init_args(self, layers=None, name=None, **k):
    return {"layers": len(layers) if isinstance(layers, (list, tuple)) else int(layers is not None)}


def sequential_add_args(self, layer):
    return {"layer": self.name, "added": getattr(layer, "name", repr(layer))}


def input_args(shape=None, batch_size=None, name=None, dtype=None, *a, **k):
    batch_shape = k.get("batch_shape") or k.get("batch_input_shape")
    return {"shape": shape_list(shape) if isinstance(shape, (list, tuple)) else shape,
            "name": name, "batch_shape": shape_list(batch_shape) if batch_shape else None}


def input_result(ret, a, k, begun):
    return {"layer": ret._keras_history.layer.name, "output_shape": shape_list(ret.shape)}


def functional_init_args(self, *a, **k):
    return {"skip_init": bool(k.get("skip_init"))}


def run_graph_args(self, *a, **k):
    return {"cls": type(self).__name__, "training": k.get("training")}


def map_graph_args(inputs, outputs):
    return {"inputs": len(flatten(inputs)), "outputs": len(flatten(outputs))}


def map_graph_result(ret, a, k, begun):
    return {"layers": len(ret[2]), "nodes": len(ret[0])}


def build_map_args(outputs):
    return {"outputs": [t._keras_history.layer.name for t in flatten(outputs)
                        if getattr(t, "_keras_history", None) is not None]}


def build_map_result(ret, a, k, begun):
    """Keep each layer's first-visit index for the G snapshot that follows."""
    LAST_VISITS.clear()
    LAST_VISITS.update({id(layer): index for layer, index in ret[1].items()})
    return {}


def build_map_helper_args(tensor, finished_nodes, *a, **k):
    """The layer visited; whether its node was walked already (kept for the end record).
    ``depth`` and ``visit`` are counted by the wrapper, which sees the recursion."""
    layer, node_index, _ = tensor._keras_history
    node = layer._inbound_nodes[node_index]
    return {"layer": layer.name, "_finished": node in finished_nodes}


def build_map_helper_result(ret, a, k, begun):
    return {"finished": True} if begun.get("_finished") else {}


def graph_result(ret, a, k, begun):
    """After ``_init_graph_network``: the G snapshot a layer-graph drawing needs."""
    return {GRAPH: graph_snapshot(a[0])}


def graph_snapshot(model):
    """The same shape as tracekeras's ``functional.graph_snapshot``, from a tf_keras model:
    layers (name, class, shapes, params, depth, first visit), edges, inputs and outputs."""
    nodes = getattr(model, "_network_nodes", set())
    depth_of = {}
    for depth, by_depth in (getattr(model, "_nodes_by_depth", None) or {}).items():
        for node in by_depth:
            depth_of.setdefault(id(node.layer), depth)
    layers = list(getattr(model, "_self_tracked_trackables", []))
    visits = dict(LAST_VISITS)
    entries, edges = [], []
    for layer in layers:
        own = [n for i, n in enumerate(layer._inbound_nodes)
               if f"{layer.name}_ib-{i}" in nodes]   # tf_keras's functional._make_node_key
        node = own[0] if own else None
        entries.append({
            "name": layer.name, "class": type(layer).__name__,
            "input_shape": layer_input_shape(node),
            "output_shape": shape_list(node.output_shapes) if node is not None else None,
            "dtype": getattr(layer, "dtype", None), "params": count_params(layer),
            "trainable": bool(getattr(layer, "trainable", True)),
            "activation": activation_name(layer), "depth": depth_of.get(id(layer)),
            "visit": visits.get(id(layer)), "built_in": None})
        edges.extend(inbound_edges(layer, lambda of, i: f"{of.name}_ib-{i}" in nodes))
    return {"model": model.name, "class": type(model).__name__,
            "inputs": [layer.name for layer in getattr(model, "_input_layers", [])],
            "outputs": [layer.name for layer in getattr(model, "_output_layers", [])],
            "layers": entries, "edges": edges}


def layer_input_shape(node):
    if node is None:
        return None
    return shape_list(node.output_shapes if node.is_input else node.input_shapes)


def count_params(layer):
    try:
        return int(layer.count_params())
    except Exception:   # an unbuilt layer: Keras raises; the snapshot says 0
        return 0


def activation_name(layer):
    activation = getattr(layer, "activation", None)
    if activation is None or isinstance(activation, str):
        return activation
    return getattr(activation, "__name__", type(activation).__name__)


def layer_args(self, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__}
